/** Normalize maps pixel values to a range. */
import * as assert from 'node:assert/strict';
import type { Dataset } from '../../engine/src/values.js';
import { disposeValue } from '../../engine/src/values.js';
import { dataset, minMax, runNode, useTestBackend } from '../../test/engine/node-harness.js';

describe('Normalize node', function () {
    this.timeout(120_000);
    before(useTestBackend);

    it('Normalize maps pixel values to [low, high] and records the range', async () => {
        const ds = dataset(4, 8, 3);
        const norm = (await runNode('Normalize', { low: -1, high: 1 }, { dataset: ds })).out.dataset as Dataset;
        const [lo, hi] = await minMax(norm.images);
        assert.ok(lo >= -1 && lo < -0.9 && hi <= 1 && hi > 0.9);
        assert.deepEqual(norm.range, [-1, 1]);
        [ds, norm].forEach(disposeValue);
    });
});
