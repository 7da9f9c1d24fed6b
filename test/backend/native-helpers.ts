/** Shared helpers for the native kernel tests: suite set-up, seeded data and cpu-vs-wasm comparison. */
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { loadNativeAddon, type NativeAddon } from '../../engine/src/backends/native/addon.js';
import { registerNativeKernels, unregisterNativeKernels } from '../../engine/src/backends/native/register.js';

export type Inputs = Record<string, { shape: number[]; values: Float32Array }>;

/** Deterministic values in [-1, 1) (xorshift), so failures reproduce. */
export function randomData(shape: number[], seed: number): { shape: number[]; values: Float32Array } {
    let n = 1;
    for (const d of shape) n *= d;
    const values = new Float32Array(n);
    let s = (seed * 2654435761) >>> 0 || 1;
    for (let i = 0; i < n; i++) {
        s ^= s << 13; s >>>= 0;
        s ^= s >>> 17;
        s ^= s << 5; s >>>= 0;
        values[i] = s / 2147483648 - 1;
    }
    return { shape, values };
}

function runOn(backend: string, inputs: Inputs, f: (t: Record<string, tf.Tensor>) => tf.Tensor | tf.Tensor[]): Float32Array[] {
    const previous = tf.getBackend();
    tf.setBackend(backend);
    try {
        return tf.tidy(() => {
            const t: Record<string, tf.Tensor> = {};
            for (const [k, v] of Object.entries(inputs)) t[k] = tf.tensor(v.values, v.shape);
            const out = f(t);
            return (Array.isArray(out) ? out : [out]).map(o => o.dataSync() as Float32Array);
        });
    } finally {
        tf.setBackend(previous);
    }
}

/**
 * Runs f on `cpu` and on `wasm` (with whatever kernels are registered) and checks
 * every output: max abs error within float32 tolerance relative to the output scale.
 */
export function compareOnBackends(inputs: Inputs, f: (t: Record<string, tf.Tensor>) => tf.Tensor | tf.Tensor[], rtol = 2e-5): number {
    const want = runOn('cpu', inputs, f);
    const got = runOn('wasm', inputs, f);
    assert.equal(got.length, want.length);
    let worst = 0;
    want.forEach((w, o) => {
        const g = got[o];
        assert.equal(g.length, w.length, `output ${o} size`);
        let scale = 1, err = 0;
        for (let i = 0; i < w.length; i++) {
            scale = Math.max(scale, Math.abs(w[i]));
            const e = Math.abs(w[i] - g[i]);
            if (!(e <= err)) err = e; // NaN-safe: NaN always becomes the error
        }
        assert.ok(err <= rtol * scale, `output ${o}: max abs error ${err} > ${rtol} x scale ${scale}`);
        worst = Math.max(worst, err / scale);
    });
    return worst;
}

/**
 * Mocha hooks for a suite that runs `wasm` with the native kernels on top: skips the suite, saying
 * why, when the addon is not built; puts the previous kernels back after it.
 */
export function useNativeKernels(onLoad?: (addon: NativeAddon) => void): void {
    before(async function () {
        const load = loadNativeAddon();
        if (!load.ok) {
            console.log(`      native addon unavailable, skipping: ${load.reason}`);
            this.skip();
        }
        onLoad?.(load.addon);
        await tf.setBackend('wasm');
        await tf.ready();
        const reg = registerNativeKernels();
        assert.ok(reg.ok, reg.reason);
    });

    after(() => {
        unregisterNativeKernels();
    });
}
