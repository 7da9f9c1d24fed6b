/**
 * Memory-bound kernels that cost more than the convolutions once those are native: LeakyRelu
 * (stock wasm is scalar), its one-pass gradient (the engine's `FlowStudioLeakyReluGrad`, a JS
 * loop on wasm), and Sum / Mean over leading axes (stock wasm transposes first; batch norm and
 * bias gradients reduce NHWC over [0, 1, 2]); the engine's SiLU kernels (exp-bound: 8 lanes with
 * FMA and both cores) and GroupNorm kernels (images split over both cores).
 */
import { backend_util, LeakyRelu, Mean, Sum, util, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import type { NativeAddon } from './addon.js';
import { nativeKernelConfig, runPrevious, type KernelArgs } from './fallback.js';
import { asWasm, heapOf, offsetOf, sizeOf } from './wasm-tensors.js';

/** Kernel name of the engine's one-pass LeakyRelu gradient (engine/src/backends/gradients). */
export const LEAKY_RELU_GRAD = 'FlowStudioLeakyReluGrad';
/** The engine's SiLU kernels (engine/src/backends/gradients/silu.ts: attrs, inputs, outputs). */
export const SILU = 'FlowStudioSilu';
export const SILU_GRAD = 'FlowStudioSiluGrad';
/** The engine's GroupNorm kernels (engine/src/backends/gradients/group-norm.ts). */
export const GROUP_NORM = 'FlowStudioGroupNorm';
export const GROUP_NORM_GRAD = 'FlowStudioGroupNormGrad';

/** How a reduction over `axes` maps onto [outer x inner], or why it is not native. */
function reducePlan(shape: number[], axes: number[]): { outer: number; inner: number; leading: boolean } | undefined {
    const rank = shape.length;
    const sorted = [...axes].sort((a, b) => a - b);
    if (sorted.length === 0) return undefined;
    const isLeading = sorted.every((a, i) => a === i);
    const isTrailing = sorted.every((a, i) => a === rank - sorted.length + i);
    if (isTrailing) {
        const split = rank - sorted.length;
        return { outer: sizeOf(shape.slice(0, split)), inner: sizeOf(shape.slice(split)), leading: false };
    }
    if (isLeading) {
        const split = sorted.length;
        return { outer: sizeOf(shape.slice(0, split)), inner: sizeOf(shape.slice(split)), leading: true };
    }
    return undefined;
}

function reduceKernel(addon: NativeAddon, name: string, mean: boolean) {
    return (args: KernelArgs): TensorInfo | TensorInfo[] => {
        const x = args.inputs.x as TensorInfo;
        const axes = util.parseAxisParam(args.attrs.axis as number | number[], x.shape);
        const plan = x.dtype === 'float32' ? reducePlan(x.shape, axes) : undefined;
        if (!plan || sizeOf(x.shape) === 0) return runPrevious(name, args, 'only float32 over leading or trailing axes is native');
        const [outShape, reduceShape] = backend_util.computeOutAndReduceShapes(x.shape, axes);
        const shape = args.attrs.keepDims ? backend_util.expandShapeToKeepDim(outShape, axes) : outShape;
        const backend = asWasm(args.backend);
        const out = backend.makeOutput(shape, 'float32');
        const scale = mean ? 1 / sizeOf(reduceShape) : 1;
        addon.reduce(heapOf(backend), offsetOf(backend, x), offsetOf(backend, out), plan.outer, plan.inner, plan.leading, scale);
        return out;
    };
}

export function elementwiseKernelConfigs(addon: NativeAddon): KernelConfig[] {
    const leakyRelu = (args: KernelArgs): TensorInfo | TensorInfo[] => {
        const x = args.inputs.x as TensorInfo;
        if (x.dtype !== 'float32') return runPrevious(LeakyRelu, args, 'only float32 is native');
        const backend = asWasm(args.backend);
        const out = backend.makeOutput(x.shape, 'float32');
        const n = sizeOf(x.shape);
        if (n > 0) addon.leakyRelu(heapOf(backend), offsetOf(backend, x), offsetOf(backend, out), n, Number(args.attrs.alpha));
        return out;
    };
    const leakyReluGrad = (args: KernelArgs): TensorInfo | TensorInfo[] => {
        const { dy, x } = args.inputs as { dy: TensorInfo; x: TensorInfo };
        if (x.dtype !== 'float32' || dy.dtype !== 'float32' || sizeOf(dy.shape) !== sizeOf(x.shape)) {
            return runPrevious(LEAKY_RELU_GRAD, args, 'only float32 tensors of equal size are native');
        }
        const backend = asWasm(args.backend);
        const out = backend.makeOutput(x.shape, 'float32');
        const n = sizeOf(x.shape);
        if (n > 0) {
            addon.leakyReluGrad(heapOf(backend), offsetOf(backend, dy), offsetOf(backend, x), offsetOf(backend, out), n,
                Number(args.attrs.alpha));
        }
        return out;
    };
    const silu = (args: KernelArgs): TensorInfo | TensorInfo[] => {
        const x = args.inputs.x as TensorInfo;
        if (x.dtype !== 'float32') return runPrevious(SILU, args, 'only float32 is native');
        const backend = asWasm(args.backend);
        const y = backend.makeOutput(x.shape, 'float32');
        const m = args.attrs.withSigmoid === true ? backend.makeOutput(x.shape, 'float32') : undefined;
        const n = sizeOf(x.shape);
        if (n > 0) addon.silu!(heapOf(backend), offsetOf(backend, x), offsetOf(backend, y), m ? offsetOf(backend, m) : -1, n);
        return m ? [y, m] : y;
    };
    const siluGrad = (args: KernelArgs): TensorInfo | TensorInfo[] => {
        const { dy, x, m } = args.inputs as { dy: TensorInfo; x: TensorInfo; m: TensorInfo };
        const n = sizeOf(x.shape);
        if ([dy, x, m].some(t => t.dtype !== 'float32' || sizeOf(t.shape) !== n)) {
            return runPrevious(SILU_GRAD, args, 'only float32 tensors of equal size are native');
        }
        const backend = asWasm(args.backend);
        const out = backend.makeOutput(x.shape, 'float32');
        if (n > 0) addon.siluGrad!(heapOf(backend), offsetOf(backend, dy), offsetOf(backend, x), offsetOf(backend, m), offsetOf(backend, out), n);
        return out;
    };
    // An addon built before the SiLU kernels keeps the engine's wasm ones.
    const siluConfigs = typeof addon.silu === 'function' && typeof addon.siluGrad === 'function'
        ? [nativeKernelConfig(SILU, silu), nativeKernelConfig(SILU_GRAD, siluGrad)] : [];
    const groupNorm = (args: KernelArgs): TensorInfo | TensorInfo[] => {
        const { x, gamma, beta } = args.inputs as { x: TensorInfo; gamma: TensorInfo; beta: TensorInfo };
        const groups = Number(args.attrs.groups);
        if ([x, gamma, beta].some(t => t.dtype !== 'float32') || x.shape.length !== 4) {
            return runPrevious(GROUP_NORM, args, 'only float32 NHWC is native');
        }
        const [n, h, w, c] = x.shape;
        const backend = asWasm(args.backend);
        const y = backend.makeOutput(x.shape, 'float32');
        const mean = backend.makeOutput([n, groups], 'float32');
        const rstd = backend.makeOutput([n, groups], 'float32');
        addon.groupNorm!(heapOf(backend), offsetOf(backend, x), offsetOf(backend, gamma), offsetOf(backend, beta),
            offsetOf(backend, y), offsetOf(backend, mean), offsetOf(backend, rstd), n, h * w, c, groups, Number(args.attrs.epsilon));
        return [y, mean, rstd];
    };
    const groupNormGrad = (args: KernelArgs): TensorInfo | TensorInfo[] => {
        const { dy, x, gamma, mean, rstd } = args.inputs as Record<string, TensorInfo>;
        const groups = Number(args.attrs.groups);
        if ([dy, x, gamma, mean, rstd].some(t => t.dtype !== 'float32') || x.shape.length !== 4) {
            return runPrevious(GROUP_NORM_GRAD, args, 'only float32 NHWC is native');
        }
        const [n, h, w, c] = x.shape;
        const backend = asWasm(args.backend);
        const dx = backend.makeOutput(x.shape, 'float32');
        const dgamma = backend.makeOutput([c], 'float32');
        const dbeta = backend.makeOutput([c], 'float32');
        addon.groupNormGrad!(heapOf(backend), offsetOf(backend, dy), offsetOf(backend, x), offsetOf(backend, gamma),
            offsetOf(backend, mean), offsetOf(backend, rstd), offsetOf(backend, dx), offsetOf(backend, dgamma), offsetOf(backend, dbeta),
            n, h * w, c, groups);
        return [dx, dgamma, dbeta];
    };
    const groupNormConfigs = typeof addon.groupNorm === 'function' && typeof addon.groupNormGrad === 'function'
        ? [nativeKernelConfig(GROUP_NORM, groupNorm), nativeKernelConfig(GROUP_NORM_GRAD, groupNormGrad)] : [];
    return [
        ...siluConfigs,
        ...groupNormConfigs,
        nativeKernelConfig(LeakyRelu, leakyRelu),
        nativeKernelConfig(LEAKY_RELU_GRAD, leakyReluGrad),
        nativeKernelConfig(Sum, reduceKernel(addon, Sum, false)),
        nativeKernelConfig(Mean, reduceKernel(addon, Mean, true)),
    ];
}
