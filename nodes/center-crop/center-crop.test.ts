/** CenterCrop cuts the middle of each image. */
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../../engine/src/values.js';
import { disposeValue } from '../../engine/src/values.js';
import { dataset, runNode, useTestBackend } from '../../test/engine/node-harness.js';

describe('CenterCrop node', function () {
    this.timeout(120_000);
    before(useTestBackend);

    it('CenterCrop cuts the middle of each image and refuses a crop larger than the images', async () => {
        const ds = dataset(4, 8, 3);
        const cropped = (await runNode('CenterCrop', { width: 4, height: 2 }, { dataset: ds })).out.dataset as Dataset;
        assert.deepEqual(cropped.images.shape, [4, 2, 4, 3]);
        assert.deepEqual(await cropped.images.data(), await tf.slice(ds.images, [0, 3, 2, 0], [4, 2, 4, 3]).data());
        await assert.rejects(runNode('CenterCrop', { width: 9, height: 2 }, { dataset: ds }), /cannot crop 9x2 from images of 8x8/);
        [ds, cropped].forEach(disposeValue);
    });
});
