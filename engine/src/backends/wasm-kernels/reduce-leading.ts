/**
 * Sum and Mean over every axis but the last (bias and batch-norm gradients, batch statistics):
 * the stock wasm kernels transpose the input so the reduced axes are innermost, then reduce
 * (0.76 ms for [64,14,14,32]). Adding the rows into per-channel double accumulators reads the
 * input once, in order: 0.11 ms as SIMD (simd-module.ts, two channels per float64 pair; even
 * channel counts), 0.25 ms in JS eight rows at a time. Other reductions use the stock kernels.
 * (A ones-row matmul on XNNPACK is faster only for a repeated input: it repacks each new one.)
 */
import { Mean, Sum, backend_util, util, type KernelConfig, type MeanAttrs, type SumAttrs, type TensorInfo } from '@tensorflow/tfjs-core';
import { runStock } from './stock-kernels.js';
import { asWasmBackend, disposeAll, f32, offsetOf, simdKernels, sizeOf, type WasmBackendInternals } from './wasm-heap.js';

/** True when `axes` are exactly the leading rank-1 axes (in any order). */
function reducesAllButLast(shape: readonly number[], axes: number[]): boolean {
    const rank = shape.length;
    if (rank < 2 || axes.length !== rank - 1) return false;
    return [...axes].sort((a, b) => a - b).every((a, i) => a === i);
}

/** Column sums of a row-major [rows, channels] matrix, in double. */
export function columnSums(x: Float32Array, channels: number): Float64Array {
    const acc = new Float64Array(channels);
    const rows = x.length / channels;
    const c2 = 2 * channels, c3 = 3 * channels, c4 = 4 * channels, c5 = 5 * channels, c6 = 6 * channels, c7 = 7 * channels;
    let r = 0;
    for (; r + 8 <= rows; r += 8) {
        const base = r * channels;
        for (let c = 0; c < channels; c++) {
            const i = base + c;
            acc[c] += ((x[i] + x[i + channels]) + (x[i + c2] + x[i + c3])) + ((x[i + c4] + x[i + c5]) + (x[i + c6] + x[i + c7]));
        }
    }
    for (; r < rows; r++) {
        const base = r * channels;
        for (let c = 0; c < channels; c++) acc[c] += x[base + c];
    }
    return acc;
}

/**
 * Column sums of a float32 [rows, channels] tensor on the wasm heap, in double: SIMD when the
 * channel count is even, else columnSums in JS.
 */
export function heapColumnSums(backend: WasmBackendInternals, x: TensorInfo, channels: number): Float64Array {
    const simd = simdKernels(backend);
    if (!simd || channels % 2 !== 0) return columnSums(f32(backend, x), channels);
    // 2·channels float32 slots = channels float64 accumulators (malloc aligns to 8 bytes).
    const scratch = backend.makeOutput([2 * channels], 'float32');
    const acc = new Float64Array(f32(backend, scratch).buffer, offsetOf(backend, scratch), channels);
    acc.fill(0);
    simd.columnSums(offsetOf(backend, x), 4 * channels, 4 * sizeOf(x.shape), offsetOf(backend, scratch));
    const sums = Float64Array.from(new Float64Array(f32(backend, scratch).buffer, offsetOf(backend, scratch), channels));
    disposeAll(backend, scratch);
    return sums;
}

function makeReduction(name: typeof Sum | typeof Mean, divide: boolean): KernelConfig['kernelFunc'] {
    return ((args: { inputs: unknown; backend: unknown; attrs: unknown }) => {
        const backend = asWasmBackend(args.backend);
        const { x } = args.inputs as { x: TensorInfo };
        const { axis, keepDims } = args.attrs as unknown as SumAttrs | MeanAttrs;
        const axes = util.parseAxisParam(axis, x.shape);
        if (x.dtype !== 'float32' || !reducesAllButLast(x.shape, axes)) {
            return runStock(name, args, 'the stock kernel is missing');
        }
        const channels = x.shape[x.shape.length - 1];
        const outShape = keepDims ? backend_util.expandShapeToKeepDim([channels], axes) : [channels];
        const out = backend.makeOutput(outShape, 'float32');
        const sums = heapColumnSums(backend, x, channels);
        const rows = util.sizeFromShape(x.shape) / channels;
        const dst = f32(backend, out);
        for (let c = 0; c < channels; c++) dst[c] = divide ? sums[c] / rows : sums[c];
        return out;
    }) as unknown as KernelConfig['kernelFunc'];
}

export const sumConfig: KernelConfig = { kernelName: Sum, backendName: 'wasm', kernelFunc: makeReduction(Sum, false) };
export const meanConfig: KernelConfig = { kernelName: Mean, backendName: 'wasm', kernelFunc: makeReduction(Mean, true) };
