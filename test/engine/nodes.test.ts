/** Every node on tiny inputs: shapes, value ranges, determinism, clear errors. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FlowError } from '../../engine/src/errors.js';
import * as tf from '@tensorflow/tfjs-core';
import { NODE_SCHEMAS } from '../../catalog/src/index.js';
import { initBackend } from '../../engine/src/backends/index.js';
import { NODE_IMPLEMENTATIONS } from '../../engine/src/nodes/index.js';
import { decodePng, encodePng, readPngText } from '../../engine/src/util/png.js';
import type { Dataset, Generator, Images } from '../../engine/src/values.js';
import { disposeValue } from '../../engine/src/values.js';
import { tempDir, TEST_BACKEND } from './helpers.js';
import { runNode } from './node-harness.js';

function dataset(n: number, size: number, channels: number, range: [number, number] = [0, 1]): Dataset {
    const images = tf.tidy(() => tf.add(tf.mul(tf.randomUniform([n, size, size, channels], 0, 1, 'float32', 5), range[1] - range[0]), range[0]) as tf.Tensor4D);
    return { kind: 'DATASET', images, labels: Int32Array.from({ length: n }, (_, i) => i % 3), classNames: ['a', 'b', 'c'], range };
}

async function minMax(t: tf.Tensor): Promise<[number, number]> {
    return [(await tf.min(t).data())[0], (await tf.max(t).data())[0]];
}

describe('engine nodes', function () {
    this.timeout(120_000);
    before(async () => { await initBackend(TEST_BACKEND); });

    it('implements exactly the catalog node types', () => {
        assert.deepEqual([...NODE_IMPLEMENTATIONS.keys()].sort(), NODE_SCHEMAS.map(s => s.name).sort());
    });

    it('LoadMNIST loads real digits in [0, 1], balanced, filtered by digits', async () => {
        const { out } = await runNode('LoadMNIST', { limit: 50 });
        const ds = out.dataset as Dataset;
        assert.deepEqual(ds.images.shape, [50, 28, 28, 1]);
        assert.deepEqual([...ds.labels.slice(0, 10)], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        const [lo, hi] = await minMax(ds.images);
        assert.equal(lo, 0);
        assert.ok(hi > 0.9 && hi <= 1);
        const mean = (await tf.mean(ds.images).data())[0];
        assert.ok(mean > 0.05 && mean < 0.3, `mean ink ${mean}`); // digits: mostly dark background
        const { out: some } = await runNode('LoadMNIST', { limit: 20, digits: [3, 7] });
        assert.deepEqual(new Set((some.dataset as Dataset).labels), new Set([3, 7]));
        disposeValue(ds);
        disposeValue(some.dataset);
    });

    it('SyntheticShapes is deterministic for a seed, RGB in [0, 1], three labels', async () => {
        const a = (await runNode('SyntheticShapes', { count: 12, size: 16, seed: 3 })).out.dataset as Dataset;
        const b = (await runNode('SyntheticShapes', { count: 12, size: 16, seed: 3 })).out.dataset as Dataset;
        const c = (await runNode('SyntheticShapes', { count: 12, size: 16, seed: 4 })).out.dataset as Dataset;
        assert.deepEqual(a.images.shape, [12, 16, 16, 3]);
        assert.deepEqual(await a.images.data(), await b.images.data());
        assert.notDeepEqual(await a.images.data(), await c.images.data());
        const [lo, hi] = await minMax(a.images);
        assert.ok(lo >= 0 && hi <= 1 && hi > 0.9);
        assert.ok(a.labels.every(l => l >= 0 && l < 3));
        [a, b, c].forEach(disposeValue);
    });

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

    it('Resize, CenterCrop, Normalize and RandomFlip keep labels and transform images', async () => {
        const ds = dataset(4, 8, 3);
        const resized = (await runNode('Resize', { width: 6, height: 4 }, { dataset: ds })).out.dataset as Dataset;
        assert.deepEqual(resized.images.shape, [4, 4, 6, 3]);
        assert.equal(resized.labels, ds.labels);
        const nearest = (await runNode('Resize', { width: 16, height: 16, mode: 'nearest' }, { dataset: ds })).out.dataset as Dataset;
        assert.deepEqual(nearest.images.shape, [4, 16, 16, 3]);
        const cropped = (await runNode('CenterCrop', { width: 4, height: 2 }, { dataset: ds })).out.dataset as Dataset;
        assert.deepEqual(cropped.images.shape, [4, 2, 4, 3]);
        assert.deepEqual(await cropped.images.data(), await tf.slice(ds.images, [0, 3, 2, 0], [4, 2, 4, 3]).data());
        await assert.rejects(runNode('CenterCrop', { width: 9, height: 2 }, { dataset: ds }), /cannot crop 9x2 from images of 8x8/);
        const norm = (await runNode('Normalize', { low: -1, high: 1 }, { dataset: ds })).out.dataset as Dataset;
        const [lo, hi] = await minMax(norm.images);
        assert.ok(lo >= -1 && lo < -0.9 && hi <= 1 && hi > 0.9);
        assert.deepEqual(norm.range, [-1, 1]);
        const flipA = (await runNode('RandomFlip', { seed: 1 }, { dataset: ds })).out.dataset as Dataset;
        const flipB = (await runNode('RandomFlip', { seed: 1 }, { dataset: ds })).out.dataset as Dataset;
        assert.deepEqual(await flipA.images.data(), await flipB.images.data());
        // Each image is either itself or its mirror image.
        for (let i = 0; i < 4; i++) {
            const orig = tf.slice(ds.images, [i, 0, 0, 0], [1, 8, 8, 3]);
            const got = await tf.slice(flipA.images, [i, 0, 0, 0], [1, 8, 8, 3]).data();
            const same = tf.util.arraysEqual(got, await orig.data());
            const mirrored = tf.util.arraysEqual(got, await tf.reverse(orig, 2).data());
            assert.ok(same || mirrored);
        }
        [ds, resized, nearest, cropped, norm, flipA, flipB].forEach(disposeValue);
    });

    it('DCGAN models have the right shapes for 28, 32 and 64 and are identical for identical parameters', async () => {
        for (const [imageSize, channels] of [[28, 1], [32, 3], [64, 1]]) {
            const g = (await runNode('DCGANGenerator', { latentDim: 5, imageSize, channels, filters: 4 })).out.generator as Generator;
            const d = (await runNode('DCGANDiscriminator', { imageSize, channels, filters: 4 })).out.discriminator;
            assert.equal(d.kind, 'DISCRIMINATOR');
            const img = g.model.predict(tf.ones([2, 5])) as tf.Tensor;
            assert.deepEqual(img.shape, [2, imageSize, imageSize, channels]);
            const logit = d.model.predict(img) as tf.Tensor;
            assert.deepEqual(logit.shape, [2, 1]);
            const [lo, hi] = await minMax(img);
            assert.ok(lo >= -1 && hi <= 1);
            tf.dispose([img, logit]);
            disposeValue(g);
            disposeValue(d);
        }
        const a = (await runNode('DCGANGenerator', { latentDim: 5, imageSize: 28, channels: 1, filters: 4 })).out.generator as Generator;
        const b = (await runNode('DCGANGenerator', { latentDim: 5, imageSize: 28, channels: 1, filters: 4 })).out.generator as Generator;
        const wa = a.model.getWeights(), wb = b.model.getWeights();
        for (let i = 0; i < wa.length; i++) assert.deepEqual(await wa[i].data(), await wb[i].data());
        disposeValue(a);
        disposeValue(b);
    });

    it('TrainGAN trains copies, reports progress and previews, and refuses mismatched data', async () => {
        const g = (await runNode('DCGANGenerator', { latentDim: 4, imageSize: 28, channels: 1, filters: 4 })).out.generator as Generator;
        const d = (await runNode('DCGANDiscriminator', { imageSize: 28, channels: 1, filters: 4 })).out.discriminator;
        const ds = dataset(16, 28, 1, [-1, 1]);
        const before = await g.model.getWeights()[0].data();
        const tensorsBefore = tf.memory().numTensors;
        const { out, rec } = await runNode('TrainGAN', { batchSize: 8, maxSteps: 2, previewEvery: 1 }, { generator: g, discriminator: d, dataset: ds });
        const trained = out.generator as Generator;
        assert.notEqual(trained.model, g.model);
        assert.deepEqual(await g.model.getWeights()[0].data(), before, 'the input generator is untouched');
        assert.notDeepEqual(await trained.model.getWeights()[0].data(), before, 'the copy trained');
        assert.equal(rec.previews.length, 2);
        assert.ok(rec.progress >= 1);
        const png = decodePng(fs.readFileSync(rec.previews[0]));
        assert.ok(png.width > 28 && png.height > 28);
        disposeValue(trained);
        disposeValue(out.discriminator);
        assert.ok(tf.memory().numTensors <= tensorsBefore + 2, `leaked ${tf.memory().numTensors - tensorsBefore} tensors`);

        const wrongSize = dataset(8, 32, 1, [-1, 1]);
        await assert.rejects(runNode('TrainGAN', { maxSteps: 1 }, { generator: g, discriminator: d, dataset: wrongSize }),
            /dataset images are 32x32 but the generator\(imageSize: 28\) — add Resize or change imageSize/);
        const unnormalized = dataset(8, 28, 1, [0, 1]);
        await assert.rejects(runNode('TrainGAN', { maxSteps: 1 }, { generator: g, discriminator: d, dataset: unnormalized }), /add Normalize/);
        [g, d, ds, wrongSize, unnormalized].forEach(disposeValue);
    });

    it('SampleGAN is deterministic for a seed and maps to [0, 1]', async () => {
        const g = (await runNode('DCGANGenerator', { latentDim: 4, imageSize: 28, channels: 1, filters: 4 })).out.generator as Generator;
        const a = (await runNode('SampleGAN', { count: 3, seed: 9 }, { generator: g })).out.images as Images;
        const b = (await runNode('SampleGAN', { count: 3, seed: 9 }, { generator: g })).out.images as Images;
        const c = (await runNode('SampleGAN', { count: 3, seed: 10 }, { generator: g })).out.images as Images;
        assert.deepEqual(a.images.shape, [3, 28, 28, 1]);
        assert.deepEqual(await a.images.data(), await b.images.data());
        assert.notDeepEqual(await a.images.data(), await c.images.data());
        const [lo, hi] = await minMax(a.images);
        assert.ok(lo >= 0 && hi <= 1);
        [g, a, b, c].forEach(disposeValue);
    });

    it('Upscale, ImageGrid and DatasetImages', async () => {
        const imgs: Images = { kind: 'IMAGE', images: tf.tidy(() => tf.randomUniform([5, 3, 4, 1], 0, 1, 'float32', 2) as tf.Tensor4D) };
        const up = (await runNode('Upscale', { factor: 3 }, { images: imgs })).out.images as Images;
        assert.deepEqual(up.images.shape, [5, 9, 12, 1]);
        // Nearest upscaling replicates pixels exactly.
        assert.equal((await tf.slice(up.images, [0, 2, 2, 0], [1, 1, 1, 1]).data())[0], (await tf.slice(imgs.images, [0, 0, 0, 0], [1, 1, 1, 1]).data())[0]);
        const grid = (await runNode('ImageGrid', { columns: 2, padding: 1 }, { images: imgs })).out.image as Images;
        assert.deepEqual(grid.images.shape, [1, 3 * 3 + 2, 4 * 2 + 1, 1]);
        assert.deepEqual(await tf.slice(grid.images, [0, 4, 5, 0], [1, 3, 4, 1]).data(), await tf.slice(imgs.images, [3, 0, 0, 0], [1, 3, 4, 1]).data());
        const square = (await runNode('ImageGrid', {}, { images: imgs })).out.image as Images;
        assert.deepEqual(square.images.shape, [1, 2 * 3 + 2, 3 * 4 + 2 * 2, 1]);
        const ds = dataset(6, 4, 3, [-1, 1]);
        const first = (await runNode('DatasetImages', { count: 4 }, { dataset: ds })).out.images as Images;
        assert.deepEqual(first.images.shape, [4, 4, 4, 3]);
        const [lo, hi] = await minMax(first.images);
        assert.ok(lo >= 0 && hi <= 1 && hi > 0.8);
        [imgs, up, grid, square, ds, first].forEach(disposeValue);
    });

    it('SaveImages numbers files without overwriting, embeds workflow and prompt, refuses escapes', async () => {
        const dir = tempDir();
        const imgs: Images = { kind: 'IMAGE', images: tf.tidy(() => tf.randomUniform([2, 5, 6, 3], 0, 1, 'float32', 4) as tf.Tensor4D) };
        const first = await runNode('SaveImages', { prefix: 'sub/pic' }, { images: imgs }, dir);
        const second = await runNode('SaveImages', { prefix: 'sub/pic' }, { images: imgs }, dir);
        assert.deepEqual(fs.readdirSync(path.join(dir, 'out', 'sub')).sort(), ['pic_00001.png', 'pic_00002.png', 'pic_00003.png', 'pic_00004.png']);
        assert.equal(first.rec.images.length, 2);
        assert.equal(second.rec.wrote[0], path.join(dir, 'out', 'sub', 'pic_00003.png'));
        const bytes = fs.readFileSync(path.join(dir, 'out', 'sub', 'pic_00001.png'));
        const png = decodePng(bytes);
        assert.equal(png.width, 6);
        assert.equal(png.height, 5);
        const text = readPngText(bytes);
        assert.equal(text.workflow, 'workflow T { }');
        assert.equal(JSON.parse(text.prompt).workflow, 'T');
        for (const prefix of ['../escape', '/abs/x', 'a/../../b']) {
            await assert.rejects(runNode('SaveImages', { prefix }, { images: imgs }, dir), /leaves the output folder/);
        }
        disposeValue(imgs);
    });

    it('PreviewImage writes temp PNGs only', async () => {
        const dir = tempDir();
        const imgs: Images = { kind: 'IMAGE', images: tf.zeros([1, 4, 4, 1]) as tf.Tensor4D };
        const { rec } = await runNode('PreviewImage', {}, { images: imgs }, dir);
        assert.equal(rec.images.length, 1);
        assert.ok(rec.images[0].startsWith(path.join(dir, 'tmp')));
        assert.ok(!fs.existsSync(path.join(dir, 'out')));
        disposeValue(imgs);
    });

    it('SaveGenerator and LoadGenerator round-trip a generator in layers format', async () => {
        const dir = tempDir();
        const g = (await runNode('DCGANGenerator', { latentDim: 6, imageSize: 32, channels: 3, filters: 4 })).out.generator as Generator;
        await runNode('SaveGenerator', { path: 'models/g' }, { generator: g }, dir);
        const saved = path.join(dir, 'out', 'models', 'g');
        assert.deepEqual(fs.readdirSync(saved).sort(), ['model.json', 'weights.bin']);
        assert.equal(JSON.parse(fs.readFileSync(path.join(saved, 'model.json'), 'utf8')).format, 'layers-model');
        const loaded = (await runNode('LoadGenerator', { path: 'out/models/g' }, {}, dir)).out.generator as Generator;
        assert.deepEqual([loaded.latentDim, loaded.imageSize, loaded.channels], [6, 32, 3]);
        const z = tf.randomNormal([2, 6], 0, 1, 'float32', 3);
        assert.deepEqual(await (loaded.model.predict(z) as tf.Tensor).data(), await (g.model.predict(z) as tf.Tensor).data());
        await assert.rejects(runNode('SaveGenerator', { path: '../../outside' }, { generator: g }, dir), /leaves the output folder/);
        await assert.rejects(runNode('LoadGenerator', { path: 'missing' }, {}, dir), /no saved generator at .*missing/);
        [g, loaded].forEach(disposeValue);
        z.dispose();
    });

    it('LoadGenerator on a model with an unknown layer: one line with a code and a hint, not TensorFlow.js\'s advice', async () => {
        const dir = tempDir();
        const g = (await runNode('DCGANGenerator', { latentDim: 4, imageSize: 28, channels: 1, filters: 2 })).out.generator as Generator;
        await runNode('SaveGenerator', { path: 'models/custom' }, { generator: g }, dir);
        disposeValue(g);
        const file = path.join(dir, 'out', 'models', 'custom', 'model.json');
        const json = JSON.parse(fs.readFileSync(file, 'utf8'));
        json.modelTopology.config.layers[1].class_name = 'MyFancyLayer';
        fs.writeFileSync(file, JSON.stringify(json));
        const error = await runNode('LoadGenerator', { path: 'out/models/custom' }, {}, dir).then(() => undefined, e => e as FlowError);
        assert.ok(error, 'loading fails');
        assert.equal(error.code, 'unknown-layer');
        assert.match(error.message, /uses the layer MyFancyLayer, which TensorFlow\.js does not know — LoadGenerator loads models saved by SaveGenerator/);
        assert.ok(!error.message.includes('\n'), 'one line');
    });
});
