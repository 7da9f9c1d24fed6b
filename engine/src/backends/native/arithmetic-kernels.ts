/**
 * Add, Sub, Multiply, RealDiv and FusedBatchNorm for the broadcasts a training step uses:
 * same shape, a scalar, or one operand repeating along the leading axes of the other (per-channel
 * parameters, [1,1,1,C] statistics, [1,N] rows). Stock wasm runs these broadcasts with per-element
 * index arithmetic; other cases and non-float32 tensors run the kernel registered before.
 */
import {
    Add, backend_util, FusedBatchNorm, Multiply, RealDiv, Sub, type KernelConfig, type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { NativeAddon } from './addon.js';
import { nativeKernelConfig, runPrevious, type KernelArgs } from './fallback.js';
import { asWasm, heapOf, offsetOf, sizeOf } from './wasm-tensors.js';

/** Operation codes of native/src/elementwise.h (BinaryOp). */
const OPS: ReadonlyArray<[string, number]> = [[Add, 0], [Sub, 1], [Multiply, 2], [RealDiv, 3]];

interface BroadcastPlan { big: TensorInfo; small: TensorInfo; outer: number; inner: number; smallIsA: boolean; outShape: number[] }

function sameShape(a: readonly number[], b: readonly number[]): boolean {
    return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** True when `small` (leading 1s dropped) equals the trailing dimensions of `big`. */
function repeatsAlongLeading(small: readonly number[], big: readonly number[]): boolean {
    let s = 0;
    while (s < small.length && small[s] === 1) s++;
    const tail = small.slice(s);
    if (tail.length > big.length) return false;
    return sameShape(tail, big.slice(big.length - tail.length));
}

export function broadcastPlan(a: TensorInfo, b: TensorInfo): BroadcastPlan | undefined {
    const outShape = backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
    const n = sizeOf(outShape);
    const sa = sizeOf(a.shape), sb = sizeOf(b.shape);
    if (sameShape(a.shape, outShape) && (sb === 1 || repeatsAlongLeading(b.shape, a.shape))) {
        return { big: a, small: b, inner: sb, outer: sb === 0 ? 0 : n / sb, smallIsA: false, outShape };
    }
    if (sameShape(b.shape, outShape) && (sa === 1 || repeatsAlongLeading(a.shape, b.shape))) {
        return { big: b, small: a, inner: sa, outer: sa === 0 ? 0 : n / sa, smallIsA: true, outShape };
    }
    return undefined;
}

export function arithmeticKernelConfigs(addon: NativeAddon): KernelConfig[] {
    const binary = (name: string, op: number) => (args: KernelArgs): TensorInfo | TensorInfo[] => {
        const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
        const plan = a.dtype === 'float32' && b.dtype === 'float32' ? broadcastPlan(a, b) : undefined;
        if (!plan || plan.inner === 0) return runPrevious(name, args, 'only float32 with a simple broadcast is native');
        const backend = asWasm(args.backend);
        const out = backend.makeOutput(plan.outShape, 'float32');
        if (plan.outer > 0) {
            addon.binary(heapOf(backend), op, offsetOf(backend, plan.big), offsetOf(backend, plan.small),
                offsetOf(backend, out), plan.outer, plan.inner, plan.smallIsA);
        }
        return out;
    };

    const batchNorm = (args: KernelArgs): TensorInfo | TensorInfo[] => {
        const { x, mean, variance, offset, scale } = args.inputs;
        const channels = x!.shape[x!.shape.length - 1];
        const params = [mean, variance, offset, scale];
        const ok = x!.dtype === 'float32' && channels > 0 &&
            params.every(p => p == null || (p.dtype === 'float32' && sizeOf(p.shape) === channels && repeatsAlongLeading(p.shape, x!.shape)));
        if (!ok || mean == null || variance == null) return runPrevious(FusedBatchNorm, args, 'only per-channel float32 statistics are native');
        const backend = asWasm(args.backend);
        const out = backend.makeOutput(x!.shape, 'float32');
        const rows = sizeOf(x!.shape) / channels;
        if (rows > 0) {
            addon.batchNorm(heapOf(backend), offsetOf(backend, x!), offsetOf(backend, mean), offsetOf(backend, variance),
                offset ? offsetOf(backend, offset) : -1, scale ? offsetOf(backend, scale) : -1, offsetOf(backend, out),
                rows, channels, Number(args.attrs.varianceEpsilon ?? 0.001));
        }
        return out;
    };

    return [
        ...OPS.map(([name, op]) => nativeKernelConfig(name, binary(name, op))),
        nativeKernelConfig(FusedBatchNorm, batchNorm),
    ];
}
