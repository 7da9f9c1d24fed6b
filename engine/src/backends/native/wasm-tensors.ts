/**
 * The tfjs-backend-wasm 4.22.0 internals the native kernels use: every tensor is
 * a region of the wasm heap at `dataIdMap.get(dataId).memoryOffset`, and
 * `makeOutput` allocates a new one there. The addon gets the heap's ArrayBuffer
 * and byte offsets, so it reads and writes tensors in place.
 */
import type { DataType, TensorInfo } from '@tensorflow/tfjs-core';

// heapOf: take it after a kernel's last `makeOutput`; growing the wasm memory replaces the buffer.
export { heapBuffer as heapOf, sizeOf } from '../wasm-kernels/wasm-heap.js';

export interface WasmBackendLike {
    wasm: { HEAPU8: Uint8Array };
    dataIdMap: { get(dataId: object): { memoryOffset: number; shape: number[]; dtype: DataType } | undefined };
    makeOutput(shape: number[], dtype: DataType): TensorInfo;
    incRef(dataId: object): void;
}

export function asWasm(backend: unknown): WasmBackendLike {
    const b = backend as Partial<WasmBackendLike> | undefined;
    if (!b || !b.wasm || !b.dataIdMap || typeof b.makeOutput !== 'function' || typeof b.incRef !== 'function') {
        throw new Error('flowstudio native kernels: the backend is not tfjs-backend-wasm');
    }
    return b as WasmBackendLike;
}

/** Byte offset of a tensor in the wasm heap. */
export function offsetOf(backend: WasmBackendLike, t: TensorInfo): number {
    const data = backend.dataIdMap.get(t.dataId);
    if (!data || data.memoryOffset == null) {
        throw new Error('flowstudio native kernels: tensor has no memory in the wasm heap');
    }
    return data.memoryOffset;
}
