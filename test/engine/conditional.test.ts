/**
 * Class-conditional GANs: the models take labels, training learns them, SampleGAN picks them,
 * they survive SaveGenerator/LoadGenerator and the disk cache, and mismatches are clear errors.
 */
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../engine/src/backends/index.js';
import { readValue, writeValue } from '../../engine/src/cache/serialize.js';
import { sampleLabels } from '../../nodes/sample-gan/run.js';
import type { Dataset, Discriminator, Generator, Images } from '../../engine/src/values.js';
import { disposeValue } from '../../engine/src/values.js';
import { tempDir, TEST_BACKEND } from './helpers.js';
import { runNode } from './node-harness.js';

/** Class 0: dark images, class 1: light images (noisy), in [-1, 1]. */
function darkAndLight(n: number): Dataset {
    const labels = Int32Array.from({ length: n }, (_, i) => i % 2);
    const images = tf.tidy(() => {
        const level = tf.tensor4d(Float32Array.from(labels, l => (l === 0 ? -0.8 : 0.8)), [n, 1, 1, 1]);
        return tf.clipByValue(tf.add(level, tf.randomNormal([n, 28, 28, 1], 0, 0.1, 'float32', 3)), -1, 1) as tf.Tensor4D;
    });
    return { kind: 'DATASET', images, labels, classNames: ['dark', 'light'], range: [-1, 1] };
}

async function mean(t: tf.Tensor): Promise<number> {
    return (await tf.mean(t).data())[0];
}

async function models(classes: number, discriminatorClasses = classes): Promise<{ g: Generator; d: Discriminator }> {
    const g = (await runNode('DCGANGenerator', { latentDim: 8, imageSize: 28, channels: 1, filters: 8, classes })).out.generator as Generator;
    const d = (await runNode('DCGANDiscriminator', { imageSize: 28, channels: 1, filters: 8, classes: discriminatorClasses })).out.discriminator as Discriminator;
    return { g, d };
}

describe('engine: class-conditional GANs', function () {
    this.timeout(180_000);
    before(async () => { await initBackend(TEST_BACKEND); });

    it('conditional models take a label input; unconditional ones do not', async () => {
        const { g, d } = await models(10);
        assert.equal(g.classes, 10);
        assert.equal(d.classes, 10);
        assert.deepEqual(g.model.inputs.map(i => i.shape), [[null, 8], [null, 1]]);
        assert.deepEqual(d.model.inputs.map(i => i.shape), [[null, 28, 28, 1], [null, 1]]);
        const images = g.model.predict([tf.ones([3, 8]), tf.tensor2d([[0], [4], [9]])]) as tf.Tensor;
        assert.deepEqual(images.shape, [3, 28, 28, 1]);
        const logits = d.model.predict([images, tf.tensor2d([[0], [4], [9]])]) as tf.Tensor;
        assert.deepEqual(logits.shape, [3, 1]);
        const plain = await models(0);
        assert.equal(plain.g.model.inputs.length, 1);
        assert.equal(plain.d.model.inputs.length, 1);
        tf.dispose([images, logits]);
        [g, d, plain.g, plain.d].forEach(disposeValue);
    });

    it('SampleGAN labels: every class in turn by default, a list repeated, errors out of range or when unconditional', () => {
        assert.deepEqual([...sampleLabels(3, 7)!], [0, 1, 2, 0, 1, 2, 0]);
        assert.deepEqual([...sampleLabels(10, 5, [7, 1])!], [7, 1, 7, 1, 7]);
        assert.equal(sampleLabels(0, 4), undefined);
        assert.throws(() => sampleLabels(10, 4, [10]), /label 10 is out of range: the generator knows 10 classes \(0\.\.9\)/);
        assert.throws(() => sampleLabels(0, 4, [1]), /labels were given but the generator is unconditional/);
    });

    it('learns the classes: after training, label 0 samples are dark and label 1 samples light', async () => {
        const { g, d } = await models(2);
        const data = darkAndLight(64);
        const { out } = await runNode('TrainGAN', { batchSize: 16, epochs: 40, learningRate: 0.002, previewEvery: 0, seed: 3 },
            { generator: g, discriminator: d, dataset: data });
        const trained = out.generator as Generator;
        assert.equal(trained.classes, 2);
        const dark = (await runNode('SampleGAN', { count: 8, seed: 5, labels: [0] }, { generator: trained })).out.images as Images;
        const light = (await runNode('SampleGAN', { count: 8, seed: 5, labels: [1] }, { generator: trained })).out.images as Images;
        const [darkMean, lightMean] = [await mean(dark.images), await mean(light.images)];
        // Real class means are 0.1 and 0.9; an unconditional generator would give both labels the same images.
        assert.ok(darkMean < 0.4 && lightMean > 0.6 && lightMean - darkMean > 0.4, `label 0 mean ${darkMean.toFixed(3)}, label 1 mean ${lightMean.toFixed(3)} (pixels in [0, 1])`);
        // the default alternates the classes
        const both = (await runNode('SampleGAN', { count: 4, seed: 5 }, { generator: trained })).out.images as Images;
        const perImage = await tf.mean(both.images, [1, 2, 3]).data();
        assert.ok(perImage[1] - perImage[0] > 0.3 && perImage[3] - perImage[2] > 0.3, `alternating means ${[...perImage].map(v => v.toFixed(2))}`);
        [g, d, data, trained, out.discriminator, dark, light, both].forEach(disposeValue);
    });

    it('refuses mismatched classes between the models and the dataset', async () => {
        const data = darkAndLight(8);
        const mixed = await models(2, 0);
        await assert.rejects(runNode('TrainGAN', { maxSteps: 1 }, { generator: mixed.g, discriminator: mixed.d, dataset: data }),
            /the generator is conditioned on 2 classes but the discriminator on 0 — give DCGANGenerator and DCGANDiscriminator the same classes/);
        const few = await models(1);
        await assert.rejects(runNode('TrainGAN', { maxSteps: 1 }, { generator: few.g, discriminator: few.d, dataset: data }),
            /the dataset has class 1 \("light"\) but the generator\(classes: 1\) knows classes 0\.\.0 — set classes to at least 2/);
        [data, mixed.g, mixed.d, few.g, few.d].forEach(disposeValue);
    });

    it('SaveGenerator/LoadGenerator and the disk cache keep a generator conditional', async () => {
        const dir = tempDir();
        const { g, d } = await models(4);
        await runNode('SaveGenerator', { path: 'models/cg' }, { generator: g }, dir);
        const loaded = (await runNode('LoadGenerator', { path: 'out/models/cg' }, {}, dir)).out.generator as Generator;
        assert.equal(loaded.classes, 4);
        const a = (await runNode('SampleGAN', { count: 4, seed: 2 }, { generator: g })).out.images as Images;
        const b = (await runNode('SampleGAN', { count: 4, seed: 2 }, { generator: loaded })).out.images as Images;
        assert.deepEqual(await a.images.data(), await b.images.data());

        const { stored } = await writeValue(dir, 'cached', g);
        const restored = await readValue(dir, stored) as Generator;
        assert.equal(restored.classes, 4);
        [g, d, loaded, a, b, restored].forEach(disposeValue);
    });
});
