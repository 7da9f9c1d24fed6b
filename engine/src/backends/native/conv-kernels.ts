/**
 * Conv2D, FusedConv2D, Conv2DBackpropInput (= transposed convolution) and
 * Conv2DBackpropFilter on the native addon, for NHWC float32 tensors in the
 * wasm heap. Other cases run the kernel that was registered before.
 */
import {
    backend_util,
    Conv2D,
    Conv2DBackpropFilter,
    Conv2DBackpropInput,
    FusedConv2D,
    type KernelConfig,
    type NamedAttrMap,
    type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { NativeAddon } from './addon.js';
import { nativeKernelConfig, runPrevious, type KernelArgs } from './fallback.js';
import { asWasm, heapOf, offsetOf, sizeOf } from './wasm-tensors.js';

type Conv2DInfo = backend_util.Conv2DInfo;

/** Activation numbering shared with native/src/conv.h (and tfjs-backend-wasm). */
export const ACTIVATIONS: Readonly<Record<string, number>> = {
    linear: 0, relu: 1, relu6: 2, leakyrelu: 4, sigmoid: 5, elu: 6,
};

/** The 15 geometry numbers native/src/addon.cc reads, in its order. */
function geometry(c: Conv2DInfo): number[] {
    return [
        c.batchSize, c.inHeight, c.inWidth, c.inChannels,
        c.outHeight, c.outWidth, c.outChannels,
        c.filterHeight, c.filterWidth,
        c.strideHeight, c.strideWidth,
        c.dilationHeight, c.dilationWidth,
        c.padInfo.top, c.padInfo.left,
    ];
}

function convInfo(xShape: number[], filterShape: number[], attrs: NamedAttrMap, dilations: number | [number, number]): Conv2DInfo {
    const dataFormat = backend_util.convertConv2DDataFormat((attrs.dataFormat as 'NHWC' | 'NCHW') ?? 'NHWC');
    return backend_util.computeConv2DInfo(
        xShape as [number, number, number, number],
        filterShape as [number, number, number, number],
        attrs.strides as number | [number, number],
        dilations,
        attrs.pad as 'valid' | 'same' | number | backend_util.ExplicitPadding,
        attrs.dimRoundingMode as 'floor' | 'round' | 'ceil' | undefined,
        false,
        dataFormat,
    );
}

function allFloat32(...ts: (TensorInfo | undefined)[]): boolean {
    return ts.every(t => t == null || t.dtype === 'float32');
}

export function convKernelConfigs(addon: NativeAddon): KernelConfig[] {
    const conv2d = (args: KernelArgs): TensorInfo | TensorInfo[] => {
        const { x, filter } = args.inputs as { x: TensorInfo; filter: TensorInfo };
        const info = convInfo(x.shape, filter.shape, args.attrs, (args.attrs.dilations ?? 1) as number | [number, number]);
        if (info.dataFormat !== 'channelsLast' || !allFloat32(x, filter)) {
            return runPrevious(Conv2D, args, 'only NHWC float32 is native');
        }
        const backend = asWasm(args.backend);
        const out = backend.makeOutput(info.outShape, 'float32');
        if (sizeOf(info.outShape) === 0) return out;
        addon.conv2d(heapOf(backend), offsetOf(backend, x), offsetOf(backend, filter), -1, offsetOf(backend, out),
            ...geometry(info), 0, 0);
        return out;
    };

    const fusedConv2d = (args: KernelArgs): TensorInfo | TensorInfo[] => {
        const { x, filter, bias, preluActivationWeights } = args.inputs;
        const attrs = args.attrs;
        const info = convInfo(x!.shape, filter!.shape, attrs, (attrs.dilations ?? 1) as number | [number, number]);
        const activation = ACTIVATIONS[(attrs.activation as string) ?? 'linear'];
        const biasOk = bias == null || sizeOf(bias.shape) === info.outChannels;
        if (info.dataFormat !== 'channelsLast' || activation === undefined || preluActivationWeights != null ||
            !biasOk || !allFloat32(x, filter, bias)) {
            return runPrevious(FusedConv2D, args, `activation ${String(attrs.activation)} / this bias / format is not native`);
        }
        const backend = asWasm(args.backend);
        const out = backend.makeOutput(info.outShape, 'float32');
        if (sizeOf(info.outShape) === 0) return out;
        addon.conv2d(heapOf(backend), offsetOf(backend, x!), offsetOf(backend, filter!),
            bias ? offsetOf(backend, bias) : -1, offsetOf(backend, out),
            ...geometry(info), activation, Number(attrs.leakyreluAlpha ?? 0.2));
        return out;
    };

    const backpropInput = (args: KernelArgs): TensorInfo | TensorInfo[] => {
        const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
        const inputShape = args.attrs.inputShape as number[];
        const info = convInfo(inputShape, filter.shape, args.attrs, 1);
        if (info.dataFormat !== 'channelsLast' || !allFloat32(dy, filter)) {
            return runPrevious(Conv2DBackpropInput, args, 'only NHWC float32 is native');
        }
        checkShape('Conv2DBackpropInput dy', dy.shape, info.outShape);
        const backend = asWasm(args.backend);
        const out = backend.makeOutput(info.inShape, 'float32');
        if (sizeOf(info.inShape) === 0) return out;
        addon.conv2dBackpropInput(heapOf(backend), offsetOf(backend, dy), offsetOf(backend, filter),
            offsetOf(backend, out), ...geometry(info));
        return out;
    };

    const backpropFilter = (args: KernelArgs): TensorInfo | TensorInfo[] => {
        const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
        const filterShape = args.attrs.filterShape as number[];
        const info = convInfo(x.shape, filterShape, args.attrs, 1);
        if (info.dataFormat !== 'channelsLast' || !allFloat32(x, dy)) {
            return runPrevious(Conv2DBackpropFilter, args, 'only NHWC float32 is native');
        }
        checkShape('Conv2DBackpropFilter dy', dy.shape, info.outShape);
        const backend = asWasm(args.backend);
        const out = backend.makeOutput(filterShape, 'float32');
        if (sizeOf(filterShape) === 0) return out;
        addon.conv2dBackpropFilter(heapOf(backend), offsetOf(backend, x), offsetOf(backend, dy),
            offsetOf(backend, out), ...geometry(info));
        return out;
    };

    return [
        nativeKernelConfig(Conv2D, conv2d),
        nativeKernelConfig(FusedConv2D, fusedConv2d),
        nativeKernelConfig(Conv2DBackpropInput, backpropInput),
        nativeKernelConfig(Conv2DBackpropFilter, backpropFilter),
    ];
}

function checkShape(what: string, got: readonly number[], want: readonly number[]): void {
    if (got.length !== want.length || got.some((d, i) => d !== want[i])) {
        throw new Error(`flowstudio native ${what} has shape [${got.join(',')}], expected [${want.join(',')}]`);
    }
}
