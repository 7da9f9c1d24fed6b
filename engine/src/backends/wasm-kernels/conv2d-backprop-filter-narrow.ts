/**
 * Conv2DBackpropFilter for inputs with few channels (the image-side convolution of a GAN: 1 or 3
 * channels). As a dilated Conv2D (conv2d-backprop-filter.ts) the work is a [kh·kw, b·oh·ow]
 * reduction that XNNPACK handles badly with one input channel: 3.9 ms for x [64,28,28,1],
 * dy [64,14,14,32], 20 MFLOP.
 *
 * dW[(kh,kw,ci), co] = Σ_m P[m, (kh,kw,ci)] · dy[m, co] over the b·oh·ow output positions m,
 * where P is x's patch matrix (im2col). P is built here already transposed, [kh·kw·ci, m] (rows
 * written in order), so one untransposed wasm BatchMatMul P^T · dy gives dW in its own
 * [kh, kw, ci, co] layout.
 */
import { BatchMatMul, type TensorInfo } from '@tensorflow/tfjs-core';
import type { Conv2DInfo } from './conv-geometry.js';
import { stockKernel } from './stock-kernels.js';
import { disposeAll, f32, runWasmKernel, type WasmBackendInternals } from './wasm-heap.js';

/** Up to this many input channels the patch matrix stays small (kh·kw·ci rows). */
export const NARROW_MAX_CHANNELS = 4;

/** Writes x's patch matrix transposed, [kh·kw·ci, b·oh·ow], zeros where the patch is padding. */
export function patchesTransposed(x: Float32Array, info: Conv2DInfo, out: Float32Array): void {
    const { batchSize: nb, inHeight: H, inWidth: W, inChannels: ci, outHeight: oh, outWidth: ow,
        filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw,
        dilationHeight: dh, dilationWidth: dw } = info;
    const pt = info.padInfo.top;
    const pl = info.padInfo.left;
    let d = 0;
    for (let ky = 0; ky < kh; ky++) {
        for (let kx = 0; kx < kw; kx++) {
            // Output columns ox whose input column lies inside [0, W).
            const x0 = kx * dw - pl;
            const oxLo = Math.max(0, Math.ceil(-x0 / sw));
            const oxHi = Math.min(ow, Math.floor((W - 1 - x0) / sw) + 1);
            for (let c = 0; c < ci; c++) {
                for (let n = 0; n < nb; n++) {
                    for (let oy = 0; oy < oh; oy++) {
                        const iy = oy * sh + ky * dh - pt;
                        if (iy < 0 || iy >= H) {
                            out.fill(0, d, d + ow);
                            d += ow;
                            continue;
                        }
                        const row = ((n * H + iy) * W + x0) * ci + c;
                        let ox = 0;
                        for (; ox < oxLo; ox++) out[d++] = 0;
                        const step = sw * ci;
                        for (let src = row + ox * step; ox < oxHi; ox++, src += step) out[d++] = x[src];
                        for (; ox < ow; ox++) out[d++] = 0;
                    }
                }
            }
        }
    }
}

export function narrowFilterGradient(backend: WasmBackendInternals, x: TensorInfo, dy: TensorInfo, info: Conv2DInfo): TensorInfo {
    const { filterHeight: kh, filterWidth: kw, inChannels: ci, outChannels: co } = info;
    const k = kh * kw * ci;
    const m = info.batchSize * info.outHeight * info.outWidth;
    const stock = stockKernel(BatchMatMul);
    if (!stock) throw new Error('flowstudio wasm Conv2DBackpropFilter: the stock BatchMatMul kernel is missing');
    const pT = backend.makeOutput([1, k, m], 'float32');
    patchesTransposed(f32(backend, x), info, f32(backend, pT));
    const dy3 = runWasmKernel(backend, 'Reshape', { x: dy }, { shape: [1, m, co] });
    const dw = stock.kernelFunc({
        inputs: { a: pT, b: dy3 }, backend: backend as never, attrs: { transposeA: false, transposeB: false },
    }) as TensorInfo;
    disposeAll(backend, pT, dy3);
    return { dataId: dw.dataId, shape: [kh, kw, ci, co], dtype: 'float32' };
}
