/** SyntheticShapes: deterministic coloured shapes and the captions of what it drew. */
import * as assert from 'node:assert/strict';
import type { Dataset } from '../../engine/src/values.js';
import { disposeValue } from '../../engine/src/values.js';
import { backgroundName, colorName } from './run.js';
import { minMax, runNode, useTestBackend } from '../../test/engine/node-harness.js';

describe('SyntheticShapes node', function () {
    this.timeout(120_000);
    before(useTestBackend);

    it('SyntheticShapes is deterministic for a seed, RGB in [0, 1], three labels', async () => {
        const a = (await runNode('SyntheticShapes', { count: 12, size: 16, seed: 3 })).out.dataset as Dataset;
        const b = (await runNode('SyntheticShapes', { count: 12, size: 16, seed: 3 })).out.dataset as Dataset;
        const c = (await runNode('SyntheticShapes', { count: 12, size: 16, seed: 4 })).out.dataset as Dataset;
        assert.deepEqual(a.images.shape, [12, 16, 16, 3]);
        assert.deepEqual(await a.images.data(), await b.images.data());
        assert.notDeepEqual(await a.images.data(), await c.images.data());
        const [lo, hi] = await minMax(a.images);
        assert.ok(lo >= 0 && hi <= 1 && hi > 0.9);
        assert.ok(a.labels.every(l => l >= 0 && l < 3));
        [a, b, c].forEach(disposeValue);
    });

    describe('captions', () => {
        it('names the colours of the pixels', () => {
            assert.equal(colorName([1, 0.4, 0.4]), 'red');
            assert.equal(colorName([1, 0.6, 0.35]), 'orange');
            assert.equal(colorName([0.4, 1, 0.5]), 'green');
            assert.equal(colorName([0.4, 0.5, 1]), 'blue');
            assert.equal(colorName([0.7, 0.4, 1]), 'purple');
            assert.equal(colorName([1, 0.95, 0.92]), 'white');
            assert.equal(backgroundName([0.02, 0.01, 0.03]), 'black');
            assert.equal(backgroundName([0.05, 0.05, 0.2]), 'dark blue');
            assert.equal(backgroundName([0.15, 0.14, 0.15]), 'dark gray');
            assert.equal(backgroundName([0.2, 0.1, 0.02]), 'brown');
        });

        it('captions size, colour, shape, position and background of what it drew, deterministically', async () => {
            const size = 16;
            const a = (await runNode('SyntheticShapes', { count: 24, size, seed: 5 })).out.dataset as Dataset;
            const b = (await runNode('SyntheticShapes', { count: 24, size, seed: 5 })).out.dataset as Dataset;
            assert.deepEqual(a.captions, b.captions);
            const pixels = await a.images.data();
            const per = size * size * 3;
            const shape = /^a (small|medium|large) (\w+) (circle|square|triangle) (at the (?:top|bottom)(?: left| right)?|on the (?:left|right)|in the center) on a ((?:dark )?\w+) background$/;
            const sizes = new Set<string>();
            const places = new Set<string>();
            a.captions!.forEach((caption, i) => {
                const m = shape.exec(caption);
                assert.ok(m, caption);
                sizes.add(m[1]);
                places.add(m[4]);
                assert.equal(m[3], a.classNames[a.labels[i]]);
                // The brightest pixel is fully inside the shape (its colour); the corner is background.
                let best = 0;
                for (let p = 0; p < size * size; p++) {
                    const sum = (q: number) => pixels[i * per + q * 3] + pixels[i * per + q * 3 + 1] + pixels[i * per + q * 3 + 2];
                    if (sum(p) > sum(best)) best = p;
                }
                const rgb = (p: number) => [0, 1, 2].map(c => pixels[i * per + p * 3 + c]);
                assert.equal(m[2], colorName(rgb(best)), caption);
                assert.equal(m[5], backgroundName(rgb(0)), caption);
            });
            assert.ok(sizes.size >= 2 && places.size >= 3, `sizes and places vary: ${[...sizes]} ${[...places]}`);
            [a, b].forEach(disposeValue);
        });
    });
});
