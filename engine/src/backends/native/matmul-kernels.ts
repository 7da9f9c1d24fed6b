/**
 * BatchMatMul and _FusedMatMul (bias + activation epilogue) on the native
 * addon. Batch broadcasting is native when one side has batch 1 or both match;
 * other layouts, dtypes and PReLU run the kernel registered before.
 */
import { _FusedMatMul, BatchMatMul, broadcast_util, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import type { NativeAddon } from './addon.js';
import { ACTIVATIONS } from './conv-kernels.js';
import { nativeKernelConfig, runPrevious, type KernelArgs } from './fallback.js';
import { asWasm, heapOf, offsetOf, sizeOf } from './wasm-tensors.js';

interface MatMulPlan {
    m: number; n: number; k: number;
    batchA: number; batchB: number;
    outShape: number[];
}

function plan(a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean): MatMulPlan | string {
    const ra = a.shape.length, rb = b.shape.length;
    if (ra < 2 || rb < 2) return 'rank below 2';
    const m = transposeA ? a.shape[ra - 1] : a.shape[ra - 2];
    const k = transposeA ? a.shape[ra - 2] : a.shape[ra - 1];
    const kb = transposeB ? b.shape[rb - 1] : b.shape[rb - 2];
    const n = transposeB ? b.shape[rb - 2] : b.shape[rb - 1];
    if (k !== kb) {
        throw new Error(`Error in matMul: inner shapes (${k}) and (${kb}) of Tensors with shapes ` +
            `${a.shape} and ${b.shape} and transposeA=${transposeA} and transposeB=${transposeB} must match.`);
    }
    const outerA = a.shape.slice(0, -2), outerB = b.shape.slice(0, -2);
    const outer = broadcast_util.assertAndGetBroadcastShape(outerA, outerB);
    const batchA = sizeOf(outerA), batchB = sizeOf(outerB);
    if (sizeOf(outer) !== Math.max(batchA, batchB) || (batchA !== batchB && batchA !== 1 && batchB !== 1)) {
        return 'batch broadcast is neither 1-to-many nor one-to-one';
    }
    return { m, n, k, batchA, batchB, outShape: [...outer, m, n] };
}

export function matMulKernelConfigs(addon: NativeAddon): KernelConfig[] {
    const run = (args: KernelArgs, name: string, fused: boolean): TensorInfo | TensorInfo[] => {
        const { a, b, bias, preluActivationWeights } = args.inputs;
        const transposeA = !!args.attrs.transposeA, transposeB = !!args.attrs.transposeB;
        const p = plan(a!, b!, transposeA, transposeB);
        if (typeof p === 'string') return runPrevious(name, args, p);
        const activation = fused ? ACTIVATIONS[(args.attrs.activation as string) ?? 'linear'] : 0;
        const biasSize = bias ? sizeOf(bias.shape) : 0;
        const biasOk = !bias || biasSize === 1 || (biasSize === p.n && bias.shape[bias.shape.length - 1] === p.n);
        if (activation === undefined || preluActivationWeights != null || !biasOk ||
            a!.dtype !== 'float32' || b!.dtype !== 'float32' || (bias && bias.dtype !== 'float32')) {
            return runPrevious(name, args, 'this dtype / bias / activation is not native');
        }
        const backend = asWasm(args.backend);
        const out = backend.makeOutput(p.outShape, 'float32');
        if (sizeOf(p.outShape) === 0) return out;
        addon.matmul(heapOf(backend), offsetOf(backend, a!), offsetOf(backend, b!), offsetOf(backend, out),
            p.batchA, p.batchB, p.m, p.n, p.k, transposeA, transposeB,
            bias ? offsetOf(backend, bias) : -1, biasSize, activation, Number(args.attrs.leakyreluAlpha ?? 0.2));
        return out;
    };
    return [
        nativeKernelConfig(BatchMatMul, args => run(args, BatchMatMul, false)),
        nativeKernelConfig(_FusedMatMul, args => run(args, _FusedMatMul, true)),
    ];
}
