/** Resize keeps labels and resizes images. */
import * as assert from 'node:assert/strict';
import type { Dataset } from '../../engine/src/values.js';
import { disposeValue } from '../../engine/src/values.js';
import { dataset, runNode, useTestBackend } from '../../test/engine/node-harness.js';

describe('Resize node', function () {
    this.timeout(120_000);
    before(useTestBackend);

    it('Resize keeps labels and resizes images (default and nearest)', async () => {
        const ds = dataset(4, 8, 3);
        const resized = (await runNode('Resize', { width: 6, height: 4 }, { dataset: ds })).out.dataset as Dataset;
        assert.deepEqual(resized.images.shape, [4, 4, 6, 3]);
        assert.equal(resized.labels, ds.labels);
        const nearest = (await runNode('Resize', { width: 16, height: 16, mode: 'nearest' }, { dataset: ds })).out.dataset as Dataset;
        assert.deepEqual(nearest.images.shape, [4, 16, 16, 3]);
        [ds, resized, nearest].forEach(disposeValue);
    });
});
