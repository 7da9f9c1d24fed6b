/**
 * GroupNorm (Wu & He) over NHWC images as one kernel each way. Composed from stock ops it is a
 * reshape, tf.moments (Mean, Sub, Square, Mean), Sub, Add, Rsqrt, Multiply and the affine
 * Multiply + Add forward, and ~25 kernels backward, most of them full-size passes or reductions
 * over non-leading axes; in the diffusion U-Net these cost about as much as the convolutions.
 *
 * With N = h·w·(c/groups) values per (image, group), mean μ and r = 1/√(var + ε):
 *   forward   y = (x − μ)·(r·γ) + β, from per-channel Σx and Σx² (float64) of each image;
 *   backward  from per-(image, channel) S1 = Σdy and S2 = Σ(x − μ)·dy (float64):
 *             dβ = Σₙ S1,  dγ = Σₙ r·S2,  A = Σ_{c∈g} γ·S1,  B = r·Σ_{c∈g} γ·S2,
 *             dx = dy·(r·γ) + (x − μ)·(−r²·B/N) − r·A/N.
 * So each direction is one reading pass and one writing pass per image (the image stays in
 * cache between them). On wasm both passes are SIMD (simd-module.ts) over rows of lcm(c, 4)
 * channels, which covers any channel count, the last < lcm values in JS; on cpu JS loops.
 * The forward saves μ and r ([batch, groups]) for the backward. Backends without the kernels use
 * the composite ops.
 */
