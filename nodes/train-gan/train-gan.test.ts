/** TrainGAN trains copies, reports progress and previews, refuses mismatched data. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { decodePng } from '../../engine/src/util/png.js';
import type { Generator } from '../../engine/src/values.js';
import { disposeValue } from '../../engine/src/values.js';
import { dataset, runNode, useTestBackend } from '../../test/engine/node-harness.js';

describe('TrainGAN node', function () {
    this.timeout(120_000);
    before(useTestBackend);

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
});
