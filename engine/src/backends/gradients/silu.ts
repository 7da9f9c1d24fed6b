/**
 * SiLU, x·sigmoid(x), as one kernel each way. Composed from stock ops it is Sigmoid + Multiply
 * forward and ~5 full-size kernels backward (Sigmoid's gradient, Sub, Multiply…), each a pass
 * over memory; the diffusion U-Net applies it after every GroupNorm. Here:
 *   y = x / (1 + e^−x),   dx = dy·s·(1 + x·(1 − s)),  s = sigmoid(x)
 * as a custom-gradient op. While a tape records, the forward kernel (attr withSigmoid) also writes
 * m = sigmoid(−|x|), from which the backward takes s and 1 − s (as the composite keeps sigmoid(x)
 * for Multiply's gradient): the backward is then a memory-bound pass instead of a second exp. On wasm one
 * SIMD pass each (simd-module.ts: Cephes' expf, within 2e-7 relative of the double-precision
 * sigmoid), on cpu JS loops with Math.exp. Backends without the kernels, and other dtypes, use
 * the composite.
 */
import * as tf from '@tensorflow/tfjs-core';
import { getBackend, getKernel, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import { asWasmBackend, f32, offsetOf, simdKernels, sizeOf } from '../wasm-kernels/wasm-heap.js';

export const SILU = 'FlowStudioSilu';
export const SILU_GRAD = 'FlowStudioSiluGrad';

/**
 * y = x·sigmoid(x), and m = sigmoid(−|x|) when given somewhere to put it: s = sigmoid(x) and
 * 1 − s are m and 1 − m (by the sign of x), both accurate from a float32 m, where a saved s near 1
 * would have lost 1 − s.
 */
export function siluLoop(x: ArrayLike<number>, y: Float32Array, m?: Float32Array): void {
    for (let i = 0; i < y.length; i++) {
        const v = x[i];
        const e = Math.exp(-Math.abs(v));
        const small = e / (1 + e);
        y[i] = v >= 0 ? v - v * small : v * small;
        if (m) m[i] = small;
    }
}

export function siluGradLoop(dy: ArrayLike<number>, x: ArrayLike<number>, m: ArrayLike<number>, dx: Float32Array): void {
    for (let i = 0; i < dx.length; i++) {
        const v = x[i], small = m[i];
        const s = v >= 0 ? 1 - small : small;
        dx[i] = dy[i] * s * (1 + v * (v >= 0 ? small : 1 - small));
    }
}

interface Args { inputs: unknown; backend: unknown; attrs?: unknown }

const withSigmoid = (args: Args): boolean => (args.attrs as { withSigmoid?: boolean } | undefined)?.withSigmoid === true;

function wasmSilu(args: Args): TensorInfo | TensorInfo[] {
    const backend = asWasmBackend(args.backend);
    const { x } = args.inputs as { x: TensorInfo };
    const y = backend.makeOutput([...x.shape], 'float32');
    const m = withSigmoid(args) ? backend.makeOutput([...x.shape], 'float32') : undefined;
    const n = sizeOf(x.shape);
    const simd = simdKernels(backend);
    const n16 = simd ? n & ~15 : 0;
    if (simd && m) simd.siluSigmoid(offsetOf(backend, x), offsetOf(backend, y), offsetOf(backend, m), 4 * n16);
    else if (simd) simd.silu(offsetOf(backend, x), offsetOf(backend, y), 4 * n16);
    if (n16 < n) siluLoop(f32(backend, x).subarray(n16), f32(backend, y).subarray(n16), m && f32(backend, m).subarray(n16));
    return m ? [y, m] : y;
}

function wasmSiluGrad(args: Args): TensorInfo {
    const backend = asWasmBackend(args.backend);
    const { dy, x, m } = args.inputs as { dy: TensorInfo; x: TensorInfo; m: TensorInfo };
    const dx = backend.makeOutput([...x.shape], 'float32');
    const n = sizeOf(x.shape);
    const simd = simdKernels(backend);
    const n4 = simd ? n & ~3 : 0;
    if (simd) simd.siluGrad(offsetOf(backend, dy), offsetOf(backend, x), offsetOf(backend, m), offsetOf(backend, dx), 4 * n4);
    if (n4 < n) siluGradLoop(f32(backend, dy).subarray(n4), f32(backend, x).subarray(n4), f32(backend, m).subarray(n4), f32(backend, dx).subarray(n4));
    return dx;
}

interface CpuBackendLike {
    data: { get(dataId: object): { values: ArrayLike<number> } };
    makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}

function cpuSilu(args: Args): TensorInfo | TensorInfo[] {
    const backend = args.backend as CpuBackendLike;
    const { x } = args.inputs as { x: TensorInfo };
    const y = new Float32Array(sizeOf(x.shape));
    const m = withSigmoid(args) ? new Float32Array(y.length) : undefined;
    siluLoop(backend.data.get(x.dataId).values, y, m);
    const out = backend.makeTensorInfo([...x.shape], 'float32', y);
    return m ? [out, backend.makeTensorInfo([...x.shape], 'float32', m)] : out;
}

function cpuSiluGrad(args: Args): TensorInfo {
    const backend = args.backend as CpuBackendLike;
    const { dy, x, m } = args.inputs as { dy: TensorInfo; x: TensorInfo; m: TensorInfo };
    const dx = new Float32Array(sizeOf(x.shape));
    const read = (t: TensorInfo) => backend.data.get(t.dataId).values;
    siluGradLoop(read(dy), read(x), read(m), dx);
    return backend.makeTensorInfo([...x.shape], 'float32', dx);
}

export const siluConfigs: KernelConfig[] = [
    { kernelName: SILU, backendName: 'wasm', kernelFunc: wasmSilu as unknown as KernelConfig['kernelFunc'] },
    { kernelName: SILU, backendName: 'cpu', kernelFunc: cpuSilu as unknown as KernelConfig['kernelFunc'] },
    { kernelName: SILU_GRAD, backendName: 'wasm', kernelFunc: wasmSiluGrad as unknown as KernelConfig['kernelFunc'] },
    { kernelName: SILU_GRAD, backendName: 'cpu', kernelFunc: cpuSiluGrad as unknown as KernelConfig['kernelFunc'] },
];

const fused = tf.customGrad(((x: tf.Tensor, save: (ts: tf.Tensor[]) => void) => {
    const [y, m] = tf.engine().runKernel(SILU, { x }, { withSigmoid: true }) as tf.Tensor[];
    save([x, m]);
    return {
        value: y,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.engine().runKernel(SILU_GRAD, { dy, x: saved[0], m: saved[1] }) as tf.Tensor,
    };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (x: tf.Tensor) => tf.Tensor;

/** True while a gradient tape records ops (what tfjs-core's private Engine.isTapeOn tests). */
function recording(): boolean {
    const state = tf.engine().state as unknown as { gradientDepth: number; kernelDepth: number };
    return state.gradientDepth > 0 && state.kernelDepth === 0;
}

/** x·sigmoid(x) (swish with β = 1). */
export function silu<T extends tf.Tensor>(x: T): T {
    if (x.dtype === 'float32' && getKernel(SILU, getBackend()) !== undefined && getKernel(SILU_GRAD, getBackend()) !== undefined) {
        // Outside a tape nothing needs sigmoid(x) later: do not write it.
        return (recording() ? fused(x) : tf.engine().runKernel(SILU, { x }, { withSigmoid: false })) as T;
    }
    return tf.mul(x, tf.sigmoid(x)) as T;
}
