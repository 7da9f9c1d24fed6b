/** SyntheticShapes: procedurally drawn, labeled shapes; the same seed draws the same images. */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, type Rng } from '../../engine/src/util/rng.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';
import { SHAPE_KINDS, shapeCaption } from './caption-words.js';

export const SHAPE_NAMES: string[] = [...SHAPE_KINDS];

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

/**
 * A colour's everyday name from its hue, or white/gray/black when it has too little colour to
 * have one. Captions use it, so the names describe the pixels rather than the random draws.
 */
export function colorName([r, g, b]: readonly number[]): string {
    const max = Math.max(r, g, b), min = Math.min(r, g, b);
    const saturation = max === 0 ? 0 : (max - min) / max;
    if (max < 0.06) return 'black';
    if (saturation < 0.2) return max > 0.7 ? 'white' : 'gray';
    const d = max - min;
    const sector = max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
    const hue = sector * 60;
    if (hue < 15 || hue >= 345) return 'red';
    if (hue < 45) return 'orange';
    if (hue < 70) return 'yellow';
    if (hue < 160) return 'green';
    if (hue < 200) return 'cyan';
    if (hue < 255) return 'blue';
    if (hue < 290) return 'purple';
    return 'pink';
}

/** Backgrounds are always dark (channels at most 0.25), so they are dark <hue>, brown, dark gray or black. */
export function backgroundName(bg: readonly number[]): string {
    const max = Math.max(...bg);
    if (max < 0.06) return 'black';
    const name = colorName(bg.map(v => v / max));
    if (name === 'white' || name === 'gray') return 'dark gray';
    return name === 'orange' ? 'brown' : `dark ${name}`;
}

/**
 * Where the shape's center is: left/right (top/bottom) when it is off the image's center by more
 * than a tenth of the side. Shapes keep clear of the edges, so centers only range over the
 * middle ~60% of the image, and thirds of the whole image would call nearly all of them "center".
 */
function positionPhrase(cx: number, cy: number, size: number): string {
    const off = (v: number) => (v - size / 2) / size;
    const col = off(cx) < -0.1 ? 'left' : off(cx) > 0.1 ? 'right' : 'center';
    const row = off(cy) < -0.1 ? 'top' : off(cy) > 0.1 ? 'bottom' : 'middle';
    if (row === 'middle') return col === 'center' ? 'in the center' : `on the ${col}`;
    return col === 'center' ? `at the ${row}` : `at the ${row} ${col}`;
}

/** The radius is drawn from [0.2, 0.35) of the side; its thirds are the sizes. */
function sizeWord(r: number, size: number): string {
    const f = r / size;
    return f < 0.25 ? 'small' : f < 0.3 ? 'medium' : 'large';
}

export interface DrawnShape {
    label: number;
    /** e.g. "a large red circle at the top left on a dark blue background". */
    caption: string;
}

/** Draws one image into `out` (RGB, size*size*3) and returns its label and a caption of what it drew. */
export function drawShape(out: Float32Array, offset: number, size: number, rng: Rng): DrawnShape {
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
    const caption = shapeCaption(sizeWord(r, size), colorName(fg), SHAPE_NAMES[kind], positionPhrase(cx, cy, size), backgroundName(bg));
    return { label: kind, caption };
}

export const node = defineNode(schema, {
    async run(ctx, _inputs, params) {
        const count = params.count;
        const size = params.size;
        const rng = createRng(params.seed);
        const per = size * size * 3;
        const pixels = new Float32Array(count * per);
        const labels = new Int32Array(count);
        const captions: string[] = [];
        for (let i = 0; i < count; i++) {
            const drawn = drawShape(pixels, i * per, size, rng);
            labels[i] = drawn.label;
            captions.push(drawn.caption);
            if (i % 4096 === 4095) ctx.progress(i + 1, count);
        }
        return {
            dataset: { kind: 'DATASET', images: tf.tensor4d(pixels, [count, size, size, 3]), labels, classNames: [...SHAPE_NAMES], range: [0, 1], captions },
        };
    },
});
