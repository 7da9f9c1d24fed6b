/**
 * FusedBatchNorm (batch normalization's forward, training and inference): the stock wasm kernel
 * is a scalar loop with a modulo per element (1.55 ms for [64,14,14,32]). With per-channel
 * parameters (what tfjs-layers passes: mean, variance, offset, scale of the last axis' size, or
 * scalars) the per-channel a = scale/√(variance+ε) and b = offset − mean·a are computed once (in
 * double) and the pass is y = x·a + b: one SIMD pass (simd-module.ts, 0.11 ms) when the channel
 * count is a multiple of 4, else a JS loop computing (x − mean)·a + offset (1.1 ms). Other
 * shapes use the stock kernel.
 */
import { FusedBatchNorm, type FusedBatchNormAttrs, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import { runStock } from './stock-kernels.js';
import { asWasmBackend, disposeAll, f32, offsetOf, simdKernels, sizeOf } from './wasm-heap.js';

/** Expands a per-channel (size c) or scalar (size 1) parameter to c doubles. */
function perChannel(v: Float32Array | undefined, c: number, fallback: number): Float64Array {
    const out = new Float64Array(c);
    if (!v) out.fill(fallback);
    else if (v.length === 1) out.fill(v[0]);
    else out.set(v);
    return out;
}

export function batchNormLoop(x: Float32Array, c: number, mean: Float64Array, factor: Float64Array, offset: Float64Array, y: Float32Array): void {
    const rows = x.length / c;
    for (let r = 0, i = 0; r < rows; r++) {
        for (let k = 0; k < c; k++, i++) y[i] = (x[i] - mean[k]) * factor[k] + offset[k];
    }
}

function fusedBatchNorm(args: { inputs: unknown; backend: unknown; attrs: unknown }): TensorInfo {
    const backend = asWasmBackend(args.backend);
    const { x, mean, variance, offset, scale } = args.inputs as Record<string, TensorInfo | undefined> & { x: TensorInfo; mean: TensorInfo; variance: TensorInfo };
    const { varianceEpsilon } = args.attrs as unknown as FusedBatchNormAttrs;
    const c = x.shape[x.shape.length - 1] ?? 1;
    const params = [mean, variance, offset, scale].filter((t): t is TensorInfo => t != null);
    const channelwise = x.dtype === 'float32' && x.shape.length >= 1 && params.every(t => t.dtype === 'float32' && [1, c].includes(sizeOf(t.shape)));
    if (!channelwise || sizeOf(x.shape) === 0) {
        return runStock(FusedBatchNorm, args, 'the stock kernel is missing');
    }
    const out = backend.makeOutput([...x.shape], 'float32');
    const read = (t: TensorInfo | undefined): Float32Array | undefined => t && f32(backend, t);
    const m = perChannel(read(mean), c, 0);
    const v = perChannel(read(variance), c, 1);
    const s = perChannel(read(scale), c, 1);
    const o = perChannel(read(offset), c, 0);
    const factor = new Float64Array(c);
    // tfjs' cpu kernel: (x − mean)·scale / √(variance + ε) + offset, with ε as float32.
    const eps = Math.fround(varianceEpsilon);
    for (let k = 0; k < c; k++) factor[k] = s[k] / Math.sqrt(Math.fround(v[k] + eps));
    const simd = simdKernels(backend);
    if (simd && c % 4 === 0) {
        const params = backend.makeOutput([2 * c], 'float32');
        const p = f32(backend, params);
        for (let k = 0; k < c; k++) {
            p[k] = factor[k];
            p[c + k] = o[k] - m[k] * factor[k];
        }
        const at = offsetOf(backend, params);
        simd.affineChannels(offsetOf(backend, x), offsetOf(backend, out), 4 * c, 4 * sizeOf(x.shape), at, at + 4 * c);
        disposeAll(backend, params);
        return out;
    }
    batchNormLoop(f32(backend, x), c, m, factor, o, f32(backend, out));
    return out;
}

export const fusedBatchNormConfig: KernelConfig = {
    kernelName: FusedBatchNorm,
    backendName: 'wasm',
    kernelFunc: fusedBatchNorm as unknown as KernelConfig['kernelFunc'],
};
