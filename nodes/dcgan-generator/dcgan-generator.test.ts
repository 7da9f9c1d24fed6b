/** DCGANGenerator (with the discriminator it is trained against): shapes and determinism. */
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import type { Generator } from '../../engine/src/values.js';
import { disposeValue } from '../../engine/src/values.js';
import { minMax, runNode, useTestBackend } from '../../test/engine/node-harness.js';

describe('DCGANGenerator node', function () {
    this.timeout(120_000);
    before(useTestBackend);

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
});
