/** Captions on datasets: each loader's, the Captions node's, and that transforms and the cache keep them. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../engine/src/backends/index.js';
import { NODE_IMPLEMENTATIONS } from '../../engine/src/nodes/index.js';
import type { RunPlace } from '../../engine/src/nodes/types.js';
import { encodePng } from '../../engine/src/util/png.js';
import { readValue, writeValue } from '../../engine/src/cache/serialize.js';
import type { Dataset } from '../../engine/src/values.js';
import { disposeValue } from '../../engine/src/values.js';
import { DIGIT_WORDS, fillDigitTemplate, HELD_OUT_TEMPLATES, TRAINING_TEMPLATES } from '../../nodes/load-mnist/captions.js';
import { backgroundName, colorName } from '../../nodes/synthetic-shapes/run.js';
import { DiskCache } from '../../engine/src/cache/disk-cache.js';
import { run, tempDir, TEST_BACKEND, writeFlow } from './helpers.js';
import { runNode } from './node-harness.js';

function tinyDataset(captions?: string[]): Dataset {
    const n = 4;
    const size = n * 8 * 8 * 3;
    const images = tf.tensor4d(Float32Array.from({ length: size }, (_, i) => i / size), [n, 8, 8, 3]);
    return { kind: 'DATASET', images, labels: Int32Array.from([0, 1, 2, 1]), classNames: ['cat', 'dog', 'owl'], range: [0, 1], ...(captions ? { captions } : {}) };
}

/** A folder of tiny PNGs (written here, `files` relative to it) and optional text files. */
function imageFolder(files: string[], texts: Record<string, string> = {}): { dir: string; root: string } {
    const dir = tempDir();
    const root = path.join(dir, 'pics');
    files.forEach((file, i) => {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), encodePng({ width: 2, height: 2, channels: 3, data: new Uint8Array(12).fill(20 * i) }));
    });
    for (const [file, text] of Object.entries(texts)) fs.writeFileSync(path.join(root, file), text);
    return { dir, root };
}

