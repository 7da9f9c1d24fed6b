/** Runs of real .flow files: end to end, the cache rules, determinism and event order. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiskCache } from '../../engine/src/cache/disk-cache.js';
import { decodePng, readPngText } from '../../engine/src/util/png.js';
import * as tf from '@tensorflow/tfjs-core';
import { eventsOf, run, tempDir, tinyGanFlow, writeFlow } from './helpers.js';

function pngsIn(dir: string): string[] {
    return fs.existsSync(dir) ? fs.readdirSync(dir).filter(f => f.endsWith('.png')).sort() : [];
}

describe('engine executor', function () {
    this.timeout(180_000);

    it('runs a tiny GAN end to end: PNGs of the right size, real content, workflow embedded; events in order', async () => {
        const dir = tempDir();
        const source = tinyGanFlow({ maxSteps: 40, extra: '    grid = ImageGrid(images: samples, columns: 2)\n    PreviewImage(images: grid)\n' });
        const file = writeFlow(dir, 'tiny.flow', source);
        const result = await run({ file });
        assert.equal(result.status, 'success', result.message);
        const kinds = result.events.map(e => e.event);
        assert.equal(kinds[0], 'run-start');
        assert.equal(kinds.at(-1), 'run-end');
        const start = eventsOf(result.events, 'run-start')[0];
        assert.equal(start.workflow, 'Tiny');
        assert.equal(start.outputDir, path.join(dir, 'flow-output', 'Tiny'));
        assert.deepEqual(start.nodes.map(n => n.id), ['digits', 'norm', 'gen', 'disc', 'trained', 'samples', 'SaveImages#1', 'grid', 'PreviewImage#1']);
        assert.equal(start.nodes[0].range.start.line, 1);
        assert.ok(eventsOf(result.events, 'progress').some(p => p.node === 'trained' && p.max === 40 && typeof p.metrics?.dLoss === 'number'));
        assert.ok(eventsOf(result.events, 'preview').length >= 1);
        assert.equal(eventsOf(result.events, 'node-end').length, 9);
        const end = eventsOf(result.events, 'run-end')[0];
        assert.deepEqual([end.status, end.executed, end.cached], ['success', 9, 0]);

        const out = path.join(dir, 'flow-output', 'Tiny', 'tiny');
        assert.deepEqual(pngsIn(out), ['sample_00001.png', 'sample_00002.png', 'sample_00003.png', 'sample_00004.png']);
        for (const name of pngsIn(out)) {
            const bytes = fs.readFileSync(path.join(out, name));
            const png = decodePng(bytes);
            assert.deepEqual([png.width, png.height], [28, 28]);
            const values = new Set<number>();
            for (let i = 0; i < png.rgba.length; i += 4) values.add(png.rgba[i]);
            assert.ok(values.size > 10, `${name} has ${values.size} distinct gray levels`);
            const text = readPngText(bytes);
            assert.equal(text.workflow, source);
            const prompt = JSON.parse(text.prompt);
            assert.equal(prompt.nodes.samples.params.seed, 42);
            assert.equal(prompt.node, 'SaveImages#1');
        }
        const images = eventsOf(result.events, 'image');
        assert.equal(images.filter(i => i.saved).length, 4);
        assert.deepEqual(images.find(i => i.saved)!.args, { node: 'samples', type: 'SampleGAN', count: 4, seed: 42 });
        const preview = images.find(i => !i.saved)!;
        assert.ok(fs.existsSync(preview.path) && !preview.path.startsWith(dir));
    });

    it('caches by content: unchanged -> 0 executed; seed change -> only SampleGAN and after; renames, comments and order never invalidate', async () => {
        const dir = tempDir();
        const file = writeFlow(dir, 'cache.flow', tinyGanFlow());
        const first = await run({ file });
        assert.equal(first.status, 'success', first.message);
        assert.equal(first.executed.length, 7);

        const second = await run({ file });
        assert.equal(second.status, 'success');
        assert.deepEqual(second.executed, []);
        assert.equal(second.cached.length, 7);
        assert.equal(eventsOf(second.events, 'node-cached').length, 7);
        assert.equal(eventsOf(second.events, 'image').length, 4, 'cached outputs replay their image events');
        assert.equal(pngsIn(path.join(dir, 'flow-output', 'Tiny', 'tiny')).length, 4, 'nothing saved twice');

        writeFlow(dir, 'cache.flow', tinyGanFlow({ sampleSeed: 7 }));
        const reseeded = await run({ file });
        assert.deepEqual(reseeded.executed, ['samples', 'SaveImages#1']);
        assert.ok(eventsOf(reseeded.events, 'node-cached').some(e => e.node === 'trained' && e.source === 'disk'));
        assert.deepEqual(pngsIn(path.join(dir, 'flow-output', 'Tiny', 'tiny')).slice(-1), ['sample_00008.png'], 'new files, counting up');

        // Renamed nodes, a comment, reordered lines and different formatting: still all cached.
        const renamed = `// the same workflow, rewritten
workflow Tiny {
    disc = DCGANDiscriminator(imageSize: 28, channels: 1, filters: 4)
    g = DCGANGenerator(latentDim: 8, imageSize: 28, channels: 1,
                       filters: 4)
    mnist = LoadMNIST(limit: 64)
    normalized = Normalize(dataset: mnist)   /* low/high are the defaults */
    gan = TrainGAN(generator: g, discriminator: disc, dataset: normalized,
        epochs: 100, batchSize: 8, maxSteps: 3, previewEvery: 2, learningRate: 2e-4)
    pictures = SampleGAN(generator: gan.generator, count: 4, seed: 7)
    SaveImages(images: pictures, prefix: "tiny/sample")
}
`;
        writeFlow(dir, 'cache.flow', renamed);
        const again = await run({ file });
        assert.equal(again.status, 'success', again.message);
        assert.deepEqual(again.executed, []);
    });

    it('re-runs output nodes whose files were deleted, and --no-cache runs everything without touching the cache', async () => {
        const dir = tempDir();
        const file = writeFlow(dir, 'w.flow', tinyGanFlow());
        const cacheDir = path.join(dir, 'cache');
        assert.equal((await run({ file, cacheDir })).executed.length, 7);
        fs.rmSync(path.join(dir, 'flow-output'), { recursive: true });
        const rerun = await run({ file, cacheDir });
        assert.deepEqual(rerun.executed, ['SaveImages#1'], 'only the saver runs again; the samples come from the cache');
        assert.equal(pngsIn(path.join(dir, 'flow-output', 'Tiny', 'tiny')).length, 4);
        const entries = fs.readdirSync(cacheDir).length;
        const uncached = await run({ file, noCache: true, outDir: path.join(dir, 'other') });
        assert.equal(uncached.executed.length, 7);
        assert.equal(fs.readdirSync(cacheDir).length, entries);
        assert.ok(!fs.existsSync(path.join(dir, '.flowstudio')), 'a custom cache folder is used instead of the default');
    });

    it('recomputes an unreadable cache entry from its cached inputs, without re-running what they came from', async () => {
        const dir = tempDir();
        const file = writeFlow(dir, 'w.flow', tinyGanFlow());
        const cacheDir = path.join(dir, 'cache');
        assert.equal((await run({ file, cacheDir })).executed.length, 7);
        const samples = fs.readdirSync(cacheDir).find(name => {
            const entry = path.join(cacheDir, name, 'entry.json');
            return fs.existsSync(entry) && JSON.parse(fs.readFileSync(entry, 'utf8')).type === 'SampleGAN';
        })!;
        for (const f of fs.readdirSync(path.join(cacheDir, samples))) if (f.endsWith('.f32')) fs.rmSync(path.join(cacheDir, samples, f));
        fs.rmSync(path.join(dir, 'flow-output'), { recursive: true });
        const rerun = await run({ file, cacheDir });
        assert.equal(rerun.status, 'success', rerun.message);
        assert.deepEqual(rerun.executed, ['samples', 'SaveImages#1'], 'the trained generator comes from the cache');
        assert.ok(eventsOf(rerun.events, 'node-cached').some(e => e.node === 'trained' && e.source === 'disk'));
    });

    it('gives the same images for the same seeds (no cache, two output folders)', async () => {
        const dir = tempDir();
        const file = writeFlow(dir, 'det.flow', tinyGanFlow());
        const a = await run({ file, noCache: true, outDir: path.join(dir, 'a') });
        const b = await run({ file, noCache: true, outDir: path.join(dir, 'b') });
        assert.equal(a.status, 'success');
        assert.equal(b.status, 'success');
        for (const name of pngsIn(path.join(dir, 'a', 'tiny'))) {
            assert.deepEqual(decodePng(fs.readFileSync(path.join(dir, 'a', 'tiny', name))).rgba, decodePng(fs.readFileSync(path.join(dir, 'b', 'tiny', name))).rgba, name);
        }
    });

    it('disposes every tensor and model it made', async () => {
        const dir = tempDir();
        const file = writeFlow(dir, 'mem.flow', tinyGanFlow({ extra: '    grid = ImageGrid(images: samples)\n    PreviewImage(images: grid)\n' }));
        await run({ file, noCache: true, outDir: path.join(dir, 'warm') }); // backend set-up allocates once
        const before = tf.memory().numTensors;
        const result = await run({ file, noCache: true, outDir: path.join(dir, 'a') });
        assert.equal(result.status, 'success');
        assert.equal(tf.memory().numTensors, before, 'no tensor left behind by a run');
        await run({ file, outDir: path.join(dir, 'b') });
        const fromCache = await run({ file, outDir: path.join(dir, 'c') }); // loads cached values from disk
        assert.deepEqual(fromCache.executed, ['SaveImages#1']);
        assert.equal(tf.memory().numTensors, before, 'no tensor left behind by cache loads');
    });

    it('the disk cache evicts least recently used entries beyond its size limit', async () => {
        const dir = tempDir();
        const cache = new DiskCache(path.join(dir, 'c'), 1000);
        const value = (n: number) => ({ v: { kind: 'IMAGE' as const, images: tf.zeros([1, n, n, 1]) as tf.Tensor4D } });
        await cache.store('a', 'X', value(10), [], []); // 400 bytes
        await cache.store('b', 'X', value(10), [], []);
        await new Promise(r => setTimeout(r, 20));
        cache.touch('a'); // a is now more recent than b
        await new Promise(r => setTimeout(r, 20));
        await cache.store('c', 'X', value(10), [], []); // 1200 bytes in all: the least recently used goes
        assert.ok(cache.lookup('a'));
        assert.equal(cache.lookup('b'), undefined);
        assert.ok(cache.lookup('c'));
        const loaded = await cache.load(cache.lookup('c')!);
        assert.deepEqual((loaded.v as { images: tf.Tensor }).images.shape, [1, 10, 10, 1]);
        assert.deepEqual(fs.readdirSync(path.join(dir, 'c')).filter(n => n.startsWith('.tmp')), [], 'no temp folders left');
    });

    it('stops at the next batch when cancelled in-process, caching nothing half-done', async () => {
        const dir = tempDir();
        const file = writeFlow(dir, 'cancel.flow', tinyGanFlow({ maxSteps: 60 }));
        const controller = new AbortController();
        const events: string[] = [];
        const result = await run({
            file, signal: controller.signal,
            onEvent: e => { events.push(e.event); if (e.event === 'progress' && e.value >= 2) controller.abort(); },
        });
        assert.equal(result.status, 'cancelled');
        assert.ok(!result.executed.includes('trained'));
        assert.equal(eventsOf(result.events, 'run-end')[0].status, 'cancelled');
        const resumed = await run({ file });
        assert.ok(resumed.cached.includes('digits') && resumed.cached.includes('norm'));
        assert.ok(resumed.executed.includes('trained'));
    });
});
