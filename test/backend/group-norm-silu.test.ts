/**
 * The GroupNorm and SiLU ops (backends/gradients/group-norm.ts, silu.ts): forward values and
 * every gradient against float64 JS references, on cpu, wasm (with and without the SIMD module)
 * and wasm-native when the addon loads; wasm against cpu; the composite fallback; no leaks.
 */
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../engine/src/backends/index.js';
import { GROUP_NORM, GROUP_NORM_GRAD, groupNorm, groupNormComposite } from '../../engine/src/backends/gradients/group-norm.js';
import { SILU, SILU_GRAD, silu } from '../../engine/src/backends/gradients/silu.js';
import { maxAbs, sizeOf, values } from './parity.js';

type Backend = 'cpu' | 'wasm' | 'wasm without SIMD' | 'wasm-native';

/** Runs `fn` with the SIMD module hidden from the wasm kernels (their JS paths). */
async function withoutSimd<T>(fn: () => T): Promise<T> {
    const module = (tf.backend() as unknown as { wasm: { asm: object } }).wasm;
    const asm = module.asm;
    module.asm = { ...asm, memory: undefined };
    try {
        return fn();
    } finally {
        module.asm = asm;
    }
}

/** Activates `backend` and runs `fn` in a tidy, checking that no tensor outlives it. */
async function on<T>(backend: Backend, fn: () => T): Promise<T> {
    const name = backend === 'wasm without SIMD' ? 'wasm' : backend;
    if (tf.getBackend() !== name || name === 'wasm-native') await initBackend(name);
    const before = tf.memory().numTensors;
    // fn reads its results back, so nothing needs to leave the tidy.
    const run = () => tf.tidy(fn as () => never) as T;
    const out = backend === 'wasm without SIMD' ? await withoutSimd(run) : run();
    assert.equal(tf.memory().numTensors, before, `${backend}: tensors leaked`);
    return out;
}

// --- float64 references ----------------------------------------------------------------------

interface GnCase { shape: [number, number, number, number]; groups: number }

function refGroupNorm(shape: number[], groups: number, eps: number, x: Float32Array, gamma: Float32Array, beta: Float32Array, dy: Float32Array) {
    const [n, h, w, c] = shape;
    const hw = h * w, cpg = c / groups, count = hw * cpg;
    const y = new Float64Array(x.length), dx = new Float64Array(x.length);
    const dgamma = new Float64Array(c), dbeta = new Float64Array(c);
    for (let b = 0; b < n; b++) {
        for (let g = 0; g < groups; g++) {
            const idx: number[] = [];
            for (let p = 0; p < hw; p++) for (let k = g * cpg; k < (g + 1) * cpg; k++) idx.push((b * hw + p) * c + k);
            let mean = 0;
            for (const i of idx) mean += x[i];
            mean /= count;
            let variance = 0;
            for (const i of idx) variance += (x[i] - mean) ** 2;
            variance /= count;
            const r = 1 / Math.sqrt(variance + eps);
            let sumG = 0, sumGX = 0;
            for (const i of idx) {
                const k = i % c, xhat = (x[i] - mean) * r;
                y[i] = xhat * gamma[k] + beta[k];
                dbeta[k] += dy[i];
                dgamma[k] += dy[i] * xhat;
                sumG += dy[i] * gamma[k];
                sumGX += dy[i] * gamma[k] * xhat;
            }
            for (const i of idx) {
                const k = i % c, xhat = (x[i] - mean) * r;
                dx[i] = r * (dy[i] * gamma[k] - sumG / count - xhat * sumGX / count);
            }
        }
    }
    return { y, dx, dgamma, dbeta };
}

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

/** Max |got − want| / scale over elements, scale = max(1, max |want|). */
function relErr(got: ArrayLike<number>, want: ArrayLike<number>): number {
    assert.equal(got.length, want.length);
    const scale = Math.max(1, maxAbs(want));
    let m = 0;
    for (let i = 0; i < got.length; i++) {
        const d = Math.abs(got[i] - want[i]);
        if (!(d <= m)) m = d;
    }
    return m / scale;
}

/** Inputs with an offset and spread per channel, so the statistics are not trivial. */
function gnInputs(shape: number[]) {
    const c = shape[3];
    const x = values(sizeOf(shape), 11).map((v, i) => 3 * v + 0.5 * (i % c) - 1);
    const gamma = values(c, 12).map(v => 1 + v);
    const beta = values(c, 13);
    const dy = values(sizeOf(shape), 14);
    return { x, gamma, beta, dy };
}

const EPS = 1e-5;

