/**
 * Sum and Mean over every axis but the last (bias and batch-norm gradients, batch statistics),
 * or over the axes between the first ones and the last (per-image channel sums: the gradient of
 * the U-Net's FiLM scale and shift, [n,h,w,c] → [n,c], stock 3.5 ms for [64,28,28,32]):
 * the stock wasm kernels transpose the input so the reduced axes are innermost, then reduce
 * (0.76 ms for [64,14,14,32]). Adding the rows into per-channel double accumulators reads the
 * input once, in order: 0.11 ms as SIMD (simd-module.ts, two channels per float64 pair; even
 * channel counts), 0.25 ms in JS eight rows at a time. Other reductions use the stock kernels.
 * (A ones-row matmul on XNNPACK is faster only for a repeated input: it repacks each new one.)
 */
import { Mean, Sum, backend_util, util, type KernelConfig, type MeanAttrs, type SumAttrs, type TensorInfo } from '@tensorflow/tfjs-core';
import { runStock } from './stock-kernels.js';
import { asWasmBackend, disposeAll, f32, offsetOf, simdKernels, sizeOf, type WasmBackendInternals } from './wasm-heap.js';

/**
 * The first reduced axis when `axes` (in any order) are every axis from it to the last but one,
 * i.e. the reduction is per-channel column sums of [outer, rows, channels]; else −1.
 */
function firstOfRowAxes(shape: readonly number[], axes: number[]): number {
    const rank = shape.length;
    if (rank < 2 || axes.length === 0) return -1;
    const sorted = [...axes].sort((a, b) => a - b);
    const first = sorted[0];
    return sorted.every((a, i) => a === first + i) && sorted[sorted.length - 1] === rank - 2 ? first : -1;
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
export function heapColumnSums(backend: WasmBackendInternals, x: TensorInfo, channels: number, start = 0, length = sizeOf(x.shape)): Float64Array {
    const simd = simdKernels(backend);
    if (!simd || channels % 2 !== 0) return columnSums(f32(backend, x).subarray(start, start + length), channels);
    // 2·channels float32 slots = channels float64 accumulators (malloc aligns to 8 bytes).
    const scratch = backend.makeOutput([2 * channels], 'float32');
    const acc = new Float64Array(f32(backend, scratch).buffer, offsetOf(backend, scratch), channels);
    acc.fill(0);
    simd.columnSums(offsetOf(backend, x) + 4 * start, 4 * channels, 4 * length, offsetOf(backend, scratch));
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
        const first = firstOfRowAxes(x.shape, axes);
        if (x.dtype !== 'float32' || first < 0 || util.sizeFromShape(x.shape) === 0) {
            return runStock(name, args, 'the stock kernel is missing');
        }
        const channels = x.shape[x.shape.length - 1];
        const kept = [...x.shape.slice(0, first), channels];
        const outShape = keepDims ? backend_util.expandShapeToKeepDim(kept, axes) : kept;
        const out = backend.makeOutput(outShape, 'float32');
        const outer = util.sizeFromShape(x.shape.slice(0, first));
        const rows = util.sizeFromShape(x.shape.slice(first, -1));
        for (let o = 0; o < outer; o++) {
            const sums = heapColumnSums(backend, x, channels, o * rows * channels, rows * channels);
            // After the call: its scratch allocation may have moved the heap.
            const dst = f32(backend, out);
            for (let c = 0; c < channels; c++) dst[o * channels + c] = divide ? sums[c] / rows : sums[c];
        }
        return out;
    }) as unknown as KernelConfig['kernelFunc'];
}

export const sumConfig: KernelConfig = { kernelName: Sum, backendName: 'wasm', kernelFunc: makeReduction(Sum, false) };
export const meanConfig: KernelConfig = { kernelName: Mean, backendName: 'wasm', kernelFunc: makeReduction(Mean, true) };
