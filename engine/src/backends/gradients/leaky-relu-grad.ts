/**
 * LeakyRelu's gradient as one kernel. tfjs-core builds it from Greater + Select + Multiply
 * (three passes and two temporaries, ~20 ms per DCGAN step on wasm); this is one pass:
 * dx = x > 0 ? dy : alpha·dy. Registered for wasm and cpu; other backends keep the composite.
 */
import { type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import { asWasmBackend, f32 } from '../wasm-kernels/wasm-heap.js';

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
    const out = backend.makeOutput(x.shape, 'float32');
    leakyReluGradLoop(f32(backend, dy), f32(backend, x), alpha, f32(backend, out));
    return out;
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
