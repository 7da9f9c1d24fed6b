/**
 * BatchMatMul: the stock wasm kernel is fast only without transposes; with transposeA or
 * transposeB it takes a slow path (measured 25× slower, e.g. 31 ms instead of 1.3 ms for
 * 64×100·100×3136, which every Dense gradient hits). Transposing the operand explicitly with
 * the wasm Transpose kernel and multiplying untransposed is far cheaper.
 */
import { BatchMatMul, type BatchMatMulAttrs, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import { stockKernel } from './stock-kernels.js';
import { asWasmBackend, disposeAll, runWasmKernel, type WasmBackendInternals } from './wasm-heap.js';

function swapLastTwo(backend: WasmBackendInternals, x: TensorInfo): TensorInfo {
    const rank = x.shape.length;
    const perm = x.shape.map((_, i) => i);
    perm[rank - 2] = rank - 1;
    perm[rank - 1] = rank - 2;
    return runWasmKernel(backend, 'Transpose', { x }, { perm });
}

function batchMatMul(args: { inputs: unknown; backend: unknown; attrs: unknown }): TensorInfo {
    const backend = asWasmBackend(args.backend);
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = args.attrs as unknown as BatchMatMulAttrs;
    const stock = stockKernel(BatchMatMul);
    if (!stock) throw new Error('flowstudio wasm BatchMatMul: the stock wasm kernel is missing');
    const a2 = transposeA ? swapLastTwo(backend, a) : a;
    const b2 = transposeB ? swapLastTwo(backend, b) : b;
    const out = stock.kernelFunc({
        inputs: { a: a2, b: b2 }, backend: backend as never,
        attrs: { transposeA: false, transposeB: false },
    }) as TensorInfo;
    if (transposeA) disposeAll(backend, a2);
    if (transposeB) disposeAll(backend, b2);
    return out;
}

export const batchMatMulConfig: KernelConfig = {
    kernelName: BatchMatMul,
    backendName: 'wasm',
    kernelFunc: batchMatMul as unknown as KernelConfig['kernelFunc'],
};
