/** SampleGAN: deterministic samples in [0, 1]. */
import * as assert from 'node:assert/strict';
import type { Generator, Images } from '../../engine/src/values.js';
import { disposeValue } from '../../engine/src/values.js';
import { minMax, runNode, useTestBackend } from '../../test/engine/node-harness.js';

describe('SampleGAN node', function () {
    this.timeout(120_000);
    before(useTestBackend);

    it('SampleGAN is deterministic for a seed and maps to [0, 1]', async () => {
        const g = (await runNode('DCGANGenerator', { latentDim: 4, imageSize: 28, channels: 1, filters: 4 })).out.generator as Generator;
        const a = (await runNode('SampleGAN', { count: 3, seed: 9 }, { generator: g })).out.images as Images;
        const b = (await runNode('SampleGAN', { count: 3, seed: 9 }, { generator: g })).out.images as Images;
        const c = (await runNode('SampleGAN', { count: 3, seed: 10 }, { generator: g })).out.images as Images;
        assert.deepEqual(a.images.shape, [3, 28, 28, 1]);
        assert.deepEqual(await a.images.data(), await b.images.data());
        assert.notDeepEqual(await a.images.data(), await c.images.data());
        const [lo, hi] = await minMax(a.images);
        assert.ok(lo >= 0 && hi <= 1);
        [g, a, b, c].forEach(disposeValue);
    });
});
