/** DatasetImages takes the first images of a dataset, in [0, 1]. */
import * as assert from 'node:assert/strict';
import type { Images } from '../../engine/src/values.js';
import { disposeValue } from '../../engine/src/values.js';
import { dataset, minMax, runNode, useTestBackend } from '../../test/engine/node-harness.js';

describe('DatasetImages node', function () {
    this.timeout(120_000);
    before(useTestBackend);

    it('DatasetImages takes the first images of a dataset and maps them to [0, 1]', async () => {
        const ds = dataset(6, 4, 3, [-1, 1]);
        const first = (await runNode('DatasetImages', { count: 4 }, { dataset: ds })).out.images as Images;
        assert.deepEqual(first.images.shape, [4, 4, 4, 3]);
        const [lo, hi] = await minMax(first.images);
        assert.ok(lo >= 0 && hi <= 1 && hi > 0.8);
        [ds, first].forEach(disposeValue);
    });
});