import * as tf from '@tensorflow/tfjs-core';
import { getBackend, getKernel, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import { asWasmBackend, disposeAll, heapBuffer, offsetOf, simdKernels, type WasmBackendInternals } from '../wasm-kernels/wasm-heap.js';
import type { SimdKernels } from '../wasm-kernels/simd-module.js';

export const GROUP_NORM = 'FlowStudioGroupNorm';
export const GROUP_NORM_GRAD = 'FlowStudioGroupNormGrad';

interface Attrs { groups: number; epsilon: number }

interface Geometry { n: number; hw: number; c: number; groups: number; cpg: number; count: number }

function geometry(shape: number[], groups: number): Geometry {
    const [n, h, w, c] = shape;
    return { n, hw: h * w, c, groups, cpg: c / groups, count: h * w * (c / groups) };
}

function gcd(a: number, b: number): number {
    while (b) [a, b] = [b, a % b];
    return a;
}

/**
 * The JS loops (cpu, wasm without SIMD, and what the SIMD rows leave of an image) over elements
 * [start, end) of [.., c] data, channel k = index mod c; sums go into double accumulators.
 */
function momentsLoop(x: Float32Array, start: number, end: number, c: number, sum: Float64Array, sumSq: Float64Array): void {
    for (let i = start, k = start % c; i < end; i++) {
        const v = x[i];
        sum[k] += v;
        sumSq[k] += v * v;
        if (++k === c) k = 0;
    }
}

function gradSumsLoop(dy: Float32Array, x: Float32Array, start: number, end: number, c: number, mean: Float64Array, s1: Float64Array, s2: Float64Array): void {
    for (let i = start, k = start % c; i < end; i++) {
        const g = dy[i];
        s1[k] += g;
        s2[k] += (x[i] - mean[k]) * g;
        if (++k === c) k = 0;
    }
}

/** y = (x − mean)·scale + shift with per-channel parameters, from element `start` on. */
function affineLoop(x: Float32Array, y: Float32Array, start: number, end: number, c: number, mean: ArrayLike<number>, scale: ArrayLike<number>, shift: ArrayLike<number>): void {
    for (let i = start, k = start % c; i < end; i++) {
        y[i] = (x[i] - mean[k]) * scale[k] + shift[k];
        if (++k === c) k = 0;
    }
}

function gradLoop(dy: Float32Array, x: Float32Array, dx: Float32Array, start: number, end: number, c: number,
    mean: ArrayLike<number>, p: ArrayLike<number>, q: ArrayLike<number>, r: ArrayLike<number>): void {
    for (let i = start, k = start % c; i < end; i++) {
        dx[i] = dy[i] * p[k] + (x[i] - mean[k]) * q[k] + r[k];
        if (++k === c) k = 0;
    }
}

/**
 * How one image is processed: SIMD over `rows` rows of `width` = lcm(c, 4) channels (scratch
 * parameters repeated width/c times), JS for the rest. Without SIMD, rows = 0.
 */
interface Plan {
    simd: SimdKernels | null;
    width: number;
    /** Elements per image the SIMD pass covers. */
    simdLen: number;
    backend?: WasmBackendInternals;
    scratch?: TensorInfo;
}

function plan(backend: WasmBackendInternals | undefined, g: Geometry, floatsPerWidth: number): Plan {
    const simd = backend ? simdKernels(backend) : null;
    const width = g.c * 4 / gcd(g.c, 4);
    const perImage = g.hw * g.c;
    if (!simd || !backend || perImage < width) return { simd: null, width, simdLen: 0 };
    const scratch = backend.makeOutput([floatsPerWidth * width], 'float32');
    return { simd, width, simdLen: Math.floor(perImage / width) * width, backend, scratch };
}

/** Repeats c per-channel values across `width` lanes of `dst`. */
function repeat(dst: Float32Array | Float64Array, src: ArrayLike<number>, c: number): void {
    for (let k = 0; k < dst.length; k++) dst[k] = src[k % c];
}

/**
 * The forward pass over Float32Array views (`x`, `gamma`, `beta` in; `y`, `mean`, `rstd` out),
 * taken after every allocation (allocating may grow, and so detach, the wasm heap). `xAt`, `yAt`:
 * heap byte offsets for the SIMD passes.
 */
function groupNormForward(g: Geometry, eps: number, views: () => { x: Float32Array; y: Float32Array; gamma: Float32Array; beta: Float32Array; mean: Float32Array; rstd: Float32Array },
    p: Plan, xAt = 0, yAt = 0): void {
    const { c, groups, cpg, count, hw } = g;
    const { x, y, gamma, beta, mean, rstd } = views();
    const per = hw * c;
    const sum = new Float64Array(c), sumSq = new Float64Array(c);
    const m = new Float32Array(c), scale = new Float32Array(c);
    // Scratch layout (floats): Σx and Σx² as 2 × width doubles, then mean, scale, shift rows.
    const w = p.width;
    let acc: Float64Array | undefined, rows: Float32Array | undefined, at = 0;
    if (p.simd && p.backend && p.scratch) {
        at = offsetOf(p.backend, p.scratch);
        const buffer = heapBuffer(p.backend);
        acc = new Float64Array(buffer, at, 2 * w);
        rows = new Float32Array(buffer, at + 16 * w, 3 * w);
        repeat(rows.subarray(2 * w), beta, c);
    }
    for (let b = 0; b < g.n; b++) {
        const start = b * per;
        sum.fill(0);
        sumSq.fill(0);
        if (p.simd && acc) {
            acc.fill(0);
            p.simd.channelMoments(xAt + 4 * start, 4 * w, 4 * p.simdLen, at, at + 8 * w);
            for (let k = 0; k < w; k++) {
                sum[k % c] += acc[k];
                sumSq[k % c] += acc[w + k];
            }
        }
        momentsLoop(x, start + p.simdLen, start + per, c, sum, sumSq);
        for (let j = 0; j < groups; j++) {
            let s = 0, s2 = 0;
            for (let k = j * cpg; k < (j + 1) * cpg; k++) {
                s += sum[k];
                s2 += sumSq[k];
            }
            const mu = s / count;
            const variance = Math.max(0, s2 / count - mu * mu);
            const r = 1 / Math.sqrt(variance + eps);
            mean[b * groups + j] = mu;
            rstd[b * groups + j] = r;
            for (let k = j * cpg; k < (j + 1) * cpg; k++) {
                m[k] = mean[b * groups + j];
                scale[k] = rstd[b * groups + j] * gamma[k];
            }
        }
        if (p.simd && rows) {
            repeat(rows.subarray(0, w), m, c);
            repeat(rows.subarray(w, 2 * w), scale, c);
            const r0 = at + 16 * w;
            p.simd.normAffine(xAt + 4 * start, yAt + 4 * start, 4 * w, 4 * p.simdLen, r0, r0 + 4 * w, r0 + 8 * w);
        }
        affineLoop(x, y, start + p.simdLen, start + per, c, m, scale, beta);
    }
}

function groupNormBackward(g: Geometry, views: () => { dy: Float32Array; x: Float32Array; gamma: Float32Array; mean: Float32Array; rstd: Float32Array; dx: Float32Array; dgamma: Float32Array; dbeta: Float32Array },
    p: Plan, dyAt = 0, xAt = 0, dxAt = 0): void {
    const { c, groups, cpg, count, hw } = g;
    const { dy, x, gamma, mean, rstd, dx, dgamma, dbeta } = views();
    const per = hw * c;
    const s1 = new Float64Array(c), s2 = new Float64Array(c), m = new Float64Array(c);
    const pk = new Float32Array(c), qk = new Float32Array(c), rk = new Float32Array(c), mk = new Float32Array(c);
    const dg = new Float64Array(c), db = new Float64Array(c);
    // Scratch layout (floats): mean, S1, S2 as 3 × width doubles, then mean, p, q, r rows.
    const w = p.width;
    let d: Float64Array | undefined, rows: Float32Array | undefined, at = 0;
    if (p.simd && p.backend && p.scratch) {
        at = offsetOf(p.backend, p.scratch);
        const buffer = heapBuffer(p.backend);
        d = new Float64Array(buffer, at, 3 * w);
        rows = new Float32Array(buffer, at + 24 * w, 4 * w);
    }
    for (let b = 0; b < g.n; b++) {
        const start = b * per;
        for (let j = 0; j < groups; j++) for (let k = j * cpg; k < (j + 1) * cpg; k++) m[k] = mean[b * groups + j];
        s1.fill(0);
        s2.fill(0);
        if (p.simd && d) {
            repeat(d.subarray(0, w), m, c);
            d.fill(0, w);
            p.simd.batchNormGradSums(xAt + 4 * start, dyAt + 4 * start, at, 4 * w, 4 * p.simdLen, at + 8 * w, at + 16 * w);
            for (let k = 0; k < w; k++) {
                s1[k % c] += d[w + k];
                s2[k % c] += d[2 * w + k];
            }
        }
        gradSumsLoop(dy, x, start + p.simdLen, start + per, c, m, s1, s2);
        for (let j = 0; j < groups; j++) {
            const r = rstd[b * groups + j];
            let a = 0, bb = 0;
            for (let k = j * cpg; k < (j + 1) * cpg; k++) {
                db[k] += s1[k];
                dg[k] += r * s2[k];
                a += gamma[k] * s1[k];
                bb += gamma[k] * s2[k];
            }
            bb *= r;
            for (let k = j * cpg; k < (j + 1) * cpg; k++) {
                mk[k] = m[k];
                pk[k] = r * gamma[k];
                qk[k] = -r * r * bb / count;
                rk[k] = -r * a / count;
            }
        }
        if (p.simd && rows) {
            repeat(rows.subarray(0, w), mk, c);
            repeat(rows.subarray(w, 2 * w), pk, c);
            repeat(rows.subarray(2 * w, 3 * w), qk, c);
            repeat(rows.subarray(3 * w), rk, c);
            const r0 = at + 24 * w;
            p.simd.normGrad(dyAt + 4 * start, xAt + 4 * start, dxAt + 4 * start, 4 * w, 4 * p.simdLen, r0, r0 + 4 * w, r0 + 8 * w, r0 + 12 * w);
        }
        gradLoop(dy, x, dx, start + p.simdLen, start + per, c, mk, pk, qk, rk);
    }
    dgamma.set(dg);
    dbeta.set(db);
}

interface Args { inputs: unknown; backend: unknown; attrs: unknown }

function wasmGroupNorm(args: Args): TensorInfo[] {
    const backend = asWasmBackend(args.backend);
    const { x, gamma, beta } = args.inputs as { x: TensorInfo; gamma: TensorInfo; beta: TensorInfo };
    const { groups, epsilon } = args.attrs as unknown as Attrs;
    const g = geometry(x.shape, groups);
    const y = backend.makeOutput([...x.shape], 'float32');
    const mean = backend.makeOutput([g.n, groups], 'float32');
    const rstd = backend.makeOutput([g.n, groups], 'float32');
    const p = plan(backend, g, 7);
    const view = (t: TensorInfo) => new Float32Array(heapBuffer(backend), offsetOf(backend, t), t.shape.reduce((a, b) => a * b, 1));
    groupNormForward(g, epsilon, () => ({ x: view(x), y: view(y), gamma: view(gamma), beta: view(beta), mean: view(mean), rstd: view(rstd) }),
        p, offsetOf(backend, x), offsetOf(backend, y));
    if (p.scratch) disposeAll(backend, p.scratch);
    return [y, mean, rstd];
}

function wasmGroupNormGrad(args: Args): TensorInfo[] {
    const backend = asWasmBackend(args.backend);
    const { dy, x, gamma, mean, rstd } = args.inputs as { dy: TensorInfo; x: TensorInfo; gamma: TensorInfo; mean: TensorInfo; rstd: TensorInfo };
    const { groups } = args.attrs as unknown as Attrs;
    const g = geometry(x.shape, groups);
    const dx = backend.makeOutput([...x.shape], 'float32');
    const dgamma = backend.makeOutput([g.c], 'float32');
    const dbeta = backend.makeOutput([g.c], 'float32');
    const p = plan(backend, g, 10);
    const view = (t: TensorInfo) => new Float32Array(heapBuffer(backend), offsetOf(backend, t), t.shape.reduce((a, b) => a * b, 1));
    groupNormBackward(g, () => ({ dy: view(dy), x: view(x), gamma: view(gamma), mean: view(mean), rstd: view(rstd), dx: view(dx), dgamma: view(dgamma), dbeta: view(dbeta) }),
        p, offsetOf(backend, dy), offsetOf(backend, x), offsetOf(backend, dx));
    if (p.scratch) disposeAll(backend, p.scratch);
    return [dx, dgamma, dbeta];
}

interface CpuBackendLike {
    data: { get(dataId: object): { values: ArrayLike<number> } };
    makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}

function cpuGroupNorm(args: Args): TensorInfo[] {
    const backend = args.backend as CpuBackendLike;
    const { x, gamma, beta } = args.inputs as { x: TensorInfo; gamma: TensorInfo; beta: TensorInfo };
    const { groups, epsilon } = args.attrs as unknown as Attrs;
    const g = geometry(x.shape, groups);
    const read = (t: TensorInfo) => backend.data.get(t.dataId).values as Float32Array;
    const out = { x: read(x), gamma: read(gamma), beta: read(beta), y: new Float32Array(g.n * g.hw * g.c), mean: new Float32Array(g.n * groups), rstd: new Float32Array(g.n * groups) };
    groupNormForward(g, epsilon, () => out, plan(undefined, g, 0));
    return [backend.makeTensorInfo([...x.shape], 'float32', out.y),
        backend.makeTensorInfo([g.n, groups], 'float32', out.mean), backend.makeTensorInfo([g.n, groups], 'float32', out.rstd)];
}

function cpuGroupNormGrad(args: Args): TensorInfo[] {
    const backend = args.backend as CpuBackendLike;
    const { dy, x, gamma, mean, rstd } = args.inputs as { dy: TensorInfo; x: TensorInfo; gamma: TensorInfo; mean: TensorInfo; rstd: TensorInfo };
    const { groups } = args.attrs as unknown as Attrs;
    const g = geometry(x.shape, groups);
    const read = (t: TensorInfo) => backend.data.get(t.dataId).values as Float32Array;
    const out = { dy: read(dy), x: read(x), gamma: read(gamma), mean: read(mean), rstd: read(rstd),
        dx: new Float32Array(g.n * g.hw * g.c), dgamma: new Float32Array(g.c), dbeta: new Float32Array(g.c) };
    groupNormBackward(g, () => out, plan(undefined, g, 0));
    return [backend.makeTensorInfo([...x.shape], 'float32', out.dx),
        backend.makeTensorInfo([g.c], 'float32', out.dgamma), backend.makeTensorInfo([g.c], 'float32', out.dbeta)];
}

export const groupNormConfigs: KernelConfig[] = [
    { kernelName: GROUP_NORM, backendName: 'wasm', kernelFunc: wasmGroupNorm as unknown as KernelConfig['kernelFunc'] },
    { kernelName: GROUP_NORM, backendName: 'cpu', kernelFunc: cpuGroupNorm as unknown as KernelConfig['kernelFunc'] },
    { kernelName: GROUP_NORM_GRAD, backendName: 'wasm', kernelFunc: wasmGroupNormGrad as unknown as KernelConfig['kernelFunc'] },
    { kernelName: GROUP_NORM_GRAD, backendName: 'cpu', kernelFunc: cpuGroupNormGrad as unknown as KernelConfig['kernelFunc'] },
];

/** The composite: what backends without the kernels run (and the tests' reference). */
export function groupNormComposite(x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D, groups: number, epsilon: number): tf.Tensor4D {
    const [n, h, w, c] = x.shape;
    const grouped = tf.reshape(x, [n, h * w, groups, c / groups]);
    const { mean, variance } = tf.moments(grouped, [1, 3], true);
    const normed = tf.reshape(tf.mul(tf.sub(grouped, mean), tf.rsqrt(tf.add(variance, epsilon))), [n, h, w, c]);
    return tf.add(tf.mul(normed, gamma), beta);
}

function fusedGroupNorm(groups: number, epsilon: number) {
    return tf.customGrad(((x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, save: (ts: tf.Tensor[]) => void) => {
        const [y, mean, rstd] = tf.engine().runKernel(GROUP_NORM, { x, gamma, beta }, { groups, epsilon }) as tf.Tensor[];
        save([x, gamma, mean, rstd]);
        return {
            value: y,
            gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
                const [sx, sg, sm, sr] = saved;
                return tf.engine().runKernel(GROUP_NORM_GRAD, { dy, x: sx, gamma: sg, mean: sm, rstd: sr }, { groups }) as tf.Tensor[];
            },
        };
    }) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) => tf.Tensor;
}

const fusedByAttrs = new Map<string, ReturnType<typeof fusedGroupNorm>>();

/**
 * GroupNorm of NHWC `x`: statistics per image over its spatial positions and each of `groups`
 * consecutive channel groups, then the per-channel affine γ, β.
 */
export function groupNorm(x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D, groups: number, epsilon: number): tf.Tensor4D {
    const c = x.shape[3];
    if (!Number.isInteger(groups) || groups < 1 || c % groups !== 0) throw new Error(`groupNorm: ${c} channels do not split into ${groups} groups`);
    const backend = getBackend();
    const usable = x.dtype === 'float32' && gamma.dtype === 'float32' && beta.dtype === 'float32'
        && gamma.size === c && beta.size === c && x.size > 0
        && getKernel(GROUP_NORM, backend) !== undefined && getKernel(GROUP_NORM_GRAD, backend) !== undefined;
    if (!usable) return groupNormComposite(x, gamma, beta, groups, epsilon);
    const key = `${groups}/${epsilon}`;
    let op = fusedByAttrs.get(key);
    if (!op) fusedByAttrs.set(key, op = fusedGroupNorm(groups, epsilon));
    return op(x, gamma, beta) as tf.Tensor4D;
}