// Forward in float32: (x − μ)·(r·γ) + β rounds a few times; the gradients sum over a group (up
// to 1568 terms here) in float64 but round their per-channel factors to float32.
const TOL = { y: 2e-6, dx: 1e-5, dgamma: 1e-5, dbeta: 1e-6 };

/** y and the three gradients of Σ y·dy through `op`. */
function gnRun(shape: [number, number, number, number], groups: number, op: typeof groupNorm) {
    const d = gnInputs(shape);
    const x = tf.tensor4d(d.x, shape), gamma = tf.tensor1d(d.gamma), beta = tf.tensor1d(d.beta), dy = tf.tensor4d(d.dy, shape);
    const y = op(x, gamma, beta, groups, EPS);
    const [dx, dgamma, dbeta] = tf.grads((a, g, b) => tf.sum(tf.mul(op(a as tf.Tensor4D, g as tf.Tensor1D, b as tf.Tensor1D, groups, EPS), dy)))([x, gamma, beta]);
    return { y: y.dataSync(), dx: dx.dataSync(), dgamma: dgamma.dataSync(), dbeta: dbeta.dataSync() } as Record<string, Float32Array>;
}

function sweep(): Float32Array {
    const n = 200_003;
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = -100 + 200 * i / (n - 1);
    return x;
}

function siluRun(x: Float32Array, dyv: Float32Array) {
    const t = tf.tensor1d(x), dy = tf.tensor1d(dyv);
    const y = silu(t);
    const [dx] = tf.grads(a => tf.sum(tf.mul(silu(a), dy)))([t]);
    return { y: y.dataSync() as Float32Array, dx: dx.dataSync() as Float32Array };
}

/**
 * The stated bound: y within 1e-6 relative of x·sigmoid(x) in double for x ≥ −87
 * (below, where sigmoid underflows float32, within 1e-30 absolute), dx within 1e-6 of
 * |dy|·s·(1 + |x|·(1 − s)), the size of its terms (dx itself crosses zero near x ≈ −1.28),
 * and within 1e-30 below −87. Measured: 1.7e-7 and 2.5e-7.
 */
function checkBound(x: Float32Array, dyv: Float32Array, got: { y: Float32Array; dx: Float32Array }, label: string): void {
    for (let i = 0; i < x.length; i++) {
        const v = x[i], s = sigmoid(v);
        const y = v * s;
        const yErr = Math.abs(got.y[i] - y);
        assert.ok(v >= -87 ? yErr <= 1e-6 * Math.abs(y) + 1e-38 : yErr <= 1e-30, `${label}: silu(${v}) = ${got.y[i]}, want ${y}`);
        const dx = dyv[i] * s * (1 + v * (1 - s));
        const scale = Math.abs(dyv[i]) * s * (1 + Math.abs(v) * (1 - s));
        const dxErr = Math.abs(got.dx[i] - dx);
        assert.ok(v >= -87 ? dxErr <= 1e-6 * scale + 1e-38 : dxErr <= 1e-30, `${label}: silu'(${v})·${dyv[i]} = ${got.dx[i]}, want ${dx}`);
    }
}


const GN_CASES: GnCase[] = [
    { shape: [2, 5, 7, 6], groups: 2 }, // 3 channels per group, 6 channels: rows of 12, tails
    { shape: [1, 4, 4, 8], groups: 8 }, // groups = channels, batch 1
    { shape: [3, 3, 5, 5], groups: 1 }, // one group, odd channel count
    { shape: [2, 3, 3, 3], groups: 3 }, // 9 values per image: fewer rows than one SIMD row of 12 + tail
    { shape: [1, 1, 1, 4], groups: 2 }, // a single position
    { shape: [2, 7, 7, 12], groups: 4 },
    { shape: [4, 14, 14, 32], groups: 8 }, // the U-Net's shapes
    { shape: [2, 7, 7, 64], groups: 8 },
];

