/**
 * UnsortedSegmentSum, missing from the stock wasm backend; tfjs-core's gather gradient calls
 * it, so without it nothing that gathers (embedding-style lookups, index selection) trains.
 * Ids outside [0, numSegments) are dropped, as on the cpu backend.
 */
import { UnsortedSegmentSum, type KernelConfig, type TensorInfo, type UnsortedSegmentSumAttrs } from '@tensorflow/tfjs-core';
import { asWasmBackend, f32, i32, sizeOf } from './wasm-heap.js';

function unsortedSegmentSum(args: { inputs: unknown; backend: unknown; attrs: unknown }): TensorInfo {
    const backend = asWasmBackend(args.backend);
    const { x, segmentIds } = args.inputs as { x: TensorInfo; segmentIds: TensorInfo };
    const { numSegments } = args.attrs as unknown as UnsortedSegmentSumAttrs;
    if (x.dtype !== 'float32' && x.dtype !== 'int32') {
        throw new Error(`flowstudio wasm UnsortedSegmentSum: dtype ${x.dtype} is not supported`);
    }
    const ids = segmentIds.dtype === 'int32' ? null : f32(backend, segmentIds);
    const rank = segmentIds.shape.length;
    const outShape = [numSegments, ...x.shape.slice(rank)];
    const inner = sizeOf(x.shape.slice(rank));
    const out = backend.makeOutput(outShape, x.dtype);
    const src = x.dtype === 'float32' ? f32(backend, x) : i32(backend, x);
    const dst = x.dtype === 'float32' ? f32(backend, out) : i32(backend, out);
    const idv = ids ?? i32(backend, segmentIds);
    dst.fill(0);
    for (let i = 0; i < idv.length; i++) {
        const seg = idv[i];
        if (seg < 0 || seg >= numSegments) continue;
        const s = i * inner;
        const d = seg * inner;
        for (let k = 0; k < inner; k++) dst[d + k] += src[s + k];
    }
    return out;
}

export const unsortedSegmentSumConfig: KernelConfig = {
    kernelName: UnsortedSegmentSum,
    backendName: 'wasm',
    kernelFunc: unsortedSegmentSum as unknown as KernelConfig['kernelFunc'],
};
