/**
 * LeakyRelu's gradient as one kernel, dx = x > 0 ? dy : alpha·dy. tfjs-core builds it from
 * Greater + Select + Multiply (+ a scalar Multiply); on wasm Greater and Select are scalar loops
 * (1.2 + 2 ms for [64,14,14,32]); the wasm kernel is one SIMD pass (simd-module.ts, 0.17 ms), or
 * without SIMD Multiply(dy, Step(x, alpha)) on two vectorized kernels. On cpu it is one JS
 * pass. Other backends keep tfjs-core's composite.
 */
import { type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import { asWasmBackend, disposeAll, f32, offsetOf, runWasmKernel, simdKernels, sizeOf } from '../wasm-kernels/wasm-heap.js';

export const LEAKY_RELU_GRAD = 'FlowStudioLeakyReluGrad';

function leakyReluGradLoop(dy: Float32Array, x: Float32Array, alphaIn: number, dx: Float32Array): void {
    // A product of two float32 values is exact in double, so rounding it once on store gives
    // the float32 product tfjs' Multiply computes.
    const alpha = Math.fround(alphaIn);
    for (let i = 0; i < dx.length; i++) {
        const g = dy[i];
        dx[i] = x[i] > 0 ? g : alpha * g;
    }
}

interface Args { inputs: unknown; backend: unknown; attrs: unknown }

function wasmLeakyReluGrad(args: Args): TensorInfo {
    const backend = asWasmBackend(args.backend);
    const { dy, x } = args.inputs as { dy: TensorInfo; x: TensorInfo };
    const { alpha } = args.attrs as { alpha: number };
    const simd = simdKernels(backend);
    if (simd && dy.dtype === 'float32' && x.dtype === 'float32') {
        const dx = backend.makeOutput([...x.shape], 'float32');
        const n = sizeOf(x.shape);
        const n4 = n & ~3;
        simd.leakyReluGrad(offsetOf(backend, dy), offsetOf(backend, x), offsetOf(backend, dx), 4 * n4, alpha);
        if (n4 < n) {
            const t = n4;
            leakyReluGradLoop(f32(backend, dy).subarray(t), f32(backend, x).subarray(t), alpha, f32(backend, dx).subarray(t));
        }
        return dx;
    }
    const factor = runWasmKernel(backend, 'Step', { x }, { alpha });
    const dx = runWasmKernel(backend, 'Multiply', { a: dy, b: factor });
    disposeAll(backend, factor);
    return dx;
}

interface CpuBackendLike {
    data: { get(dataId: object): { values: ArrayLike<number> } };
    makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}

function cpuLeakyReluGrad(args: Args): TensorInfo {
    const backend = args.backend as CpuBackendLike;
    const { dy, x } = args.inputs as { dy: TensorInfo; x: TensorInfo };
    const { alpha } = args.attrs as { alpha: number };
    const dyv = backend.data.get(dy.dataId).values as Float32Array;
    const xv = backend.data.get(x.dataId).values as Float32Array;
    const dx = new Float32Array(xv.length);
    leakyReluGradLoop(dyv, xv, alpha, dx);
    return backend.makeTensorInfo(x.shape, 'float32', dx);
}

export const leakyReluGradConfigs: KernelConfig[] = [
    { kernelName: LEAKY_RELU_GRAD, backendName: 'wasm', kernelFunc: wasmLeakyReluGrad as unknown as KernelConfig['kernelFunc'] },
    { kernelName: LEAKY_RELU_GRAD, backendName: 'cpu', kernelFunc: cpuLeakyReluGrad as unknown as KernelConfig['kernelFunc'] },
];
