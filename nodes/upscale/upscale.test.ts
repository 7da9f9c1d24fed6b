/** Upscale replicates pixels. */
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import type { Images } from '../../engine/src/values.js';
import { disposeValue } from '../../engine/src/values.js';
import { runNode, useTestBackend } from '../../test/engine/node-harness.js';

describe('Upscale node', function () {
    this.timeout(120_000);
    before(useTestBackend);

    it('Upscale multiplies the size and replicates pixels exactly', async () => {
        const imgs: Images = { kind: 'IMAGE', images: tf.tidy(() => tf.randomUniform([5, 3, 4, 1], 0, 1, 'float32', 2) as tf.Tensor4D) };
        const up = (await runNode('Upscale', { factor: 3 }, { images: imgs })).out.images as Images;
        assert.deepEqual(up.images.shape, [5, 9, 12, 1]);
        // Nearest upscaling replicates pixels exactly.
        assert.equal((await tf.slice(up.images, [0, 2, 2, 0], [1, 1, 1, 1]).data())[0], (await tf.slice(imgs.images, [0, 0, 0, 0], [1, 1, 1, 1]).data())[0]);
        [imgs, up].forEach(disposeValue);
    });
});
