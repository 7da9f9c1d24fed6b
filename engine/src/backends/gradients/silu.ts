/**
 * SiLU, x·sigmoid(x), as one kernel each way. Composed from stock ops it is Sigmoid + Multiply
 * forward and ~5 full-size kernels backward (Sigmoid's gradient, Sub, Multiply…), each a pass
 * over memory; the diffusion U-Net applies it after every GroupNorm. Here:
 *   y = x / (1 + e^−x),   dx = dy·s·(1 + x·(1 − s)),  s = sigmoid(x)
 * as a custom-gradient op whose backward recomputes s from x (no saved activation). On wasm one
 * SIMD pass each (simd-module.ts: Cephes' expf, within 2e-7 relative of the double-precision
 * sigmoid), on cpu JS loops with Math.exp. Backends without the kernels, and other dtypes, use
 * the composite.
 */
import * as tf from '@tensorflow/tfjs-core';
import { getBackend, getKernel, registerKernel, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import { asWasmBackend, f32, offsetOf, simdKernels, sizeOf } from '../wasm-kernels/wasm-heap.js';

export const SILU = 'FlowStudioSilu';
export const SILU_GRAD = 'FlowStudioSiluGrad';

export function siluLoop(x: ArrayLike<number>, y: Float32Array): void {
    for (let i = 0; i < y.length; i++) {
        const v = x[i];
        y[i] = v / (1 + Math.exp(-v));
    }
}

export function siluGradLoop(dy: ArrayLike<number>, x: ArrayLike<number>, dx: Float32Array): void {
    for (let i = 0; i < dx.length; i++) {
        const v = x[i];
        const e = Math.exp(-v);
        const s = 1 / (1 + e);
        // e·s is 1 − s without its cancellation; a NaN from ∞·0 at |v| = ∞ matches the composite.
        dx[i] = dy[i] * s * (1 + v * (e * s));
    }
}

interface Args { inputs: unknown; backend: unknown }

function wasmSilu(args: Args): TensorInfo {
    const backend = asWasmBackend(args.backend);
    const { x } = args.inputs as { x: TensorInfo };
    const y = backend.makeOutput([...x.shape], 'float32');
    const n = sizeOf(x.shape);
    const simd = simdKernels(backend);
    const n16 = simd ? n & ~15 : 0;
    if (simd) simd.silu(offsetOf(backend, x), offsetOf(backend, y), 4 * n16);
    if (n16 < n) siluLoop(f32(backend, x).subarray(n16), f32(backend, y).subarray(n16));
    return y;
}

function wasmSiluGrad(args: Args): TensorInfo {
    const backend = asWasmBackend(args.backend);
    const { dy, x } = args.inputs as { dy: TensorInfo; x: TensorInfo };
    const dx = backend.makeOutput([...x.shape], 'float32');
    const n = sizeOf(x.shape);
    const simd = simdKernels(backend);
    const n16 = simd ? n & ~15 : 0;
    if (simd) simd.siluGrad(offsetOf(backend, dy), offsetOf(backend, x), offsetOf(backend, dx), 4 * n16);
    if (n16 < n) siluGradLoop(f32(backend, dy).subarray(n16), f32(backend, x).subarray(n16), f32(backend, dx).subarray(n16));
    return dx;
}

interface CpuBackendLike {
    data: { get(dataId: object): { values: ArrayLike<number> } };
    makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}

function cpuSilu(args: Args): TensorInfo {
    const backend = args.backend as CpuBackendLike;
    const { x } = args.inputs as { x: TensorInfo };
    const y = new Float32Array(sizeOf(x.shape));
    siluLoop(backend.data.get(x.dataId).values, y);
    return backend.makeTensorInfo([...x.shape], 'float32', y);
}

function cpuSiluGrad(args: Args): TensorInfo {
    const backend = args.backend as CpuBackendLike;
    const { dy, x } = args.inputs as { dy: TensorInfo; x: TensorInfo };
    const dx = new Float32Array(sizeOf(x.shape));
    siluGradLoop(backend.data.get(dy.dataId).values, backend.data.get(x.dataId).values, dx);
    return backend.makeTensorInfo([...x.shape], 'float32', dx);
}

export const siluConfigs: KernelConfig[] = [
    { kernelName: SILU, backendName: 'wasm', kernelFunc: wasmSilu as unknown as KernelConfig['kernelFunc'] },
    { kernelName: SILU, backendName: 'cpu', kernelFunc: cpuSilu as unknown as KernelConfig['kernelFunc'] },
    { kernelName: SILU_GRAD, backendName: 'wasm', kernelFunc: wasmSiluGrad as unknown as KernelConfig['kernelFunc'] },
    { kernelName: SILU_GRAD, backendName: 'cpu', kernelFunc: cpuSiluGrad as unknown as KernelConfig['kernelFunc'] },
];

export function registerSiluKernels(): void {
    for (const c of siluConfigs) if (!getKernel(c.kernelName, c.backendName)) registerKernel(c);
}

const fused = tf.customGrad(((x: tf.Tensor, save: (ts: tf.Tensor[]) => void) => {
    save([x]);
    return {
        value: tf.engine().runKernel(SILU, { x }) as tf.Tensor,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.engine().runKernel(SILU_GRAD, { dy, x: saved[0] }) as tf.Tensor,
    };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (x: tf.Tensor) => tf.Tensor;

/** x·sigmoid(x) (swish with β = 1). */
export function silu<T extends tf.Tensor>(x: T): T {
    if (x.dtype === 'float32' && getKernel(SILU, getBackend()) !== undefined && getKernel(SILU_GRAD, getBackend()) !== undefined) {
        return fused(x) as T;
    }
    return tf.mul(x, tf.sigmoid(x)) as T;
}
