/** The activations tfjs fuses into matmul/conv kernels, applied through the wasm unary kernels. */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { disposeAll, runWasmKernel, type WasmBackendInternals } from './wasm-heap.js';

export function applyActivation(
    backend: WasmBackendInternals,
    x: TensorInfo,
    activation: string | undefined,
    preluWeights: TensorInfo | undefined,
    leakyreluAlpha: number | undefined,
): TensorInfo {
    let y: TensorInfo;
    switch (activation ?? 'linear') {
        case 'linear': return x;
        case 'relu': y = runWasmKernel(backend, 'Relu', { x }); break;
        case 'relu6': y = runWasmKernel(backend, 'Relu6', { x }); break;
        case 'elu': y = runWasmKernel(backend, 'Elu', { x }); break;
        case 'sigmoid': y = runWasmKernel(backend, 'Sigmoid', { x }); break;
        case 'tanh': y = runWasmKernel(backend, 'Tanh', { x }); break;
        case 'leakyrelu': y = runWasmKernel(backend, 'LeakyRelu', { x }, { alpha: leakyreluAlpha ?? 0.2 }); break;
        case 'prelu':
            if (!preluWeights) throw new Error('flowstudio wasm kernels: prelu activation without weights');
            y = runWasmKernel(backend, 'Prelu', { x, alpha: preluWeights });
            break;
        default:
            throw new Error(`flowstudio wasm kernels: unsupported fused activation ${activation}`);
    }
    disposeAll(backend, x);
    return y;
}
