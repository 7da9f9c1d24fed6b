/**
 * _FusedMatMul replacement: the stock wasm kernel returns wrong results when a bias is fused and
 * the product is batched or transposed (measured: errors of several units vs the cpu backend;
 * tfjs-layers' Dense hits this through its gradient path). The matrix product goes through
 * the stock BatchMatMul, which is correct; bias and activation are applied in place.
 */
import { _FusedMatMul, type _FusedMatMulAttrs, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import { applyActivation } from './fused-activation.js';
import { asWasmBackend, disposeAll, f32, runWasmKernel, sizeOf } from './wasm-heap.js';

function fusedMatMul(args: { inputs: unknown; backend: unknown; attrs: unknown }): TensorInfo {
    const backend = asWasmBackend(args.backend);
    const { a, b, bias, preluActivationWeights } = args.inputs as
        { a: TensorInfo; b: TensorInfo; bias?: TensorInfo; preluActivationWeights?: TensorInfo };
    const attrs = args.attrs as unknown as _FusedMatMulAttrs;
    let out = runWasmKernel(backend, 'BatchMatMul', { a, b },
        { transposeA: attrs.transposeA, transposeB: attrs.transposeB });
    if (bias) out = addBias(backend, out, bias);
    return applyActivation(backend, out, attrs.activation, preluActivationWeights, attrs.leakyreluAlpha);
}

/** Adds a bias that broadcasts over the last dimension in place; other shapes go through Add. */
export function addBias(backend: ReturnType<typeof asWasmBackend>, out: TensorInfo, bias: TensorInfo): TensorInfo {
    const n = out.shape[out.shape.length - 1];
    const biasSize = sizeOf(bias.shape);
    if (bias.dtype === 'float32' && (biasSize === n || biasSize === 1) && bias.shape.length <= out.shape.length) {
        const o = f32(backend, out);
        const bv = f32(backend, bias);
        if (biasSize === 1) {
            const v = bv[0];
            for (let i = 0; i < o.length; i++) o[i] += v;
        } else {
            for (let i = 0; i < o.length; i += n) {
                for (let j = 0; j < n; j++) o[i + j] += bv[j];
            }
        }
        return out;
    }
    const sum = runWasmKernel(backend, 'Add', { a: out, b: bias });
    disposeAll(backend, out);
    return sum;
}

export const fusedMatMulConfig: KernelConfig = {
    kernelName: _FusedMatMul,
    backendName: 'wasm',
    kernelFunc: fusedMatMul as unknown as KernelConfig['kernelFunc'],
};
