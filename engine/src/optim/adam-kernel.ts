/**
 * One Adam update of one variable as ONE kernel: `FlowStudioAdamUpdate(value, m, v, g)` returns
 * the new value, first and second moments. tfjs' AdamOptimizer runs ~13 elementwise kernels per
 * variable (each a pass over memory plus engine bookkeeping); this is one pass.
 *
 * On wasm it is one SIMD pass over the heap (simd-module.ts, ~1 ns per element in float32), on
 * cpu a JS loop (~5 ns per element), against ~13 passes plus ~13 engine dispatches.
 */
import { getKernel, registerKernel, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import { asWasmBackend, f32, offsetOf, simdKernels, sizeOf } from '../backends/wasm-kernels/wasm-heap.js';

export const ADAM_UPDATE = 'FlowStudioAdamUpdate';

export interface AdamUpdateAttrs {
    learningRate: number;
    beta1: number;
    beta2: number;
    epsilon: number;
    /** beta1^t and beta2^t as the float32 values tfjs' accBeta variables hold at this step. */
    accBeta1: number;
    accBeta2: number;
}

/** The per-step constants: moment factors, bias corrections folded into k1 and k2. */
export function adamConstants(a: AdamUpdateAttrs): { b1: number; c1: number; b2: number; c2: number; k1: number; k2: number; eps: number } {
    const fr = Math.fround;
    // tfjs' sub(1, accBeta): a float32 difference of float32 values.
    const d1 = fr(1 - fr(a.accBeta1)), d2 = fr(1 - fr(a.accBeta2));
    return {
        b1: fr(a.beta1), c1: fr(1 - a.beta1), b2: fr(a.beta2), c2: fr(1 - a.beta2),
        k1: -fr(a.learningRate) / d1, k2: 1 / Math.sqrt(d2), eps: fr(a.epsilon),
    };
}

/**
 * The update loop shared by every backend: writes the new value, m and v. tfjs evaluates
 * value − lr · (m'/(1−β1ᵗ)) / (√(v'/(1−β2ᵗ)) + ε) with each step rounded to float32; here the
 * bias corrections fold into two constants, leaving one square root and one division per
 * element in double (12 → 5 ns per element in V8). Moments are stored as float32, as tfjs does;
 * results agree with tfjs' to float32 rounding (a few ulps of the step).
 */
export function adamUpdate(
    value: Float32Array, m: Float32Array, v: Float32Array, g: Float32Array, a: AdamUpdateAttrs,
    outValue: Float32Array, outM: Float32Array, outV: Float32Array,
): void {
    const { b1, c1, b2, c2, k1, k2, eps } = adamConstants(a);
    const fr = Math.fround;
    const n = value.length;
    for (let i = 0; i < n; i++) {
        const gi = g[i];
        const mi = fr(m[i] * b1 + gi * c1);
        const vi = fr(v[i] * b2 + gi * gi * c2);
        outM[i] = mi;
        outV[i] = vi;
        outValue[i] = value[i] + k1 * mi / (Math.sqrt(vi) * k2 + eps);
    }
}

interface Args { inputs: unknown; backend: unknown; attrs: unknown }
interface Inputs { value: TensorInfo; m: TensorInfo; v: TensorInfo; g: TensorInfo }

function wasmAdamUpdate(args: Args): TensorInfo[] {
    const backend = asWasmBackend(args.backend);
    const { value, m, v, g } = args.inputs as Inputs;
    const attrs = args.attrs as unknown as AdamUpdateAttrs;
    const outs = [value, m, v].map(t => backend.makeOutput([...t.shape], 'float32'));
    const n = sizeOf(value.shape);
    const simd = simdKernels(backend);
    const n4 = simd ? n & ~3 : 0;
    if (simd) {
        const c = adamConstants(attrs);
        const [ov, om, os] = outs.map(t => offsetOf(backend, t));
        simd.adam(offsetOf(backend, value), offsetOf(backend, m), offsetOf(backend, v), offsetOf(backend, g),
            ov, om, os, 4 * n4, c.b1, c.c1, c.b2, c.c2, c.k1, c.k2, c.eps);
    }
    if (n4 < n) {
        // Views after the allocations (growing the heap detaches older views).
        const [ov, om, os] = outs.map(t => f32(backend, t).subarray(n4));
        adamUpdate(f32(backend, value).subarray(n4), f32(backend, m).subarray(n4), f32(backend, v).subarray(n4),
            f32(backend, g).subarray(n4), attrs, ov, om, os);
    }
    return outs;
}

interface CpuBackendLike {
    data: { get(dataId: object): { values: ArrayLike<number> } };
    makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}

function cpuAdamUpdate(args: Args): TensorInfo[] {
    const backend = args.backend as CpuBackendLike;
    const { value, m, v, g } = args.inputs as Inputs;
    const read = (t: TensorInfo): Float32Array => backend.data.get(t.dataId).values as Float32Array;
    const n = read(value).length;
    const ov = new Float32Array(n), om = new Float32Array(n), os = new Float32Array(n);
    adamUpdate(read(value), read(m), read(v), read(g), args.attrs as unknown as AdamUpdateAttrs, ov, om, os);
    return [
        backend.makeTensorInfo([...value.shape], 'float32', ov),
        backend.makeTensorInfo([...m.shape], 'float32', om),
        backend.makeTensorInfo([...v.shape], 'float32', os),
    ];
}

const configs: KernelConfig[] = [
    { kernelName: ADAM_UPDATE, backendName: 'wasm', kernelFunc: wasmAdamUpdate as unknown as KernelConfig['kernelFunc'] },
    { kernelName: ADAM_UPDATE, backendName: 'cpu', kernelFunc: cpuAdamUpdate as unknown as KernelConfig['kernelFunc'] },
];

/** Idempotent; kernels may be registered before their backend exists. */
export function registerAdamKernels(): void {
    for (const c of configs) if (!getKernel(c.kernelName, c.backendName)) registerKernel(c);
}