describe('dataset captions', function () {
    this.timeout(120_000);
    before(async () => { await initBackend(TEST_BACKEND); });

    describe('LoadMNIST', () => {
        it('captions every digit from the training templates, naming its label, the same way every run', async () => {
            const a = (await runNode('LoadMNIST', { limit: 60 })).out.dataset as Dataset;
            const b = (await runNode('LoadMNIST', { limit: 60 })).out.dataset as Dataset;
            assert.equal(a.captions?.length, 60);
            assert.deepEqual(a.captions, b.captions);
            const used = new Set<string>();
            a.captions!.forEach((caption, i) => {
                const digit = a.labels[i];
                const template = TRAINING_TEMPLATES.find(t => fillDigitTemplate(t, digit) === caption);
                assert.ok(template, `"${caption}" is no training template filled for ${digit}`);
                used.add(template);
                assert.ok(caption.includes(DIGIT_WORDS[digit]) || caption.endsWith(` ${digit}`), caption);
            });
            assert.ok(used.size >= 3, `only ${used.size} templates used`);
            [a, b].forEach(disposeValue);
        });

        it('gives an image the same caption whatever else is loaded', async () => {
            const all = (await runNode('LoadMNIST', { limit: 40 })).out.dataset as Dataset;
            const sevens = (await runNode('LoadMNIST', { limit: 4, digits: [7] })).out.dataset as Dataset;
            const fromAll = all.captions!.filter((_, i) => all.labels[i] === 7);
            assert.deepEqual(sevens.captions, fromAll);
            [all, sevens].forEach(disposeValue);
        });

        it('keeps held-out phrasings out of training', () => {
            for (let d = 0; d < 10; d++) {
                const train = new Set(TRAINING_TEMPLATES.map(t => fillDigitTemplate(t, d)));
                for (const t of HELD_OUT_TEMPLATES) assert.ok(!train.has(fillDigitTemplate(t, d)));
            }
            assert.equal(fillDigitTemplate('a drawing of {a word}', 8), 'a drawing of an eight');
            assert.equal(fillDigitTemplate('number {word} written by hand', 7), 'number seven written by hand');
        });
    });

    describe('SyntheticShapes', () => {
        it('names the colours of the pixels', () => {
            assert.equal(colorName([1, 0.4, 0.4]), 'red');
            assert.equal(colorName([1, 0.6, 0.35]), 'orange');
            assert.equal(colorName([0.4, 1, 0.5]), 'green');
            assert.equal(colorName([0.4, 0.5, 1]), 'blue');
            assert.equal(colorName([0.7, 0.4, 1]), 'purple');
            assert.equal(colorName([1, 0.95, 0.92]), 'white');
            assert.equal(backgroundName([0.02, 0.01, 0.03]), 'black');
            assert.equal(backgroundName([0.05, 0.05, 0.2]), 'dark blue');
            assert.equal(backgroundName([0.15, 0.14, 0.15]), 'dark gray');
            assert.equal(backgroundName([0.2, 0.1, 0.02]), 'brown');
        });

        it('captions size, colour, shape, position and background of what it drew, deterministically', async () => {
            const size = 16;
            const a = (await runNode('SyntheticShapes', { count: 24, size, seed: 5 })).out.dataset as Dataset;
            const b = (await runNode('SyntheticShapes', { count: 24, size, seed: 5 })).out.dataset as Dataset;
            assert.deepEqual(a.captions, b.captions);
            const pixels = await a.images.data();
            const per = size * size * 3;
            const shape = /^a (small|medium|large) (\w+) (circle|square|triangle) (at the (?:top|bottom)(?: left| right)?|on the (?:left|right)|in the center) on a ((?:dark )?\w+) background$/;
            const sizes = new Set<string>();
            const places = new Set<string>();
            a.captions!.forEach((caption, i) => {
                const m = shape.exec(caption);
                assert.ok(m, caption);
                sizes.add(m[1]);
                places.add(m[4]);
                assert.equal(m[3], a.classNames[a.labels[i]]);
                // The brightest pixel is fully inside the shape (its colour); the corner is background.
                let best = 0;
                for (let p = 0; p < size * size; p++) {
                    const sum = (q: number) => pixels[i * per + q * 3] + pixels[i * per + q * 3 + 1] + pixels[i * per + q * 3 + 2];
                    if (sum(p) > sum(best)) best = p;
                }
                const rgb = (p: number) => [0, 1, 2].map(c => pixels[i * per + p * 3 + c]);
                assert.equal(m[2], colorName(rgb(best)), caption);
                assert.equal(m[5], backgroundName(rgb(0)), caption);
            });
            assert.ok(sizes.size >= 2 && places.size >= 3, `sizes and places vary: ${[...sizes]} ${[...places]}`);
            [a, b].forEach(disposeValue);
        });
    });

    describe('LoadImages', () => {
        it('reads sidecar name.txt files', async () => {
            const { dir } = imageFolder(['a.png', 'b.png'], { 'a.txt': 'a red circle\n', 'b.txt': '\uFEFFtwo  words ' });
            const { out, rec } = await runNode('LoadImages', { path: 'pics' }, {}, dir);
            const ds = out.dataset as Dataset;
            assert.deepEqual(ds.captions, ['a red circle', 'two  words']);
            assert.deepEqual(rec.warnings, []);
            disposeValue(ds);
        });

        it('reads metadata.jsonl (file_name relative to its folder), a sidecar winning over it', async () => {
            const metadata = [
                JSON.stringify({ file_name: 'cats/a.png', text: 'a cat' }),
                '',
                JSON.stringify({ file_name: 'dogs/b.png', text: 'a dog', extra: 3 }),
                JSON.stringify({ file_name: 'dogs/c.png', text: 'from metadata' }),
                JSON.stringify({ file_name: 'gone.png', text: 'no such image' }),
            ].join('\r\n');
            const { dir } = imageFolder(['cats/a.png', 'dogs/b.png', 'dogs/c.png'], { 'metadata.jsonl': metadata, 'dogs/c.txt': 'from the sidecar' });
            const { out, rec } = await runNode('LoadImages', { path: 'pics' }, {}, dir);
            const ds = out.dataset as Dataset;
            assert.deepEqual(ds.classNames, ['cats', 'dogs']);
            assert.deepEqual(ds.captions, ['a cat', 'a dog', 'from the sidecar']);
            assert.deepEqual(rec.warnings, []);
            disposeValue(ds);
        });

        it('warns with the paths of images without a caption, which get an empty one', async () => {
            const { dir } = imageFolder(['a.png', 'b.png', 'sub/c.png', 'sub/d.png'], {
                'a.txt': 'first', 'b.txt': '  ', 'sub/metadata.jsonl': JSON.stringify({ file_name: 'd.png', text: 'fourth' }) + '\n' + JSON.stringify({ file_name: 'c.png' }),
            });
            const { out, rec } = await runNode('LoadImages', { path: 'pics' }, {}, dir);
            const ds = out.dataset as Dataset;
            assert.deepEqual(ds.captions, ['first', '', '', 'fourth']);
            assert.equal(rec.warnings.length, 1);
            assert.equal(rec.warnings[0].code, 'missing-caption');
            assert.deepEqual(rec.warnings[0].items, [path.join('pics', 'b.png'), path.join('pics', 'sub', 'c.png')]);
            assert.match(rec.warnings[0].message, /2 of 4 images have no caption/);
            disposeValue(ds);
        });

        it('has no captions and no warning for a folder without any', async () => {
            const { dir } = imageFolder(['a.png', 'b.png'], { 'notes.txt': 'not a caption' });
            const { out, rec } = await runNode('LoadImages', { path: 'pics' }, {}, dir);
            assert.equal((out.dataset as Dataset).captions, undefined);
            assert.deepEqual(rec.warnings, []);
            disposeValue(out.dataset);
        });

        it('names the file and line of a malformed metadata.jsonl line', async () => {
            const good = JSON.stringify({ file_name: 'a.png', text: 'ok' });
            for (const [bad, why] of [['{"file_name": "a.png", "text": ', /not valid JSON/], ['["a.png"]', /not a JSON object/], ['{"text": "x"}', /"file_name" is missing/], ['{"file_name": "a.png", "text": 7}', /"text" of a.png is not a string/]] as const) {
                const { dir, root } = imageFolder(['a.png'], { 'metadata.jsonl': `${good}\n\n${bad}\n` });
                await assert.rejects(runNode('LoadImages', { path: 'pics' }, {}, dir), (e: Error & { code?: string }) => {
                    assert.ok(e.message.startsWith(`${path.join(root, 'metadata.jsonl')}:3: `), e.message);
                    assert.match(e.message, why);
                    assert.equal(e.code, 'bad-metadata');
                    return true;
                });
            }
        });

        it('re-runs when a caption file is added, changed or removed (its cache fingerprint covers them)', () => {
            const { dir, root } = imageFolder(['a.png', 'sub/b.png']);
            const place: RunPlace = { workflow: 'T', flowFile: path.join(dir, 't.flow'), flowDir: dir, outputDir: path.join(dir, 'out') };
            const impl = NODE_IMPLEMENTATIONS.get('LoadImages')!;
            const fingerprint = () => impl.fingerprint!(place, { path: 'pics', recursive: true });
            const seen = new Set([fingerprint()]);
            const changes = [
                () => fs.writeFileSync(path.join(root, 'a.txt'), 'a caption'),
                () => fs.writeFileSync(path.join(root, 'a.txt'), 'a longer caption'),
                () => fs.writeFileSync(path.join(root, 'sub', 'metadata.jsonl'), '{"file_name": "b.png", "text": "b"}'),
                () => fs.writeFileSync(path.join(root, 'metadata.jsonl'), '{"file_name": "a.png", "text": "a"}'),
                () => fs.rmSync(path.join(root, 'a.txt')),
            ];
            for (const change of changes) {
                change();
                const now = fingerprint();
                assert.ok(!seen.has(now), `unchanged after ${change}`);
                seen.add(now);
            }
        });
    });

    describe('Captions node', () => {
        it('captions every image from its class name, number and caption in mode replace', async () => {
            const ds = tinyDataset(['old a', '', 'old c', 'old d']);
            const run = async (params: Record<string, string>) => (await runNode('Captions', params, { dataset: ds })).out.dataset as Dataset;
            const plain = await run({});
            assert.deepEqual(plain.captions, ['a photo of a cat', 'a photo of a dog', 'a photo of a owl', 'a photo of a dog']);
            assert.deepEqual([...plain.labels], [...ds.labels]);
            assert.deepEqual(await plain.images.data(), await ds.images.data());
            const all = await run({ template: '{{{index}}} {caption}, {label}' });
            assert.deepEqual(all.captions, ['{0} old a, cat', '{1} , dog', '{2} old c, owl', '{1} old d, dog']);
            // The output is disposed on its own: the input's images stay usable.
            disposeValue(plain);
            disposeValue(all);
            assert.equal((await ds.images.data()).length, 4 * 8 * 8 * 3);
            disposeValue(ds);
        });

        it('fills only empty or absent captions in mode missing', async () => {
            const ds = tinyDataset(['kept', '', 'also kept', '']);
            const out = (await runNode('Captions', { template: 'a {label}', mode: 'missing' }, { dataset: ds })).out.dataset as Dataset;
            assert.deepEqual(out.captions, ['kept', 'a dog', 'also kept', 'a dog']);
            const bare = tinyDataset();
            const filled = (await runNode('Captions', { template: 'a {label}', mode: 'missing' }, { dataset: bare })).out.dataset as Dataset;
            assert.deepEqual(filled.captions, ['a cat', 'a dog', 'a owl', 'a dog']);
            [ds, out, bare, filled].forEach(disposeValue);
        });

        it('refuses unknown placeholders, stray braces and a {caption} that cannot have one', async () => {
            const ds = tinyDataset();
            const fails = (params: Record<string, string>, message: RegExp) => assert.rejects(runNode('Captions', params, { dataset: ds }), message);
            await fails({ template: 'a {colour} {label}' }, /unknown placeholder \{colour\} — use \{label\}, \{index\}, \{caption\}/);
            await fails({ template: 'a {label' }, /has a "\{" without its "\}"/);
            await fails({ template: 'a label}' }, /has a "\}" without its "\{"/);
            await fails({ template: '{caption} {label}' }, /dataset has no captions for \{caption\}/);
            await fails({ template: '{caption} {label}', mode: 'missing' }, /always empty in mode "missing"/);
            disposeValue(ds);
        });
    });

    describe('through the dataset nodes and the cache', () => {
        it('Resize, CenterCrop, Normalize and RandomFlip keep captions in image order', async () => {
            const captions = ['a', 'b', 'c', 'd'];
            const ds = tinyDataset(captions);
            let current = ds;
            for (const [type, params] of [['Resize', { width: 6, height: 6 }], ['CenterCrop', { width: 4, height: 4 }], ['Normalize', {}], ['RandomFlip', { seed: 2 }]] as const) {
                const next = (await runNode(type, params, { dataset: current })).out.dataset as Dataset;
                assert.deepEqual(next.captions, captions, type);
                assert.deepEqual([...next.labels], [...ds.labels], type);
                if (current !== ds) disposeValue(current);
                current = next;
            }
            disposeValue(current);
            const bare = (await runNode('Resize', { width: 4, height: 4 }, { dataset: tinyDataset() })).out.dataset as Dataset;
            assert.equal('captions' in bare, false);
            disposeValue(ds);
            disposeValue(bare);
        });

        it('reach the disk cache through a workflow run: Captions after SyntheticShapes, then Normalize', async () => {
            const dir = tempDir();
            const file = writeFlow(dir, 'c.flow', `workflow C {
    shapes = SyntheticShapes(count: 3, size: 8, seed: 1)
    named = Captions(dataset: shapes, template: "{caption}, a {label}")
    norm = Normalize(dataset: named)
    first = DatasetImages(dataset: norm, count: 1)
    SaveImages(images: first, prefix: "c/img")
}
`);
            const result = await run({ file });
            assert.equal(result.status, 'success', result.message);
            const cacheDir = path.join(dir, '.flowstudio', 'cache');
            const cache = new DiskCache(cacheDir);
            const entries = fs.readdirSync(cacheDir).map(key => cache.lookup(key)).filter(e => e !== undefined);
            const datasetOf = async (type: string) => (await cache.load(entries.find(e => e.type === type)!)).dataset as Dataset;
            const shapes = await datasetOf('SyntheticShapes');
            const norm = await datasetOf('Normalize');
            assert.equal(shapes.captions?.length, 3);
            assert.deepEqual(norm.captions, shapes.captions!.map((c, i) => `${c}, a ${shapes.classNames[shapes.labels[i]]}`));
            [shapes, norm].forEach(disposeValue);
        });

        it('survives the cache round trip, and datasets without captions stay without', async () => {
            const dir = tempDir();
            const ds = tinyDataset(['a red "cat"', 'ünïcode dög', '', 'line\nbreak']);
            const { stored } = await writeValue(dir, 'ds', ds);
            const back = await readValue(dir, JSON.parse(JSON.stringify(stored)), 'ds') as Dataset;
            assert.deepEqual(back.captions, ds.captions);
            assert.deepEqual(await back.images.data(), await ds.images.data());
            const plain = tinyDataset();
            const { stored: plainStored } = await writeValue(dir, 'plain', plain);
            const plainBack = await readValue(dir, JSON.parse(JSON.stringify(plainStored)), 'plain') as Dataset;
            assert.equal('captions' in plainBack, false);
            [ds, back, plain, plainBack].forEach(disposeValue);
        });
    });
});
