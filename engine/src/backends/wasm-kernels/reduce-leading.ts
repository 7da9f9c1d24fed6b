/**
 * Sum and Mean over every axis but the last (bias and batch-norm gradients, batch statistics):
 * the stock wasm kernels transpose the input so the reduced axes are innermost, then reduce
 * (0.76 ms for [64,14,14,32]). Adding eight rows at a time into per-channel double accumulators
 * reads the input once, in order: 0.29 ms. Other reductions use the stock kernels.
 * (A ones-row matmul on XNNPACK is faster only for a repeated input: it repacks each new one.)
 */
import { Mean, Sum, backend_util, util, type KernelConfig, type MeanAttrs, type SumAttrs, type TensorInfo } from '@tensorflow/tfjs-core';
import { stockKernel } from './stock-kernels.js';
import { asWasmBackend, f32 } from './wasm-heap.js';

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
        const outShape = keepDims ? backend_util.expandShapeToKeepDim([channels], axes) : [channels];
        const out = backend.makeOutput(outShape, 'float32');
        const sums = columnSums(f32(backend, x), channels);
        const rows = util.sizeFromShape(x.shape) / channels;
        const dst = f32(backend, out);
        for (let c = 0; c < channels; c++) dst[c] = divide ? sums[c] / rows : sums[c];
        return out;
    }) as unknown as KernelConfig['kernelFunc'];
}

export const sumConfig: KernelConfig = { kernelName: Sum, backendName: 'wasm', kernelFunc: makeReduction(Sum, false) };
export const meanConfig: KernelConfig = { kernelName: Mean, backendName: 'wasm', kernelFunc: makeReduction(Mean, true) };
