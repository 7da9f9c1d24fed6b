/**
 * Helpers for comparing a computation on the wasm backend (with Flow Studio's kernels) against
 * the pure-JS cpu backend. Inputs are plain arrays so both runs see identical data.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../engine/src/backends/index.js';

/** Deterministic values in [-0.5, 0.5) (an LCG, so cpu and wasm runs get the same inputs). */
export function values(n: number, seed = 1): Float32Array {
    const v = new Float32Array(n);
    let s = seed >>> 0;
    for (let i = 0; i < n; i++) {
        s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
        v[i] = s / 4294967296 - 0.5;
    }
    return v;
}

export function sizeOf(shape: readonly number[]): number {
    return shape.reduce((a, b) => a * b, 1);
}

export type Outputs = Record<string, Float32Array | Int32Array | Uint8Array>;

/** Runs `fn` on `backend`; every returned tensor is read back and disposed. */
export async function runOn(backend: 'cpu' | 'wasm', fn: () => Record<string, tf.Tensor>): Promise<Outputs> {
    await initBackend(backend);
    const before = tf.memory().numTensors;
    const out = tf.tidy(fn);
    const read: Outputs = {};
    for (const [k, t] of Object.entries(out)) read[k] = t.dataSync() as Float32Array;
    tf.dispose(Object.values(out));
    const leaked = tf.memory().numTensors - before;
    if (leaked !== 0) throw new Error(`${leaked} tensor(s) leaked on ${backend}`);
    return read;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
    if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
    let m = 0;
    for (let i = 0; i < a.length; i++) {
        const d = Math.abs(a[i] - b[i]);
        if (Number.isNaN(d)) return Infinity;
        if (d > m) m = d;
    }
    return m;
}

export function maxAbs(a: ArrayLike<number>): number {
    let m = 0;
    for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
    return m;
}

/**
 * Asserts wasm matches cpu for every output. Tolerance is float32 rounding scaled by the
 * magnitude of the result (sums of many products accumulate in different orders).
 */
export async function expectParity(label: string, fn: () => Record<string, tf.Tensor>, relTol = 2e-5): Promise<void> {
    const cpu = await runOn('cpu', fn);
    const wasm = await runOn('wasm', fn);
    for (const k of Object.keys(cpu)) {
        const scale = Math.max(1, maxAbs(cpu[k]));
        const err = maxAbsDiff(cpu[k], wasm[k]);
        if (!(err <= relTol * scale)) {
            throw new Error(`${label}: output ${k} differs, max abs error ${err} (scale ${scale}, tolerance ${relTol * scale})`);
        }
    }
}
