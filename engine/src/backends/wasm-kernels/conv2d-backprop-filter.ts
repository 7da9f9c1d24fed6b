/**
 * Conv2DBackpropFilter, missing from the stock wasm backend (so it cannot train convolutions).
 *
 * dW[kh,kw,ci,co] = Σ_{b,oh,ow} x[b, oh·s+kh−pt, ow·s+kw−pl, ci] · dy[b,oh,ow,co]
 * is itself a stride-1 convolution with dilation s once the tensors are transposed: the input
 * is x as [ci, H, W, b] (channels become the batch, the batch becomes the channels) and the
 * filter is dy as [oh, ow, b, co]. That lets the wasm backend's XNNPACK Conv2D do the work.
 */
import { Conv2DBackpropFilter, type Conv2DBackpropFilterAttrs, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import { convInfoFor, explicitPad } from './conv-geometry.js';
import { NARROW_MAX_CHANNELS, narrowFilterGradient } from './conv2d-backprop-filter-narrow.js';
import { asWasmBackend, disposeAll, runWasmKernel } from './wasm-heap.js';

function conv2DBackpropFilter(args: { inputs: unknown; backend: unknown; attrs: unknown }): TensorInfo {
    const backend = asWasmBackend(args.backend);
    const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
    const attrs = args.attrs as unknown as Conv2DBackpropFilterAttrs;
    const info = convInfoFor('Conv2DBackpropFilter', x.shape as [number, number, number, number],
        attrs.filterShape, attrs);
    if (info.inChannels <= NARROW_MAX_CHANNELS) return narrowFilterGradient(backend, x, dy, info);
    const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, inHeight, inWidth,
        outHeight, outWidth } = info;
    const pt = info.padInfo.top;
    const pl = info.padInfo.left;
    // Bottom/right padding that makes the dilated "filter" (dy) produce exactly kh × kw outputs;
    // when negative, the trailing input rows/columns are never read and are sliced off.
    const pb = kh + (outHeight - 1) * sh - inHeight - pt;
    const pr = kw + (outWidth - 1) * sw - inWidth - pl;

    let input = runWasmKernel(backend, 'Transpose', { x }, { perm: [3, 1, 2, 0] });
    if (pb < 0 || pr < 0) {
        const cropped = runWasmKernel(backend, 'Slice', { x: input }, {
            begin: [0, 0, 0, 0],
            size: [input.shape[0], inHeight + Math.min(pb, 0), inWidth + Math.min(pr, 0), input.shape[3]],
        });
        disposeAll(backend, input);
        input = cropped;
    }
    const filter = runWasmKernel(backend, 'Transpose', { x: dy }, { perm: [1, 2, 0, 3] });
    const conv = runWasmKernel(backend, 'Conv2D', { x: input, filter }, {
        strides: [1, 1],
        pad: explicitPad(pt, Math.max(pb, 0), pl, Math.max(pr, 0)),
        dataFormat: 'NHWC',
        dilations: [sh, sw],
        dimRoundingMode: undefined as never,
    });
    disposeAll(backend, input, filter);
    const dw = runWasmKernel(backend, 'Transpose', { x: conv }, { perm: [1, 2, 0, 3] });
    disposeAll(backend, conv);
    return dw;
}

export const conv2DBackpropFilterConfig: KernelConfig = {
    kernelName: Conv2DBackpropFilter,
    backendName: 'wasm',
    kernelFunc: conv2DBackpropFilter as unknown as KernelConfig['kernelFunc'],
};
