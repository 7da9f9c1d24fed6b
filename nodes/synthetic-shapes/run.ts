/** SyntheticShapes: procedurally drawn, labeled shapes; the same seed draws the same images. */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, type Rng } from '../../engine/src/util/rng.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';

export const SHAPE_NAMES = ['circle', 'square', 'triangle'];

/** Returns coverage of the point (x, y) in the unit-free pixel space for one shape. */
type Inside = (x: number, y: number) => boolean;

function shapeTest(kind: number, cx: number, cy: number, r: number): Inside {
    if (kind === 0) return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
    if (kind === 1) {
        const h = r * 0.85; // a square of the same visual weight as the circle
        return (x, y) => Math.abs(x - cx) <= h && Math.abs(y - cy) <= h;
    }
    // Upright equilateral-ish triangle: apex on top, base at the bottom.
    const top = cy - r, bottom = cy + r * 0.8;
    return (x, y) => {
        if (y < top || y > bottom) return false;
        const half = ((y - top) / (bottom - top)) * r;
        return Math.abs(x - cx) <= half;
    };
}

/** Draws one image into `out` (RGB, size*size*3) and returns its label. */
export function drawShape(out: Float32Array, offset: number, size: number, rng: Rng): number {
    const kind = rng.int(3);
    const bg = [rng.next() * 0.2, rng.next() * 0.2, rng.next() * 0.25];
    // A bright, saturated color: one channel high, others random.
    const fg = [0.35 + rng.next() * 0.65, 0.35 + rng.next() * 0.65, 0.35 + rng.next() * 0.65];
    fg[rng.int(3)] = 1;
    const r = size * (0.2 + rng.next() * 0.15);
    const margin = r + 1;
    const cx = margin + rng.next() * Math.max(0, size - 2 * margin);
    const cy = margin + rng.next() * Math.max(0, size - 2 * margin);
    const inside = shapeTest(kind, cx, cy, r);
    const sub = [0.25, 0.75]; // 2x2 supersampling for smooth edges
    for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
            let cover = 0;
            for (const sy of sub) for (const sx of sub) if (inside(x + sx, y + sy)) cover++;
            const a = cover / 4;
            const p = offset + (y * size + x) * 3;
            for (let c = 0; c < 3; c++) out[p + c] = bg[c] * (1 - a) + fg[c] * a;
        }
    }
    return kind;
}

export const node = defineNode(schema, {
    async run(ctx, _inputs, params) {
        const count = params.count;
        const size = params.size;
        const rng = createRng(params.seed);
        const per = size * size * 3;
        const pixels = new Float32Array(count * per);
        const labels = new Int32Array(count);
        for (let i = 0; i < count; i++) {
            labels[i] = drawShape(pixels, i * per, size, rng);
            if (i % 4096 === 4095) ctx.progress(i + 1, count);
        }
        return {
            dataset: { kind: 'DATASET', images: tf.tensor4d(pixels, [count, size, size, 3]), labels, classNames: [...SHAPE_NAMES], range: [0, 1] },
        };
    },
});
