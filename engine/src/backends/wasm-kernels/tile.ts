/**
 * Tile: the stock wasm kernel walks every output element with index arithmetic (16 ms to tile
 * [1,1,1,32] to [64,14,14,32], a shape the batch-norm and bias gradients produce). Here each
 * level of the shape copies its first block with copyWithin, so the work is memcpy-sized.
 */
import { Tile, type KernelConfig, type TensorInfo, type TileAttrs } from '@tensorflow/tfjs-core';
import { runStock } from './stock-kernels.js';
import { asWasmBackend, typedView } from './wasm-heap.js';

type Typed = Float32Array | Int32Array | Uint8Array;

export function tileInto(src: Typed, dst: Typed, shape: readonly number[], reps: readonly number[]): void {
    const rank = shape.length;
    const srcStride = new Array<number>(rank + 1).fill(1);
    const dstStride = new Array<number>(rank + 1).fill(1);
    for (let i = rank - 1; i >= 0; i--) {
        srcStride[i] = srcStride[i + 1] * shape[i];
        dstStride[i] = dstStride[i + 1] * shape[i] * reps[i];
    }
    // dstStride[i] is the size of one output block at level i (all of dims i..rank-1).
    const fill = (level: number, srcOff: number, dstOff: number): void => {
        const n = shape[level];
        if (level === rank - 1) {
            if (n === 1) dst.fill(src[srcOff] as never, dstOff, dstOff + reps[level]);
            else {
                dst.set(src.subarray(srcOff, srcOff + n) as never, dstOff);
                for (let r = 1; r < reps[level]; r++) dst.copyWithin(dstOff + r * n, dstOff, dstOff + n);
            }
            return;
        }
        const inner = dstStride[level + 1];
        for (let i = 0; i < n; i++) fill(level + 1, srcOff + i * srcStride[level + 1], dstOff + i * inner);
        const block = n * inner;
        for (let r = 1; r < reps[level]; r++) dst.copyWithin(dstOff + r * block, dstOff, dstOff + block);
    };
    if (rank === 0) dst[0] = src[0];
    else fill(0, 0, 0);
}

function tile(args: { inputs: unknown; backend: unknown; attrs: unknown }): TensorInfo {
    const backend = asWasmBackend(args.backend);
    const { x } = args.inputs as { x: TensorInfo };
    const { reps } = args.attrs as unknown as TileAttrs;
    if (!typedView(backend, x)) {
        return runStock(Tile, args, `dtype ${x.dtype} is not supported`);
    }
    const out = backend.makeOutput(x.shape.map((d, i) => d * reps[i]), x.dtype);
    tileInto(typedView(backend, x)!, typedView(backend, out)!, x.shape, reps);
    return out;
}

export const tileConfig: KernelConfig = {
    kernelName: Tile,
    backendName: 'wasm',
    kernelFunc: tile as unknown as KernelConfig['kernelFunc'],
};
