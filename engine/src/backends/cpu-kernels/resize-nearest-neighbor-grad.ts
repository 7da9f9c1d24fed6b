/**
 * ResizeNearestNeighborGrad for the `cpu` backend. The stock kernel (tfjs-backend-cpu 4.22.0)
 * offsets dy by the *images'* batch stride, so every batch element after the first gets wrong
 * gradients, and it ignores halfPixelCenters. This is the exact adjoint of the cpu forward
 * kernel: each dy pixel is added to the input pixel the forward pass copied it from.
 */
import { ResizeNearestNeighborGrad, type KernelConfig, type ResizeNearestNeighborGradAttrs, type TensorInfo } from '@tensorflow/tfjs-core';

interface CpuBackendLike {
    data: { get(dataId: object): { values: ArrayLike<number> } };
    makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}

/** The source index the cpu forward kernel reads for output index `i` (one dimension). */
function sourceIndex(i: number, ratio: number, oldSize: number, alignCorners: boolean, halfPixelCenters: boolean): number {
    const frac = halfPixelCenters ? ratio * (i + 0.5) : ratio * i;
    const nearest = Math.min(oldSize - 1, alignCorners ? Math.round(frac) : Math.floor(frac));
    return halfPixelCenters ? Math.max(0, nearest) : nearest;
}

function ratioOf(oldSize: number, newSize: number, alignCorners: boolean): number {
    const corners = alignCorners && newSize > 1;
    return (corners ? oldSize - 1 : oldSize) / (corners ? newSize - 1 : newSize);
}

function resizeNearestNeighborGrad(args: { inputs: unknown; backend: unknown; attrs: unknown }): TensorInfo {
    const backend = args.backend as CpuBackendLike;
    const { images, dy } = args.inputs as { images: TensorInfo; dy: TensorInfo };
    const { alignCorners, halfPixelCenters } = args.attrs as unknown as ResizeNearestNeighborGradAttrs;
    const [batch, xHeight, xWidth, depth] = images.shape;
    const [, yHeight, yWidth] = dy.shape;
    const dyv = backend.data.get(dy.dataId).values;
    const dx = new Float32Array(batch * xHeight * xWidth * depth);
    const rowRatio = ratioOf(xHeight, yHeight, alignCorners);
    const colRatio = ratioOf(xWidth, yWidth, alignCorners);
    const srcCols = Array.from({ length: yWidth }, (_, c) => sourceIndex(c, colRatio, xWidth, alignCorners, halfPixelCenters));
    let o = 0;
    for (let b = 0; b < batch; b++) {
        for (let r = 0; r < yHeight; r++) {
            const row = (b * xHeight + sourceIndex(r, rowRatio, xHeight, alignCorners, halfPixelCenters)) * xWidth;
            for (let c = 0; c < yWidth; c++) {
                const base = (row + srcCols[c]) * depth;
                for (let d = 0; d < depth; d++) dx[base + d] += dyv[o++];
            }
        }
    }
    return backend.makeTensorInfo(images.shape, 'float32', dx);
}

export const cpuResizeNearestNeighborGradConfig: KernelConfig = {
    kernelName: ResizeNearestNeighborGrad,
    backendName: 'cpu',
    kernelFunc: resizeNearestNeighborGrad as unknown as KernelConfig['kernelFunc'],
};
