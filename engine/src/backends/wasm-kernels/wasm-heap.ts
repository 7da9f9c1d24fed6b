/**
 * Typed access to the internals of tfjs-backend-wasm 4.22.0 that the registered kernels rely on:
 * tensors live in the wasm heap at `dataIdMap.get(dataId).memoryOffset`, and kernels can call
 * each other through the kernel registry. These internals are not public API, which is why
 * the tfjs packages are pinned exactly.
 */
import { getKernel, type DataType, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';
import { simdKernelsFor, type SimdKernels } from './simd-module.js';

interface WasmTensorData {
    id: number;
    memoryOffset: number;
    shape: number[];
    dtype: DataType;
}

export interface WasmBackendInternals {
    /** `asm.memory` is the module's WebAssembly.Memory (Emscripten's exports object). */
    wasm: { HEAPU8: Uint8Array; wasmMemory?: { buffer: ArrayBufferLike }; asm?: { memory?: object } };
    dataIdMap: { get(dataId: object): WasmTensorData };
    makeOutput(shape: number[], dtype: DataType): TensorInfo;
    disposeData(dataId: object, force?: boolean): boolean;
}

export function asWasmBackend(backend: unknown): WasmBackendInternals {
    const b = backend as Partial<WasmBackendInternals>;
    if (!b || !b.wasm || !b.dataIdMap || typeof b.makeOutput !== 'function') {
        throw new Error('flowstudio wasm kernels: backend is not the tfjs wasm backend');
    }
    return b as WasmBackendInternals;
}

/**
 * A fresh Float32Array view of a tensor. Fetch views after every allocation: `makeOutput` may
 * grow the wasm memory, which detaches earlier views.
 */
export function f32(backend: WasmBackendInternals, t: TensorInfo): Float32Array {
    const { memoryOffset } = backend.dataIdMap.get(t.dataId);
    return new Float32Array(heapBuffer(backend), memoryOffset, sizeOf(t.shape));
}

/**
 * The current heap buffer. Emscripten refreshes HEAPU8 lazily after memory growth in builds with
 * threads, so prefer the memory object when the module exposes it.
 */
export function heapBuffer(backend: Pick<WasmBackendInternals, 'wasm'>): ArrayBufferLike {
    return backend.wasm.wasmMemory?.buffer ?? backend.wasm.HEAPU8.buffer;
}

/** A tensor's byte offset in the wasm heap. */
export function offsetOf(backend: WasmBackendInternals, t: TensorInfo): number {
    return backend.dataIdMap.get(t.dataId).memoryOffset;
}

/** Flow Studio's SIMD kernels bound to this backend's heap (simd-module.ts), or null. */
export function simdKernels(backend: WasmBackendInternals): SimdKernels | null {
    const memory = backend.wasm.asm?.memory;
    return memory ? simdKernelsFor(memory) : null;
}

export function i32(backend: WasmBackendInternals, t: TensorInfo): Int32Array {
    const { memoryOffset } = backend.dataIdMap.get(t.dataId);
    return new Int32Array(heapBuffer(backend), memoryOffset, sizeOf(t.shape));
}

/** A fresh view typed by the tensor's dtype (bool as bytes); null for other dtypes. */
export function typedView(backend: WasmBackendInternals, t: TensorInfo): Float32Array | Int32Array | Uint8Array | null {
    switch (t.dtype) {
        case 'float32': return f32(backend, t);
        case 'int32': return i32(backend, t);
        case 'bool': return new Uint8Array(heapBuffer(backend), offsetOf(backend, t), sizeOf(t.shape));
        default: return null;
    }
}

/** Runs whichever kernel is registered for `wasm` under `name` right now (stock or ours). */
export function runWasmKernel(
    backend: WasmBackendInternals,
    name: string,
    inputs: Record<string, TensorInfo>,
    attrs: NamedAttrMap = {},
): TensorInfo {
    const config = getKernel(name, 'wasm');
    if (!config) throw new Error(`flowstudio wasm kernels: wasm kernel ${name} is not registered`);
    const out = config.kernelFunc({ inputs, attrs, backend: backend as never });
    if (Array.isArray(out)) throw new Error(`flowstudio wasm kernels: ${name} returned several tensors`);
    return out;
}

/** Releases intermediate tensors created inside a kernel (they never reach the engine).
 * Reference-counted, not forced: kernels such as Reshape return their input with one more ref. */
export function disposeAll(backend: WasmBackendInternals, ...ts: TensorInfo[]): void {
    for (const t of ts) backend.disposeData(t.dataId);
}

export function sizeOf(shape: readonly number[]): number {
    let n = 1;
    for (const d of shape) n *= d;
    return n;
}
