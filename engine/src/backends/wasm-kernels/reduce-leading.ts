/**
 * Sum and Mean over every axis but the last (bias and batch-norm gradients, batch statistics):
 * the stock wasm kernels transpose the input so the reduced axes are innermost, then reduce
 * (0.78 ms for [64,14,14,32]). As a product ones[1,R] · x[R,C] the wasm backend's XNNPACK
 * matmul does it in 0.05 ms. Accumulation is float32, as in the stock kernels. Other
 * reductions use the stock kernels.
 */
import { Mean, Sum, backend_util, util, type KernelConfig, type MeanAttrs, type SumAttrs, type TensorInfo } from '@tensorflow/tfjs-core';
import { stockKernel } from './stock-kernels.js';
import { asWasmBackend, f32, runWasmKernel, type WasmBackendInternals } from './wasm-heap.js';

/** True when `axes` are exactly the leading rank-1 axes (in any order). */
function reducesAllButLast(shape: readonly number[], axes: number[]): boolean {
    const rank = shape.length;
    if (rank < 2 || axes.length !== rank - 1) return false;
    const sorted = [...axes].sort((a, b) => a - b);
    return sorted.every((a, i) => a === i);
}

/** Rows of ones, kept for the backend's lifetime (a few per model: one per reduced size). */
const onesCache = new WeakMap<object, Map<number, TensorInfo>>();

function onesRow(backend: WasmBackendInternals, rows: number): TensorInfo {
    let cache = onesCache.get(backend);
    if (!cache) onesCache.set(backend, cache = new Map());
    let ones = cache.get(rows);
    if (!ones) {
        ones = backend.makeOutput([1, 1, rows], 'float32');
        f32(backend, ones).fill(1);
        cache.set(rows, ones);
    }
    return ones;
}

function makeReduction(name: typeof Sum | typeof Mean, divide: boolean): KernelConfig['kernelFunc'] {
    return ((args: { inputs: unknown; backend: unknown; attrs: unknown }) => {
        const backend = asWasmBackend(args.backend);
        const { x } = args.inputs as { x: TensorInfo };
        const { axis, keepDims } = args.attrs as unknown as SumAttrs | MeanAttrs;
        const axes = util.parseAxisParam(axis, x.shape);
        if (x.dtype !== 'float32' || !reducesAllButLast(x.shape, axes)) {
            const stock = stockKernel(name);
            if (!stock) throw new Error(`flowstudio wasm ${name}: the stock kernel is missing`);
            return stock.kernelFunc(args as never);
        }
        const channels = x.shape[x.shape.length - 1];
        const rows = util.sizeFromShape(x.shape) / channels;
        // A view of x as [1, rows, channels]: same memory, shape only read from this TensorInfo.
        const matrix: TensorInfo = { dataId: x.dataId, shape: [1, rows, channels], dtype: 'float32' };
        const out = runWasmKernel(backend, 'BatchMatMul', { a: onesRow(backend, rows), b: matrix },
            { transposeA: false, transposeB: false });
        if (divide) {
            const v = f32(backend, out);
            for (let c = 0; c < channels; c++) v[c] /= rows;
        }
        const outShape = keepDims ? backend_util.expandShapeToKeepDim([channels], axes) : [channels];
        return { dataId: out.dataId, shape: outShape, dtype: 'float32' };
    }) as unknown as KernelConfig['kernelFunc'];
}

export const sumConfig: KernelConfig = { kernelName: Sum, backendName: 'wasm', kernelFunc: makeReduction(Sum, false) };
export const meanConfig: KernelConfig = { kernelName: Mean, backendName: 'wasm', kernelFunc: makeReduction(Mean, true) };
