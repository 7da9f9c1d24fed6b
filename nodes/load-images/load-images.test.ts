/** LoadImages: PNG and JPEG folders, labels from sub-folders, clear errors, captions, its cache fingerprint. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunPlace } from '../../engine/src/nodes/types.js';
import { NODE_IMPLEMENTATIONS } from '../../engine/src/nodes/index.js';
import { encodePng } from '../../engine/src/util/png.js';
import type { Dataset } from '../../engine/src/values.js';
import { disposeValue } from '../../engine/src/values.js';
import { tempDir } from '../../test/engine/helpers.js';
import { minMax, runNode, useTestBackend } from '../../test/engine/node-harness.js';

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

describe('LoadImages node', function () {
    this.timeout(120_000);
    before(useTestBackend);

    it('LoadImages reads PNG and JPEG folders with labels from sub-folders', async () => {
        const dir = tempDir();
        const img = (v: number) => encodePng({ width: 4, height: 3, channels: 3, data: new Uint8Array(36).fill(v).map((x, i) => (i % 3 === 0 ? 255 : x)) });
        fs.mkdirSync(path.join(dir, 'pics', 'cats'), { recursive: true });
        fs.mkdirSync(path.join(dir, 'pics', 'dogs'));
        fs.writeFileSync(path.join(dir, 'pics', 'cats', 'a.png'), img(10));
        fs.writeFileSync(path.join(dir, 'pics', 'dogs', 'b.png'), img(200));
        const jpeg = (await import('jpeg-js')).default;
        const rgba = Buffer.alloc(4 * 3 * 4, 128);
        fs.writeFileSync(path.join(dir, 'pics', 'dogs', 'c.jpg'), jpeg.encode({ data: rgba, width: 4, height: 3 }, 90).data);
        fs.writeFileSync(path.join(dir, 'pics', 'notes.txt'), 'ignored');
        const { out } = await runNode('LoadImages', { path: 'pics' }, {}, dir);
        const ds = out.dataset as Dataset;
        assert.deepEqual(ds.images.shape, [3, 3, 4, 3]);
        assert.deepEqual(ds.classNames, ['cats', 'dogs']);
        assert.deepEqual([...ds.labels], [0, 1, 1]);
        const [lo, hi] = await minMax(ds.images);
        assert.ok(lo >= 0 && hi <= 1);
        disposeValue(ds);
        const flat = (await runNode('LoadImages', { path: 'pics', recursive: false }, {}, dir).catch(e => e)) as Error;
        assert.match(flat.message, /no PNG or JPEG images/);
    });

    it('LoadImages reports missing folders, corrupt files by path and empty folders', async () => {
        const dir = tempDir();
        await assert.rejects(runNode('LoadImages', { path: 'nope' }, {}, dir), /image folder .*nope does not exist/);
        fs.mkdirSync(path.join(dir, 'empty'));
        await assert.rejects(runNode('LoadImages', { path: 'empty' }, {}, dir), /no PNG or JPEG images in .*empty/);
        fs.mkdirSync(path.join(dir, 'bad'));
        fs.writeFileSync(path.join(dir, 'bad', 'broken.png'), Buffer.from('not a png at all'));
        await assert.rejects(runNode('LoadImages', { path: 'bad' }, {}, dir), /cannot decode .*broken\.png/);
    });

    it('LoadImages with skipUnreadable: one corrupt file among good ones is skipped with one warning naming it', async () => {
        const dir = tempDir();
        const img = (v: number) => encodePng({ width: 4, height: 3, channels: 3, data: new Uint8Array(36).fill(v) });
        fs.mkdirSync(path.join(dir, 'many'));
        for (let i = 0; i < 5; i++) fs.writeFileSync(path.join(dir, 'many', `ok${i}.png`), img(40 * i));
        fs.writeFileSync(path.join(dir, 'many', 'broken.png'), Buffer.from('truncated'));
        await assert.rejects(runNode('LoadImages', { path: 'many' }, {}, dir), /cannot decode .*broken\.png/, 'the default still fails, naming the file');
        const { out, rec } = await runNode('LoadImages', { path: 'many', skipUnreadable: true }, {}, dir);
        const ds = out.dataset as Dataset;
        assert.equal(ds.images.shape[0], 5);
        assert.deepEqual(rec.warnings, [{ message: 'skipped 1 unreadable file of 6', code: 'skipped-files', items: [path.join('many', 'broken.png')] }]);
        disposeValue(ds);
        fs.mkdirSync(path.join(dir, 'none'));
        fs.writeFileSync(path.join(dir, 'none', 'x.png'), Buffer.from('nope'));
        await assert.rejects(runNode('LoadImages', { path: 'none', skipUnreadable: true }, {}, dir), /none of the 1 images/);
    });

    describe('captions', () => {
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
});
