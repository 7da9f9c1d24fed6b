/**
 * Batch normalization's gradient as one kernel. tfjs-core's FusedBatchNorm gradient builds dx,
 * dmean, dvariance, dscale and doffset from ~13 full-size elementwise kernels and four
 * reductions (Sub, Mul, Tile, Sum…), each a pass over [batch, …, channels] memory. With
 * per-channel statistics (what tfjs-layers passes), all five come from two per-channel sums,
 *   Σdy and Σ(x − mean)·dy,   r = 1/√(variance + ε),   s = scale (or 1):
 *   dx = dy·r·s,  dmean = −r·s·Σdy,  dvariance = −½·r³·s·Σ(x − mean)·dy,
 *   dscale = r·Σ(x − mean)·dy,  doffset = Σdy,
 * i.e. one reading pass over x and dy (sums in double) and one writing pass for dx. On wasm both
 * passes are SIMD (simd-module.ts) for even channel counts; on cpu and otherwise, JS loops.
 * Other shapes, and backends without the kernel, use tfjs-core's gradient.
 */
import { FusedBatchNorm, engine, getBackend, getKernel, util, type GradConfig, type KernelConfig, type Tensor, type TensorInfo } from '@tensorflow/tfjs-core';
import { asWasmBackend, disposeAll, f32, offsetOf, simdKernels, sizeOf, type WasmBackendInternals } from '../wasm-kernels/wasm-heap.js';

export const BATCH_NORM_GRAD = 'FlowStudioBatchNormGrad';

interface Inputs { dy: TensorInfo; x: TensorInfo; mean: TensorInfo; variance: TensorInfo; scale?: TensorInfo }
interface Attrs { varianceEpsilon: number }

/** Per-channel values of a [c] or scalar parameter (missing: `fallback`). */
function perChannel(v: ArrayLike<number> | undefined, c: number, fallback: number): Float64Array {
    const out = new Float64Array(c);
    if (!v) out.fill(fallback);
    else if (v.length === 1) out.fill(v[0]);
    else for (let k = 0; k < c; k++) out[k] = v[k];
    return out;
}

/** The two sums in JS, double accumulators. */
function sumsLoop(x: Float32Array, dy: Float32Array, mean: Float64Array, c: number, sumDy: Float64Array, sumXmDy: Float64Array): void {
    for (let i = 0; i < x.length; i += c) {
        for (let k = 0; k < c; k++) {
            const g = dy[i + k];
            sumDy[k] += g;
            sumXmDy[k] += (x[i + k] - mean[k]) * g;
        }
    }
}

/** The per-channel outputs and the dx factor r·s, from the sums. */
function finish(c: number, variance: Float64Array, scale: Float64Array, eps: number, sumDy: Float64Array, sumXmDy: Float64Array) {
    const dmean = new Float32Array(c), dvar = new Float32Array(c), dscale = new Float32Array(c), doffset = new Float32Array(c);
    const factor = new Float64Array(c);
    for (let k = 0; k < c; k++) {
        const r = 1 / Math.sqrt(Math.fround(variance[k] + eps));
        factor[k] = r * scale[k];
        dmean[k] = -factor[k] * sumDy[k];
        dvar[k] = -0.5 * r * r * factor[k] * sumXmDy[k];
        dscale[k] = r * sumXmDy[k];
        doffset[k] = sumDy[k];
    }
    return { dmean, dvar, dscale, doffset, factor };
}

/** True when every statistic is per-channel ([c] or scalar) over the last axis of x. */
function channelwise(x: { shape: number[] }, params: ({ shape: number[] } | undefined)[]): boolean {
    const c = x.shape[x.shape.length - 1];
    return x.shape.length >= 1 && params.every(p => p == null || [1, c].includes(util.sizeFromShape(p.shape)));
}

interface Args { inputs: unknown; backend: unknown; attrs: unknown }

function wasmBatchNormGrad(args: Args): TensorInfo[] {
    const backend = asWasmBackend(args.backend);
    const { dy, x, mean, variance, scale } = args.inputs as Inputs;
    const { varianceEpsilon } = args.attrs as unknown as Attrs;
    const c = x.shape[x.shape.length - 1];
    const n = sizeOf(x.shape);
    const eps = Math.fround(varianceEpsilon);
    const m = perChannel(f32(backend, mean), c, 0);
    const v = perChannel(f32(backend, variance), c, 1);
    const s = perChannel(scale && f32(backend, scale), c, 1);
    const simd = simdKernels(backend);
    let sumDy: Float64Array, sumXmDy: Float64Array;
    if (simd && c % 2 === 0) {
        // mean, Σdy, Σ(x−mean)dy as c doubles each.
        const scratch = backend.makeOutput([6 * c], 'float32');
        const at = offsetOf(backend, scratch);
        const d = new Float64Array(f32(backend, scratch).buffer, at, 3 * c);
        d.set(m);
        d.fill(0, c);
        simd.batchNormGradSums(offsetOf(backend, x), offsetOf(backend, dy), at, 4 * c, 4 * n, at + 8 * c, at + 16 * c);
        const sums = new Float64Array(f32(backend, scratch).buffer, at, 3 * c);
        sumDy = sums.slice(c, 2 * c);
        sumXmDy = sums.slice(2 * c);
        disposeAll(backend, scratch);
    } else {
        sumDy = new Float64Array(c);
        sumXmDy = new Float64Array(c);
        sumsLoop(f32(backend, x), f32(backend, dy), m, c, sumDy, sumXmDy);
    }
    const r = finish(c, v, s, eps, sumDy, sumXmDy);
    const dx = backend.makeOutput([...x.shape], 'float32');
    scaleChannels(backend, dy, dx, c, r.factor);
    const small = (t: TensorInfo, values: Float32Array): TensorInfo => {
        const out = backend.makeOutput([...t.shape], 'float32');
        const o = f32(backend, out);
        // A scalar statistic (size 1) gets the sum over its channels.
        if (o.length === 1 && c > 1) o[0] = values.reduce((a, b) => a + b, 0);
        else o.set(values);
        return out;
    };
    return [dx, small(mean, r.dmean), small(variance, r.dvar), small(scale ?? mean, r.dscale), small(mean, r.doffset)];
}

