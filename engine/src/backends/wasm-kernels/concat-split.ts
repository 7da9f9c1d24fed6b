/**
 * Concat and SplitV (the concat gradient) along any axis as strided block copies. The U-Net
 * concatenates skip connections on the channel axis: the stock kernels took 15 ms to concat
 * [64,28,28,64] with [64,28,28,32] and 23 ms to split the gradient back (SplitV is one Slice per
 * output, Concat a JS loop over rows). Seen as [outer, inner] matrices, each input is a column
 * block of the output: one SIMD copyBlocks per input when its rows are whole 16-byte vectors
 * (4-byte dtypes), else a typed-array copy per row.
 */
import { Concat, SplitV, backend_util, util, type ConcatAttrs, type KernelConfig, type SplitVAttrs, type TensorInfo } from '@tensorflow/tfjs-core';
import { runStock } from './stock-kernels.js';
import { asWasmBackend, offsetOf, simdKernels, typedView, type WasmBackendInternals } from './wasm-heap.js';

/**
 * Copies `rows` rows of `len` elements from src (row stride srcStride, from srcAt) to dst (row
 * stride dstStride, from dstAt); all in elements of the tensors' dtype.
 */
function copyRows(backend: WasmBackendInternals, src: TensorInfo, dst: TensorInfo, rows: number, len: number,
    srcAt: number, srcStride: number, dstAt: number, dstStride: number): void {
    if (rows === 0 || len === 0) return;
    const simd = simdKernels(backend);
    const bytes = src.dtype === 'bool' ? 1 : 4;
    if (simd && bytes === 4 && len % 4 === 0) {
        simd.copyBlocks(offsetOf(backend, src) + 4 * srcAt, offsetOf(backend, dst) + 4 * dstAt, 4 * len, rows, 4 * srcStride, 4 * dstStride);
        return;
    }
    const s = typedView(backend, src)!, d = typedView(backend, dst)!;
    for (let r = 0; r < rows; r++) d.set(s.subarray(srcAt + r * srcStride, srcAt + r * srcStride + len) as never, dstAt + r * dstStride);
}

interface Args { inputs: unknown; backend: unknown; attrs: unknown }

function concat(args: Args): TensorInfo {
    const backend = asWasmBackend(args.backend);
    const all = Object.values(args.inputs as Record<string, TensorInfo>);
    const axis = util.parseAxisParam((args.attrs as unknown as ConcatAttrs).axis, all[0].shape)[0];
    const inputs = all.filter(t => util.sizeFromShape(t.shape) > 0);
    const dtype = all[0].dtype;
    if (inputs.length < 2 || !['float32', 'int32', 'bool'].includes(dtype) || inputs.some(t => t.dtype !== dtype)) {
        return runStock(Concat, args, `dtype ${dtype} is not supported`);
    }
    const outShape = backend_util.computeOutShape(inputs.map(t => t.shape), axis);
    const out = backend.makeOutput(outShape, dtype);
    const outer = util.sizeFromShape(outShape.slice(0, axis));
    const width = util.sizeFromShape(outShape.slice(axis));
    let column = 0;
    for (const t of inputs) {
        const len = util.sizeFromShape(t.shape.slice(axis));
        copyRows(backend, t, out, outer, len, 0, len, column, width);
        column += len;
    }
    return out;
}

function splitV(args: Args): TensorInfo[] {
    const backend = asWasmBackend(args.backend);
    const { x } = args.inputs as { x: TensorInfo };
    const { numOrSizeSplits, axis: axisAttr } = args.attrs as unknown as SplitVAttrs;
    if (!['float32', 'int32', 'bool'].includes(x.dtype)) {
        return runStock(SplitV, args, `dtype ${x.dtype} is not supported`) as unknown as TensorInfo[];
    }
    const axis = util.parseAxisParam(axisAttr, x.shape)[0];
    const sizes = backend_util.prepareSplitSize(x as never, numOrSizeSplits, axis);
    const outer = util.sizeFromShape(x.shape.slice(0, axis));
    const inner = util.sizeFromShape(x.shape.slice(axis + 1));
    const width = x.shape[axis] * inner;
    const outs = sizes.map(s => {
        const shape = [...x.shape];
        shape[axis] = s;
        return backend.makeOutput(shape, x.dtype);
    });
    let column = 0;
    outs.forEach((o, i) => {
        const len = sizes[i] * inner;
        copyRows(backend, x, o, outer, len, column, width, 0, len);
        column += len;
    });
    return outs;
}

export const concatConfig: KernelConfig = { kernelName: Concat, backendName: 'wasm', kernelFunc: concat as unknown as KernelConfig['kernelFunc'] };
export const splitVConfig: KernelConfig = { kernelName: SplitV, backendName: 'wasm', kernelFunc: splitV as unknown as KernelConfig['kernelFunc'] };
