/** RandomFlip mirrors images, the same way for a seed. */
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../../engine/src/values.js';
import { disposeValue } from '../../engine/src/values.js';
import { dataset, runNode, useTestBackend } from '../../test/engine/node-harness.js';

describe('RandomFlip node', function () {
    this.timeout(120_000);
    before(useTestBackend);

    it('RandomFlip is deterministic for a seed and leaves each image itself or its mirror image', async () => {
        const ds = dataset(4, 8, 3);
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
        [ds, flipA, flipB].forEach(disposeValue);
    });
});