/** dx = dy·factor[channel]: the SIMD affine pass (shift 0) when c is a multiple of 4. */
function scaleChannels(backend: WasmBackendInternals, dy: TensorInfo, dx: TensorInfo, c: number, factor: Float64Array): void {
    const simd = simdKernels(backend);
    if (simd && c % 4 === 0) {
        const params = backend.makeOutput([2 * c], 'float32');
        const p = f32(backend, params);
        p.fill(0);
        for (let k = 0; k < c; k++) p[k] = factor[k];
        const at = offsetOf(backend, params);
        simd.affineChannels(offsetOf(backend, dy), offsetOf(backend, dx), 4 * c, 4 * sizeOf(dy.shape), at, at + 4 * c);
        disposeAll(backend, params);
        return;
    }
    const g = f32(backend, dy), out = f32(backend, dx);
    for (let i = 0; i < g.length; i += c) for (let k = 0; k < c; k++) out[i + k] = g[i + k] * factor[k];
}

interface CpuBackendLike {
    data: { get(dataId: object): { values: ArrayLike<number> } };
    makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}

function cpuBatchNormGrad(args: Args): TensorInfo[] {
    const backend = args.backend as CpuBackendLike;
    const { dy, x, mean, variance, scale } = args.inputs as Inputs;
    const { varianceEpsilon } = args.attrs as unknown as Attrs;
    const read = (t: TensorInfo): Float32Array => backend.data.get(t.dataId).values as Float32Array;
    const c = x.shape[x.shape.length - 1];
    const m = perChannel(read(mean), c, 0);
    const sumDy = new Float64Array(c), sumXmDy = new Float64Array(c);
    const xs = read(x), g = read(dy);
    sumsLoop(xs, g, m, c, sumDy, sumXmDy);
    const r = finish(c, perChannel(read(variance), c, 1), perChannel(scale && read(scale), c, 1), Math.fround(varianceEpsilon), sumDy, sumXmDy);
    const dx = new Float32Array(xs.length);
    for (let i = 0; i < xs.length; i += c) for (let k = 0; k < c; k++) dx[i + k] = g[i + k] * r.factor[k];
    const small = (t: TensorInfo, values: Float32Array): TensorInfo =>
        backend.makeTensorInfo([...t.shape], 'float32', util.sizeFromShape(t.shape) === 1 && c > 1 ? Float32Array.of(values.reduce((a, b) => a + b, 0)) : values);
    return [backend.makeTensorInfo([...x.shape], 'float32', dx),
        small(mean, r.dmean), small(variance, r.dvar), small(scale ?? mean, r.dscale), small(mean, r.doffset)];
}

export const batchNormGradConfigs: KernelConfig[] = [
    { kernelName: BATCH_NORM_GRAD, backendName: 'wasm', kernelFunc: wasmBatchNormGrad as unknown as KernelConfig['kernelFunc'] },
    { kernelName: BATCH_NORM_GRAD, backendName: 'cpu', kernelFunc: cpuBatchNormGrad as unknown as KernelConfig['kernelFunc'] },
];

/**
 * The FusedBatchNorm gradient: the one-kernel form where it applies, else `fallback` (tfjs-core's,
 * taken from the registry before this replaces it).
 */
export function batchNormGradient(fallback: GradConfig): GradConfig {
    return {
        kernelName: FusedBatchNorm,
        inputsToSave: ['x', 'mean', 'variance', 'scale'],
        gradFunc: (dy, saved, attrs) => {
            const [x, mean, variance, scale] = saved;
            const g = dy as Tensor;
            const usable = getKernel(BATCH_NORM_GRAD, getBackend()) !== undefined && x.dtype === 'float32'
                && channelwise(x, [mean, variance, scale]) && util.arraysEqual(g.shape, x.shape);
            if (!usable) return fallback.gradFunc(dy, saved, attrs);
            // All five at once, here in the backward pass' scope (each input's gradient is
            // requested inside its own tidy, which would dispose the others).
            const inputs: Record<string, Tensor> = { dy: g, x, mean, variance };
            if (scale) inputs.scale = scale;
            const [dx, dmean, dvariance, dscale, doffset] = engine().runKernel(BATCH_NORM_GRAD, inputs,
                { varianceEpsilon: (attrs as unknown as Attrs).varianceEpsilon }) as Tensor[];
            return { x: () => dx, mean: () => dmean, variance: () => dvariance, scale: () => dscale, offset: () => doffset };
        },
    };
}
