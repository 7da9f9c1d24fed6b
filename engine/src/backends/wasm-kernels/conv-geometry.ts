/** Convolution geometry shared by the conv gradient kernels (NHWC only, like the wasm Conv2D). */
import { backend_util, type Conv2DBackpropFilterAttrs } from '@tensorflow/tfjs-core';

export type Conv2DInfo = backend_util.Conv2DInfo;

export function convInfoFor(
    kernel: string,
    xShape: [number, number, number, number],
    filterShape: [number, number, number, number],
    attrs: Pick<Conv2DBackpropFilterAttrs, 'strides' | 'pad' | 'dataFormat' | 'dimRoundingMode'>,
): Conv2DInfo {
    const format = backend_util.convertConv2DDataFormat(attrs.dataFormat);
    if (format !== 'channelsLast') {
        throw new Error(`flowstudio wasm ${kernel}: dataFormat ${attrs.dataFormat} is not supported, use NHWC`);
    }
    return backend_util.computeConv2DInfo(
        xShape, filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, format);
}

/** An explicit NHWC padding attribute for Conv2D. */
export function explicitPad(top: number, bottom: number, left: number, right: number): backend_util.ExplicitPadding {
    return [[0, 0], [top, bottom], [left, right], [0, 0]];
}