describe('backend: GroupNorm and SiLU ops', function () {
    this.timeout(120000);

    after(async () => {
        await initBackend('wasm');
    });

    describe('GroupNorm', () => {
        const backends: Backend[] = ['cpu', 'wasm', 'wasm without SIMD'];
        for (const backend of backends) {
            for (const { shape, groups } of GN_CASES) {
                it(`${backend}: [${shape}] ${groups} groups: y, dx, dgamma, dbeta match float64 (fused kernels, no leaks)`, async () => {
                    const got = await on(backend, () => {
                        assert.ok(tf.getKernel(GROUP_NORM, tf.getBackend()) && tf.getKernel(GROUP_NORM_GRAD, tf.getBackend()));
                        return gnRun(shape, groups, groupNorm);
                    });
                    const d = gnInputs(shape);
                    const want = refGroupNorm(shape, groups, EPS, d.x, d.gamma, d.beta, d.dy);
                    for (const k of ['y', 'dx', 'dgamma', 'dbeta'] as const) {
                        const err = relErr(got[k], want[k]);
                        assert.ok(err <= TOL[k], `${k}: relative error ${err} > ${TOL[k]}`);
                    }
                });
            }
        }

        it('the composite ops (what other backends run) match the same float64 reference on cpu', async () => {
            for (const { shape, groups } of GN_CASES.slice(0, 4)) {
                const got = await on('cpu', () => gnRun(shape, groups, groupNormComposite));
                const d = gnInputs(shape);
                const want = refGroupNorm(shape, groups, EPS, d.x, d.gamma, d.beta, d.dy);
                for (const k of ['y', 'dx', 'dgamma', 'dbeta'] as const) assert.ok(relErr(got[k], want[k]) <= 1e-5, `${k} [${shape}]`);
            }
        });

        it('wasm (SIMD) matches cpu within 1e-5 of the output scale', async () => {
            for (const { shape, groups } of GN_CASES) {
                const cpu = await on('cpu', () => gnRun(shape, groups, groupNorm));
                const wasm = await on('wasm', () => gnRun(shape, groups, groupNorm));
                for (const k of Object.keys(cpu)) assert.ok(relErr(wasm[k], cpu[k]) <= 1e-5, `${k} [${shape}]`);
            }
        });

        it('without the kernels it runs the composite ops (bit-identical)', async () => {
            const shape: [number, number, number, number] = [2, 5, 7, 6];
            const configs = [GROUP_NORM, GROUP_NORM_GRAD].map(name => tf.getKernel(name, 'cpu')!);
            const composite = await on('cpu', () => gnRun(shape, 2, groupNormComposite));
            for (const c of configs) tf.unregisterKernel(c.kernelName, 'cpu');
            try {
                const fallback = await on('cpu', () => gnRun(shape, 2, groupNorm));
                for (const k of Object.keys(composite)) assert.deepEqual(fallback[k], composite[k], k);
            } finally {
                for (const c of configs) tf.registerKernel(c);
            }
        });

        it('rejects channels that do not split into the groups', async () => {
            await on('cpu', () => assert.throws(() => groupNorm(tf.zeros([1, 2, 2, 6]) as tf.Tensor4D, tf.ones([6]), tf.zeros([6]), 4, EPS), /groups/));
        });
    });

    describe('SiLU', () => {
        // Sizes around the 4-lane SIMD width (tails of 1–3 in JS), and a spread over the whole
        // float range where sigmoid is not yet exactly 0 or 1.
        const sizes = [1, 3, 4, 5, 7, 15, 16, 17, 33, 64 * 9 + 3, 4099];
        const xs = (n: number) => values(n, 21).map(v => v * 40);
        for (const backend of ['cpu', 'wasm', 'wasm without SIMD'] as const) {
            it(`${backend}: forward and gradient within the stated bound of the float64 formulas, every size (fused kernels, no leaks)`, async () => {
                for (const n of [...sizes, 0]) {
                    const x = n ? xs(n) : sweep();
                    const dyv = values(x.length, 22);
                    const got = await on(backend, () => {
                        assert.ok(tf.getKernel(SILU, tf.getBackend()) && tf.getKernel(SILU_GRAD, tf.getBackend()));
                        return siluRun(x, dyv);
                    });
                    checkBound(x, dyv, got, `${backend} n=${x.length}`);
                }
            });
        }

        it('wasm matches cpu within 1e-6 of the output scale; rank and shape kept', async () => {
            const x = xs(2 * 3 * 5 * 7);
            const run = () => {
                const t = tf.tensor4d(x, [2, 3, 5, 7]);
                const y = silu(t);
                assert.deepEqual(y.shape, [2, 3, 5, 7]);
                const [dx] = tf.grads(a => tf.sum(tf.square(silu(a))))([t]);
                return { y: y.dataSync() as Float32Array, dx: dx.dataSync() as Float32Array };
            };
            const cpu = await on('cpu', run);
            const wasm = await on('wasm', run);
            assert.ok(relErr(wasm.y, cpu.y) <= 1e-6 && relErr(wasm.dx, cpu.dx) <= 1e-6);
        });

        it('the same values while recording (the kernel also writes sigmoid(x)) as outside a tape', async () => {
            for (const backend of ['cpu', 'wasm', 'wasm without SIMD'] as const) {
                const x = xs(4099);
                const [outside, inside] = await on(backend, () => {
                    const t = tf.tensor1d(x);
                    let taped: Float32Array | undefined;
                    tf.grads(a => {
                        const y = silu(a);
                        taped = y.dataSync() as Float32Array;
                        return tf.sum(y);
                    })([t]);
                    return [silu(t).dataSync(), taped!];
                });
                assert.deepEqual(inside, outside, backend);
            }
        });

        it('NaN stays NaN in every lane and the JS tail', async () => {
            for (const backend of ['cpu', 'wasm', 'wasm without SIMD'] as const) {
                const x = xs(37);
                for (const i of [0, 5, 17, 36]) x[i] = NaN;
                const got = await on(backend, () => siluRun(x, values(37, 24)));
                for (let i = 0; i < 37; i++) {
                    assert.equal(Number.isNaN(got.y[i]), Number.isNaN(x[i]), `${backend} y[${i}]`);
                    assert.equal(Number.isNaN(got.dx[i]), Number.isNaN(x[i]), `${backend} dx[${i}]`);
                }
            }
        });

        it('without the kernels it runs x·sigmoid(x) (bit-identical)', async () => {
            const x = xs(103), dyv = values(103, 23);
            const composite = await on('cpu', () => {
                const t = tf.tensor1d(x), dy = tf.tensor1d(dyv);
                const f = (a: tf.Tensor) => tf.mul(a, tf.sigmoid(a));
                const [dx] = tf.grads(a => tf.sum(tf.mul(f(a), dy)))([t]);
                return { y: f(t).dataSync() as Float32Array, dx: dx.dataSync() as Float32Array };
            });
            const configs = [SILU, SILU_GRAD].map(name => tf.getKernel(name, 'cpu')!);
            for (const c of configs) tf.unregisterKernel(c.kernelName, 'cpu');
            try {
                const fallback = await on('cpu', () => siluRun(x, dyv));
                assert.deepEqual(fallback, composite);
            } finally {
                for (const c of configs) tf.registerKernel(c);
            }
        });
    });

    describe('wasm-native (when the addon loads)', () => {
        before(async function () {
            try {
                await initBackend('wasm-native');
            } catch (e) {
                console.log(`      wasm-native unavailable, skipping: ${(e as Error).message.split('\n')[0]}`);
                this.skip();
            }
        });

        it('GroupNorm and SiLU forward and gradients match float64 and cpu (the addon\'s kernels when built with them)', async () => {
            for (const { shape, groups } of GN_CASES) {
                const cpu = await on('cpu', () => gnRun(shape, groups, groupNorm));
                const native = await on('wasm-native', () => gnRun(shape, groups, groupNorm));
                const d = gnInputs(shape);
                const want = refGroupNorm(shape, groups, EPS, d.x, d.gamma, d.beta, d.dy);
                for (const k of ['y', 'dx', 'dgamma', 'dbeta'] as const) {
                    assert.ok(relErr(native[k], want[k]) <= TOL[k], `${k} [${shape}] vs float64`);
                    assert.ok(relErr(native[k], cpu[k]) <= 1e-5, `${k} [${shape}] vs cpu`);
                }
            }
            const x = values(4099, 31).map(v => v * 40), dyv = values(4099, 32);
            const run = () => {
                const t = tf.tensor1d(x), dy = tf.tensor1d(dyv);
                const [dx] = tf.grads(a => tf.sum(tf.mul(silu(a), dy)))([t]);
                return { y: silu(t).dataSync() as Float32Array, dx: dx.dataSync() as Float32Array };
            };
            const cpu = await on('cpu', run);
            const native = await on('wasm-native', run);
            assert.ok(relErr(native.y, cpu.y) <= 1e-6 && relErr(native.dx, cpu.dx) <= 1e-6);
        });

        it('SiLU (the addon\'s kernels when built with them) within the stated bound, every size, NaN kept', async () => {
            for (const n of [1, 7, 8, 9, 17, 4099, 0]) {
                const x = n ? values(n, 33).map(v => v * 40) : sweep();
                const dyv = values(x.length, 34);
                checkBound(x, dyv, await on('wasm-native', () => siluRun(x, dyv)), `wasm-native n=${x.length}`);
            }
            const x = values(37, 35);
            for (const i of [0, 5, 17, 36]) x[i] = NaN;
            const got = await on('wasm-native', () => siluRun(x, values(37, 36)));
            for (let i = 0; i < 37; i++) assert.equal(Number.isNaN(got.y[i]) && Number.isNaN(got.dx[i]), Number.isNaN(x[i]), `${i}`);
        });
    });
});
