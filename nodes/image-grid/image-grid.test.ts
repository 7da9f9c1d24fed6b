/** ImageGrid lays images out in a grid. */
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import type { Images } from '../../engine/src/values.js';
import { disposeValue } from '../../engine/src/values.js';
import { runNode, useTestBackend } from '../../test/engine/node-harness.js';

describe('ImageGrid node', function () {
    this.timeout(120_000);
    before(useTestBackend);

    it('ImageGrid lays images out in columns with padding, square by default', async () => {
        const imgs: Images = { kind: 'IMAGE', images: tf.tidy(() => tf.randomUniform([5, 3, 4, 1], 0, 1, 'float32', 2) as tf.Tensor4D) };
        const grid = (await runNode('ImageGrid', { columns: 2, padding: 1 }, { images: imgs })).out.image as Images;
        assert.deepEqual(grid.images.shape, [1, 3 * 3 + 2, 4 * 2 + 1, 1]);
        assert.deepEqual(await tf.slice(grid.images, [0, 4, 5, 0], [1, 3, 4, 1]).data(), await tf.slice(imgs.images, [3, 0, 0, 0], [1, 3, 4, 1]).data());
        const square = (await runNode('ImageGrid', {}, { images: imgs })).out.image as Images;
        assert.deepEqual(square.images.shape, [1, 2 * 3 + 2, 3 * 4 + 2 * 2, 1]);
        [imgs, grid, square].forEach(disposeValue);
    });
});
