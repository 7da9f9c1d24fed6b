/**
 * Every other kernel Flow Studio registers on wasm, and every op the DCGAN models and image
 * nodes use (forward and gradient), compared with the cpu backend.
 */
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../engine/src/backends/index.js';
import { BATCH_NORM_GRAD } from '../../engine/src/backends/gradients/batch-norm-grad.js';
import { LEAKY_RELU_GRAD } from '../../engine/src/backends/gradients/leaky-relu-grad.js';
import { SIGMOID_CE } from '../../engine/src/backends/gradients/sigmoid-cross-entropy.js';
import { wasmKernelConfigs } from '../../engine/src/backends/wasm-kernels/register-all.js';
import { expectParity, maxAbs, maxAbsDiff, runOn, sizeOf, values } from './parity.js';

const t = (shape: number[], seed: number): tf.Tensor => tf.tensor(values(sizeOf(shape), seed), shape);

describe('backend: wasm kernels and DCGAN ops match cpu', function () {
    this.timeout(60000);

    before(async () => {
        await initBackend('wasm');
    });

    it('registers the whole list on wasm', () => {
        for (const config of wasmKernelConfigs) {
            assert.equal(tf.getKernel(config.kernelName, 'wasm')?.kernelFunc !== undefined, true, config.kernelName);
        }
        assert.ok(tf.getKernel('Conv2DBackpropFilter', 'wasm'), 'wasm can train convolutions');
    });

    describe('_FusedMatMul (the stock kernel is wrong with bias when batched or transposed)', () => {
        for (const batch of [1, 3]) {
            for (const transposeA of [false, true]) {
                for (const transposeB of [false, true]) {
                    for (const activation of ['linear', 'relu', 'leakyrelu', 'sigmoid', 'elu', 'relu6'] as const) {
                        it(`batch ${batch}, bias + ${activation}, transposeA=${transposeA} transposeB=${transposeB}`, async () => {
                            const [m, k, n] = [5, 7, 6];
                            await expectParity('fused matmul', () => {
                                const a = t(transposeA ? [batch, k, m] : [batch, m, k], 1);
                                const b = t(transposeB ? [batch, n, k] : [batch, k, n], 2);
                                const bias = t([n], 3);
                                return { y: tf.fused.matMul({ a, b, transposeA, transposeB, bias, activation, leakyreluAlpha: 0.3 }) };
                            });
                        });
                    }
                }
            }
        }
        it('scalar and broadcast biases, prelu weights', async () => {
            await expectParity('fused matmul biases', () => {
                const a = t([2, 4, 3], 4);
                const b = t([2, 3, 5], 5);
                return {
                    scalar: tf.fused.matMul({ a, b, bias: tf.scalar(0.5) }),
                    rows: tf.fused.matMul({ a, b, bias: t([4, 1], 6) }),
                    prelu: tf.fused.matMul({ a, b, bias: t([5], 7), activation: 'prelu', preluActivationWeights: t([5], 8) }),
                };
            });
        });
        it('Dense layer gradient path (matMul with transposes, as tfjs-layers calls it)', async () => {
            await expectParity('dense grads', () => {
                const x = t([64, 100], 9);
                const w = t([100, 49], 10);
                const bias = t([49], 11);
                const f = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor): tf.Tensor =>
                    tf.fused.matMul({ a: a as tf.Tensor2D, b: b as tf.Tensor2D, bias: c, activation: 'relu' });
                const [dx, dw, db] = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.sum(tf.square(f(a, b, c))))([x, w, bias]);
                return { y: f(x, w, bias), dx, dw, db };
            });
        });
    });

    describe('BatchMatMul (transposes taken through an explicit Transpose)', () => {
        for (const [ta, tb] of [[false, false], [false, true], [true, false], [true, true]]) {
            it(`transposeA=${ta} transposeB=${tb}, batched and broadcast`, async () => {
                await expectParity('batch matmul', () => ({
                    batched: tf.matMul(t(ta ? [3, 8, 6] : [3, 6, 8], 1), t(tb ? [3, 4, 8] : [3, 8, 4], 2), ta, tb),
                    broadcast: tf.matMul(t(ta ? [1, 8, 6] : [1, 6, 8], 3), t(tb ? [3, 4, 8] : [3, 8, 4], 4), ta, tb),
                    plain: tf.matMul(t(ta ? [100, 64] : [64, 100], 5), t(tb ? [49, 100] : [100, 49], 6), ta, tb),
                }));
            });
        }
        it('aᵀ·v (one-unit Dense weight gradient: SIMD multiply-adds; odd widths fall back)', async () => {
            await expectParity('transposed matvec', () => ({
                gan: tf.matMul(t([64, 3136], 1), t([64, 1], 2), true, false),
                odd: tf.matMul(t([64, 50], 3), t([64, 1], 4), true, false),
                small: tf.matMul(t([3, 4], 5), t([3, 1], 6), true, false),
            }));
        });
    });

    it('Tile: float32, int32 and bool, every rank used by gradients', async () => {
        await expectParity('tile', () => ({
            bnGrad: tf.tile(t([1, 1, 1, 32], 1), [4, 3, 3, 1]),
            middle: tf.tile(t([2, 1, 3], 2), [2, 4, 1]),
            all: tf.tile(t([2, 3], 3), [3, 2]),
            vector: tf.tile(t([5], 4), [3]),
            one: tf.tile(t([1], 5), [7]),
            ints: tf.tile(tf.tensor2d([[1, 2], [3, 4]], [2, 2], 'int32'), [2, 3]),
            bools: tf.cast(tf.tile(tf.tensor1d([true, false, true], 'bool'), [2]), 'int32'),
        }), 0);
    });

    it('DepthToSpace NHWC', async () => {
        await expectParity('depthToSpace', () => ({
            b2: tf.depthToSpace(t([2, 3, 4, 8], 1) as tf.Tensor4D, 2),
            b3: tf.depthToSpace(t([1, 2, 2, 18], 2) as tf.Tensor4D, 3),
        }), 0);
    });

    it('Sum and Mean over the axes batch norm and bias gradients reduce, and others', async () => {
        await expectParity('reductions', () => {
            const x = tf.mul(t([64, 7, 7, 16], 1), 3);
            return {
                sumLead: tf.sum(x, [0, 1, 2]),
                sumLeadKeep: tf.sum(x, [2, 0, 1], true),
                meanLead: tf.mean(x, [0, 1, 2]),
                meanLeadKeep: tf.mean(x, [0, 1, 2], true),
                mean2d: tf.mean(t([64, 3136], 2), 0),
                sum2d: tf.sum(t([100, 49], 3), 0, true),
                sumLast: tf.sum(x, -1),
                meanMiddle: tf.mean(x, [1, 2]),
                // Per-image channel sums (FiLM gradients): odd channels take the JS path.
                sumMiddle: tf.sum(x, [2, 1]),
                sumMiddleKeep: tf.sum(x, [1, 2], true),
                meanMiddleKeep: tf.mean(t([3, 5, 7, 9], 4), [1, 2], true),
                sumOneMiddle: tf.sum(t([4, 6, 5, 8], 5), 2),
                meanInner: tf.mean(x, [2]),
                sumNotContiguous: tf.sum(x, [0, 2]),
                sumAll: tf.sum(x),
                ints: tf.sum(tf.tensor2d([[1, 2], [3, 4]], [2, 2], 'int32'), 0),
            };
        }, 5e-5);
    });

    it('Concat and SplitV (its gradient) along every axis: copies, bit-identical to cpu', async () => {
        await expectParity('concat / split', () => {
            const a = t([4, 5, 6, 8], 1), b = t([4, 5, 6, 4], 2), c = t([4, 5, 6, 3], 3);
            const dy = t([4, 5, 6, 15], 4);
            const [ga, gb, gc] = tf.grads((p, q, r) => tf.sum(tf.mul(tf.concat([p, q, r], 3), dy)))([a, b, c]);
            const [s1, s2, s3] = tf.split(t([4, 5, 6, 12], 5), [4, -1, 3], 3);
            return {
                channels: tf.concat([a, b], 3),
                oddChannels: tf.concat([a, c, b], -1),
                axis1: tf.concat([t([2, 3, 4], 6), t([2, 1, 4], 7)], 1),
                axis0: tf.concat([t([2, 3], 8), t([1, 3], 9)], 0),
                withEmpty: tf.concat([t([2, 4], 10), tf.zeros([2, 0]), t([2, 2], 11)], 1),
                ints: tf.concat([tf.tensor2d([[1, 2], [3, 4]], [2, 2], 'int32'), tf.tensor2d([[5], [6]], [2, 1], 'int32')], 1),
                bools: tf.concat([tf.tensor1d([true, false], 'bool'), tf.tensor1d([true], 'bool')]),
                ga, gb, gc, s1, s2, s3,
                splitEven: tf.split(t([6, 8], 12), 2, 0)[1],
                splitMiddle: tf.split(t([2, 6, 3], 13), [1, 5], 1)[1],
            };
        }, 0);
    });

    it('Identity shares memory but disposing either side keeps the other valid', async () => {
        await initBackend('wasm');
        const x = tf.tensor1d([1, 2, 3]);
        const y = tf.clone(x);
        x.dispose();
        assert.deepEqual(Array.from(y.dataSync()), [1, 2, 3]);
        y.dispose();
        const v = tf.variable(tf.tensor1d([4, 5]));
        const snapshot = tf.clone(v);
        v.assign(tf.tensor1d([6, 7]));
        assert.deepEqual(Array.from(snapshot.dataSync()), [4, 5]);
        tf.dispose([v, snapshot]);
    });

    it('LeakyRelu gradient kernel equals tfjs-core\'s composite gradient', async () => {
        const x = values(4 * 7 * 7 * 8, 1);
        const dy = values(4 * 7 * 7 * 8, 2);
        for (const backend of ['cpu', 'wasm'] as const) {
            const out = await runOn(backend, () => {
                const xt = tf.tensor(x);
                const dyt = tf.tensor(dy);
                const viaKernel = tf.engine().runKernel(LEAKY_RELU_GRAD, { dy: dyt, x: xt }, { alpha: 0.2 }) as tf.Tensor;
                const viaGrad = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.leakyRelu(a, 0.2), dyt)))(xt);
                const reference = tf.where(tf.greater(xt, 0), dyt, tf.mul(dyt, 0.2));
                return { viaKernel, viaGrad, reference };
            });
            assert.equal(maxAbsDiff(out.viaKernel, out.reference), 0, backend);
            assert.equal(maxAbsDiff(out.viaGrad, out.reference), 0, backend);
        }
    });

    describe('elementwise kernels (SIMD module, and the fallbacks without it)', () => {
        // Sizes around the 4-float SIMD width: tails of 1-3 elements run in JS.
        const sizes = [1, 3, 4, 5, 7, 64 * 9 + 3, 4099];
        const wide = (n: number, seed: number): tf.Tensor => tf.mul(tf.tensor(values(n, seed)), 24);

        /**
         * Runs `fn` with the SIMD module hidden from the kernels (their non-SIMD paths); runOn
         * switching backends inside does not restore it, the wasm backend instance is the same.
         */
        async function withoutSimd<T>(fn: () => Promise<T>): Promise<T> {
            await initBackend('wasm');
            const module = (tf.backend() as unknown as { wasm: { asm: object } }).wasm;
            const asm = module.asm;
            module.asm = { ...asm, memory: undefined };
            try {
                return await fn();
            } finally {
                module.asm = asm;
            }
        }

        for (const simd of [true, false]) {
            const run = (f: () => Promise<void>): Promise<void> => simd ? f() : withoutSimd(f);
            const tag = simd ? 'SIMD' : 'no SIMD';

            // LeakyRelu rounds alpha to float32 first (as tfjs' Multiply by a scalar does), cpu's
            // kernel multiplies by the double alpha: at most one float32 rounding apart.
            it(`${tag}: LeakyRelu within one rounding of cpu, its gradient kernel bit-identical to tfjs-core's composite, at every size`, () => run(async () => {
                for (const n of sizes) {
                    const fn = () => {
                        const x = wide(n, 1);
                        const dy = t([n], 2);
                        return {
                            y: tf.leakyRelu(x, 0.2),
                            dx: tf.engine().runKernel(LEAKY_RELU_GRAD, { dy, x }, { alpha: 0.2 }) as tf.Tensor,
                            reference: tf.where(tf.greater(x, 0), dy, tf.mul(dy, 0.2)),
                            zeros: tf.leakyRelu(tf.zeros([n]), 0.3),
                        };
                    };
                    const cpu = await runOn('cpu', fn);
                    const wasm = await runOn('wasm', fn);
                    const yErr = maxAbsDiff(cpu.y, wasm.y);
                    assert.ok(yErr <= 1.2e-7 * maxAbs(cpu.y), `y, n=${n}: ${yErr}`);
                    assert.equal(maxAbsDiff(wasm.dx, wasm.reference), 0, `dx, n=${n}`);
                    assert.equal(maxAbsDiff(cpu.dx, wasm.dx), 0, `dx vs cpu, n=${n}`);
                    assert.equal(maxAbs(wasm.zeros), 0);
                }
            }));

            it(`${tag}: Tanh within 3e-7 (2 float32 ulps near ±1) of cpu's Math.tanh, saturating, NaN kept`, () => run(async () => {
                for (const n of sizes) {
                    const fn = () => ({ y: tf.tanh(wide(n, 3)) });
                    const cpu = await runOn('cpu', fn);
                    const wasm = await runOn('wasm', fn);
                    assert.ok(maxAbsDiff(cpu.y, wasm.y) <= 3e-7, `n=${n}: ${maxAbsDiff(cpu.y, wasm.y)}`);
                }
                const special = async () => runOn('wasm', sp);
                const sp = () => ({ y: tf.tanh(tf.tensor1d([NaN, 1e30, -1e30, 0, -0, 8, -8, 1e-30, 3, NaN, 0.5])) });
                const y = Array.from((await special()).y);
                assert.ok(Number.isNaN(y[0]) && Number.isNaN(y[9]), 'NaN stays NaN');
                assert.deepEqual(y.slice(1, 4), [1, -1, 0]);
                assert.ok(Math.abs(y[5] - 1) < 1e-6 && Math.abs(y[6] + 1) < 1e-6 && Math.abs(y[8] - Math.tanh(3)) < 3e-7);
            }));

            it(`${tag}: FusedBatchNorm with per-channel (4k and odd counts), scalar and missing parameters`, () => run(async () => {
                for (const [shape, c] of [[[8, 3, 3, 32], 32], [[1, 1, 6, 12], 12], [[4, 5, 5, 6], 6], [[10, 3], 3]] as [number[], number][]) {
                    const fn = () => {
                        const x = tf.reshape(wide(sizeOf(shape), 4), shape);
                        const mean = t([c], 5);
                        const variance = tf.add(tf.abs(t([c], 6)), 0.1);
                        const offset = t([c], 7);
                        const scale = tf.add(t([c], 8), 1);
                        return {
                            full: tf.batchNorm(x, mean, variance, offset, scale, 1e-3),
                            bare: tf.batchNorm(x, mean, variance, undefined, undefined, 1e-3),
                            scalars: tf.batchNorm(x, tf.scalar(0.2), tf.scalar(2), tf.scalar(-1), tf.scalar(3), 1e-5),
                        };
                    };
                    const cpu = await runOn('cpu', fn);
                    const wasm = await runOn('wasm', fn);
                    for (const k of Object.keys(cpu)) {
                        const err = maxAbsDiff(cpu[k], wasm[k]);
                        assert.ok(err <= 2e-5 * Math.max(1, maxAbs(cpu[k])), `${k} ${shape}: ${err}`);
                    }
                }
            }));
        }

        /**
         * Batch norm's one-kernel gradient (gradients/batch-norm-grad.ts) against the gradient of
         * the same function written with primitive ops (which does not involve FusedBatchNorm's
         * gradient), with given statistics and with batch statistics (tf.moments, whose Mean
         * gradient is also replaced), on cpu and on wasm with and without SIMD.
         */
        const bnCases: [string, number[], number[] | null][] = [
            ['32 channels', [6, 3, 3, 32], [32]], ['12 channels, 2d input', [10, 12], [12]],
            ['6 channels', [4, 5, 5, 6], [6]], ['5 channels', [4, 3, 3, 5], [5]],
            ['scalar statistics', [4, 3, 3, 8], null],
        ];
        // (Without a scale tfjs-core cannot differentiate batchNorm at all: it tries to save the
        // missing input for the gradient.)
        const bnFn = (shape: number[], pshape: number[] | null) => () => {
            const x = tf.reshape(wide(sizeOf(shape), 9), shape);
            const ps = pshape ?? [];
            const p = (seed: number) => tf.tensor(values(sizeOf(ps), seed), ps);
            const mean = p(10), variance = tf.add(tf.abs(p(11)), 0.2), offset = p(12), scale = tf.add(p(13), 1);
            const dy = tf.reshape(wide(sizeOf(shape), 14), shape);
            const fused = (a: tf.Tensor, m: tf.Tensor, v: tf.Tensor, o: tf.Tensor, sc: tf.Tensor) =>
                tf.sum(tf.mul(tf.batchNorm(a, m, v, o, sc, 1e-3), dy));
            const plain = (a: tf.Tensor, m: tf.Tensor, v: tf.Tensor, o: tf.Tensor, sc: tf.Tensor) =>
                tf.sum(tf.mul(tf.add(tf.mul(tf.mul(tf.sub(a, m), tf.rsqrt(tf.add(v, 1e-3))), sc), o), dy));
            const moments = (f: typeof fused) => (a: tf.Tensor, o: tf.Tensor, sc: tf.Tensor) => {
                const axes = shape.map((_, i) => i).slice(0, -1);
                const { mean: bm, variance: bv } = tf.moments(a, axes);
                return f(a, bm, bv, o, sc);
            };
            const out: Record<string, tf.Tensor> = {};
            const args = [x, mean, variance, offset, scale];
            tf.grads(fused)(args).forEach((g, i) => { out[`fused${i}`] = g; });
            tf.grads(plain)(args).forEach((g, i) => { out[`plain${i}`] = g; });
            if (pshape) {
                tf.grads(moments(fused))([x, offset, scale]).forEach((g, i) => { out[`mfused${i}`] = g; });
                tf.grads(moments(plain))([x, offset, scale]).forEach((g, i) => { out[`mplain${i}`] = g; });
            }
            return out;
        };
        for (const backend of ['cpu', 'wasm', 'wasm without SIMD'] as const) {
            it(`batch norm gradient kernel equals the primitive-op gradient (${backend})`, async () => {
                const go = async () => {
                    for (const [label, shape, pshape] of bnCases) {
                        const out = await runOn(backend === 'cpu' ? 'cpu' : 'wasm', bnFn(shape, pshape));
                        for (const k of Object.keys(out).filter(k => k.startsWith('fused') || k.startsWith('mfused'))) {
                            const ref = out[k.replace('fused', 'plain')];
                            const err = maxAbsDiff(out[k], ref);
                            assert.ok(err <= 2e-5 * Math.max(1, maxAbs(ref)), `${label}, ${k}: ${err}`);
                        }
                    }
                };
                const kernel = tf.getKernel(BATCH_NORM_GRAD, backend === 'cpu' ? 'cpu' : 'wasm')!;
                const original = kernel.kernelFunc;
                let calls = 0;
                (kernel as { kernelFunc: typeof original }).kernelFunc = a => { calls++; return original(a); };
                try {
                    if (backend === 'wasm without SIMD') await withoutSimd(go);
                    else await go();
                } finally {
                    (kernel as { kernelFunc: typeof original }).kernelFunc = original;
                }
                assert.equal(calls, 2 * bnCases.length - 1, 'the one-kernel gradient ran for every case');
            });
        }

        it('Mean gradient is dy / n broadcast over the reduced axes (cpu, wasm)', async () => {
            for (const backend of ['cpu', 'wasm'] as const) {
                for (const [shape, axes] of [[[4, 3, 5], [0, 1]], [[4, 3, 5], [1]], [[6, 7], [0]], [[6, 7], [0, 1]]] as [number[], number[]][]) {
                    const out = await runOn(backend, () => {
                        const x = t(shape, 1);
                        const kept = shape.map((d, i) => axes.includes(i) ? 1 : d);
                        const w = t(kept, 2);
                        return { dx: tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.mean(a, axes, true), w)))(x), w };
                    });
                    const n = axes.reduce((a, i) => a * shape[i], 1);
                    const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
                    const keptShape = shape.map((d, i) => axes.includes(i) ? 1 : d);
                    const keptStrides = keptShape.map((_, i) => keptShape.slice(i + 1).reduce((a, b) => a * b, 1));
                    for (let i = 0; i < out.dx.length; i++) {
                        let j = 0;
                        shape.forEach((_, d) => { if (!axes.includes(d)) j += Math.floor(i / strides[d]) % shape[d] * keptStrides[d]; });
                        assert.equal(out.dx[i], Math.fround(out.w[j] / n), `${backend} ${shape} axes ${axes} at ${i}`);
                    }
                }
            }
        });

        it('sigmoidCrossEntropy (two kernels) equals tfjs-core\'s composite, value and gradients (cpu, wasm)', async () => {
            for (const backend of ['cpu', 'wasm'] as const) {
                let calls = 0;
                const kernel = tf.getKernel(SIGMOID_CE, backend)!;
                const original = kernel.kernelFunc;
                (kernel as { kernelFunc: typeof original }).kernelFunc = a => { calls++; return original(a); };
                try {
                    const out = await runOn(backend, () => {
                        // Large logits too: the loss must not overflow either way.
                        const x = tf.concat([tf.mul(t([60, 1], 1), 16), tf.tensor2d([[60], [-60], [0], [1e-6]])]);
                        const z = tf.concat([tf.ones([32, 1]), tf.zeros([30, 1]), tf.tensor2d([[0.3], [1]])]);
                        // Weights of ones take tfjs-core's own path and give the same mean.
                        const ours = (a: tf.Tensor, b: tf.Tensor): tf.Tensor => tf.losses.sigmoidCrossEntropy(a, b);
                        const w = tf.ones([64, 1]);
                        const theirs = (a: tf.Tensor, b: tf.Tensor): tf.Tensor => tf.losses.sigmoidCrossEntropy(a, b, w);
                        const [dzO, dxO] = tf.grads(ours)([z, x]);
                        const [dzT, dxT] = tf.grads(theirs)([z, x]);
                        return {
                            ours: ours(z, x), theirs: theirs(z, x), dzO, dzT, dxO, dxT,
                            smoothed: tf.losses.sigmoidCrossEntropy(z, x, undefined, 0.1),
                            none: tf.losses.sigmoidCrossEntropy(z, x, undefined, 0, tf.Reduction.NONE),
                        };
                    });
                    for (const [a, b] of [['ours', 'theirs'], ['dzO', 'dzT'], ['dxO', 'dxT']]) {
                        const err = maxAbsDiff(out[a], out[b]);
                        assert.ok(err <= 2e-6 * Math.max(1, maxAbs(out[b])), `${backend} ${a}: ${err}`);
                    }
                    assert.equal(out.none.length, 64, 'reduction NONE still returns every loss');
                    assert.ok(Math.abs(out.smoothed[0] - out.ours[0]) > 1e-4, 'label smoothing still applies');
                } finally {
                    (kernel as { kernelFunc: typeof original }).kernelFunc = original;
                }
                assert.equal(calls, 2, `${backend}: the loss and its value ran the fused kernel`);
            }
        });

        it('Add, Sub, Multiply, Square: same shapes, last-axis and scalar broadcasts in both orders, bit-identical to cpu', async () => {
            const shapes: [number[], number[]][] = [
                // At or above the 4096-element SIMD threshold (tails of 1-3 elements), and below it.
                [[64, 7, 7, 8], [64, 7, 7, 8]], [[4099], [4099]], [[5, 3], [5, 3]], [[1], [1]],
                [[60, 5, 32], [32]], [[60, 5, 32], [1, 1, 32]], [[409, 12], [1, 12]], [[409, 12], [12]],
                [[2049, 2], [2]], [[1366, 3], [3]], [[700, 6], [6]], [[4097], []], [[1025, 5], [1]], [[64, 1], [1]],
                [[2, 3, 4], [3, 1]], [[2, 1, 4], [3, 4]], [[4], [1, 1, 4]],
            ];
            await expectParity('binary arithmetic', () => {
                const out: Record<string, tf.Tensor> = {};
                shapes.forEach(([sa, sb], i) => {
                    const a = t(sa, 2 * i + 1), b = t(sb, 2 * i + 2);
                    for (const [name, f] of Object.entries({ add: tf.add, sub: tf.sub, mul: tf.mul })) {
                        out[`${name}${i}`] = f(a, b);
                        out[`${name}${i}r`] = f(b, a);
                    }
                });
                out.square = tf.square(t([4099], 99));
                out.squareSmall = tf.square(t([7], 98));
                out.int = tf.add(tf.tensor1d([1, 2, 3], 'int32'), tf.tensor1d([4, 5, 6], 'int32'));
                out.intMul = tf.mul(tf.tensor2d([[1, 2], [3, 4]], [2, 2], 'int32'), tf.tensor1d([2, 3], 'int32'));
                return out;
            }, 0);
        });

        it('Cast to the same dtype shares memory; either side can be disposed; conversions convert', async () => {
            await initBackend('wasm');
            const x = tf.tensor1d([1.5, -2.25, 3]);
            const y = tf.cast(x, 'float32');
            const z = tf.engine().runKernel('Cast', { x }, { dtype: 'float32' }) as tf.Tensor;
            x.dispose();
            assert.deepEqual(Array.from(y.dataSync()), [1.5, -2.25, 3]);
            y.dispose();
            assert.deepEqual(Array.from(z.dataSync()), [1.5, -2.25, 3]);
            assert.deepEqual(Array.from(tf.cast(z, 'int32').dataSync()), [1, -2, 3]);
            assert.deepEqual(Array.from(tf.cast(tf.tensor1d([0, 2], 'int32'), 'bool').dataSync()), [0, 1]);
            assert.equal(tf.cast(tf.tensor1d([0, 2], 'int32'), 'float32').dtype, 'float32');
            z.dispose();
        });
    });

    describe('ops the DCGAN layers and image nodes use, forward and gradient', () => {
        const cases: Record<string, () => Record<string, tf.Tensor>> = {
            'batch norm (training statistics) + gradient': () => {
                const x = t([8, 5, 5, 6], 1);
                const f = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor => {
                    const { mean, variance } = tf.moments(a, [0, 1, 2]);
                    return tf.batchNorm(a, mean, variance, b, g, 1e-3);
                };
                const gamma = tf.add(t([6], 2), 1);
                const beta = t([6], 3);
                const [dx, dg, db] = tf.grads((a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(f(a, g, b), t([8, 5, 5, 6], 4))))([x, gamma, beta]);
                return { y: f(x, gamma, beta), dx, dg, db };
            },
            'activations + gradients': () => {
                const x = tf.mul(t([64, 9], 1), 6);
                const out: Record<string, tf.Tensor> = {};
                const fns: Record<string, (a: tf.Tensor) => tf.Tensor> = {
                    leakyRelu: a => tf.leakyRelu(a, 0.2), relu: a => tf.relu(a), tanh: a => tf.tanh(a),
                    sigmoid: a => tf.sigmoid(a), elu: a => tf.elu(a), softplus: a => tf.softplus(a),
                };
                for (const [name, f] of Object.entries(fns)) {
                    out[name] = f(x);
                    out[`d${name}`] = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(f(a), t([64, 9], 2))))(x);
                }
                return out;
            },
            'sigmoid cross-entropy loss + gradient': () => {
                const logits = tf.mul(t([64, 1], 1), 8);
                const labels = tf.concat([tf.ones([32, 1]), tf.zeros([32, 1])]);
                const f = (l: tf.Tensor): tf.Tensor => tf.losses.sigmoidCrossEntropy(labels, l);
                return { loss: f(logits), dl: tf.grad(f)(logits) };
            },
            'flatten/reshape, concat, slice, reverse, mirror pad + gradients': () => {
                const x = t([2, 6, 6, 3], 1);
                const f = (a: tf.Tensor): tf.Tensor => {
                    const flat = tf.reshape(a, [2, 108]);
                    const cat = tf.concat([flat, tf.reverse(flat, 1)], 1);
                    const sliced = tf.slice(cat, [0, 10], [2, 150]);
                    const pad = tf.mirrorPad(a as tf.Tensor4D, [[0, 0], [1, 1], [2, 2], [0, 0]], 'reflect');
                    return tf.add(tf.sum(tf.square(sliced)), tf.sum(tf.mul(pad, t([2, 8, 10, 3], 2))));
                };
                return {
                    y: f(x), dx: tf.grad(f)(x),
                    flipped: tf.image.flipLeftRight(x as tf.Tensor4D),
                    symmetric: tf.mirrorPad(x as tf.Tensor4D, [[0, 0], [2, 1], [1, 2], [0, 0]], 'symmetric'),
                };
            },
            'gather + gradient': () => {
                const x = t([10, 4], 1);
                const idx = tf.tensor1d([3, 0, 3, 9, 5], 'int32');
                const f = (a: tf.Tensor): tf.Tensor => tf.gather(a, idx);
                return {
                    y: f(x), dx: tf.grad((a: tf.Tensor) => tf.sum(tf.mul(f(a), t([5, 4], 2))))(x), axis1: tf.gather(x, tf.tensor1d([1, 3], 'int32'), 1),
                    // the class-embedding lookup of a conditional discriminator, labels [batch, 1]
                    embedding: tf.gather(t([10, 3136], 3), tf.tensor2d(Int32Array.from({ length: 32 }, (_, i) => (i * 7) % 10), [32, 1], 'int32')),
                    rank3: tf.gather(t([4, 3, 5], 4), tf.tensor1d([2, 2, 0], 'int32')),
                    ints: tf.gather(tf.tensor2d([[1, 2], [3, 4], [5, 6]], [3, 2], 'int32'), tf.tensor1d([2, 0], 'int32')),
                };
            },
            'resize bilinear + gradients, nearest neighbor forward': () => {
                const x = t([2, 7, 7, 3], 1);
                const out: Record<string, tf.Tensor> = {};
                for (const [alignCorners, halfPixel] of [[false, false], [true, false], [false, true]]) {
                    const bl = (a: tf.Tensor): tf.Tensor => tf.image.resizeBilinear(a as tf.Tensor4D, [14, 14], alignCorners, halfPixel);
                    const dy = t([2, 14, 14, 3], 2);
                    const k = `${alignCorners}${halfPixel}`;
                    out[`bl${k}`] = bl(x);
                    out[`dbl${k}`] = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(bl(a), dy)))(x);
                    out[`nn${k}`] = tf.image.resizeNearestNeighbor(x as tf.Tensor4D, [14, 14], alignCorners, halfPixel);
                }
                out.down = tf.image.resizeBilinear(x as tf.Tensor4D, [4, 4]);
                return out;
            },
            'seeded random normal / uniform / truncated normal': () => ({
                normal: tf.randomNormal([500], 0, 1, 'float32', 7),
                uniform: tf.randomUniform([500], -1, 1, 'float32', 8),
                truncated: tf.truncatedNormal([500], 0, 1, 'float32', 9),
            }),
            'mean, sum, square, sqrt, division (Adam\'s update arithmetic)': () => {
                const g = t([50, 7], 1);
                const m = tf.add(tf.mul(t([50, 7], 2), 0.9), tf.mul(g, 0.1));
                const v = tf.add(tf.mul(tf.abs(t([50, 7], 3)), 0.999), tf.mul(tf.square(g), 0.001));
                return { step: tf.div(m, tf.add(tf.sqrt(v), 1e-7)), mean: tf.mean(g, 0), sum: tf.sum(g, 1) };
            },
        };
        for (const [name, fn] of Object.entries(cases)) {
            it(name, async () => { await expectParity(name, fn); });
        }

        it('GatherV2 refuses an index out of range, like the cpu backend', async () => {
            for (const backend of ['cpu', 'wasm'] as const) {
                await initBackend(backend);
                const before = tf.memory().numTensors;
                assert.throws(() => tf.gather(tf.ones([3, 2]), tf.tensor1d([0, 3], 'int32')).dataSync(), /index value 3 is not in \[0, 2\]/, backend);
                tf.disposeVariables();
                assert.ok(tf.memory().numTensors <= before + 2, `${backend}: no output left behind`);
            }
            await initBackend('wasm');
        });

        it('Adam optimizer steps', async () => {
            const run = async (backend: 'cpu' | 'wasm'): Promise<Float32Array> => {
                await initBackend(backend);
                const w = tf.variable(t([20, 3], 1));
                const opt = tf.train.adam(0.01, 0.5);
                for (let i = 0; i < 5; i++) {
                    opt.minimize(() => tf.sum(tf.square(tf.sub(tf.matMul(t([8, 20], 2 + i), w), 1))) as tf.Scalar, false, [w]);
                }
                const out = w.dataSync() as Float32Array;
                opt.dispose();
                w.dispose();
                return out;
            };
            assert.ok(maxAbsDiff(await run('cpu'), await run('wasm')) < 1e-5);
        });

        // The stock cpu ResizeNearestNeighborGrad is wrong for batch > 1 (tfjs 4.22.0; the cpu
        // backend gets a corrected kernel), so the reference is the adjoint of the forward resize:
        // each output pixel's gradient goes back to the input pixel it was copied from, found by
        // resizing an image of indices.
        for (const backend of ['wasm', 'cpu'] as const) it(`${backend}: resize nearest neighbor gradient equals the adjoint of the forward resize`, async () => {
            await initBackend(backend);
            const shape: [number, number, number, number] = [2, 7, 7, 3];
            const n = sizeOf(shape);
            for (const [alignCorners, halfPixel] of [[false, false], [true, false], [false, true]]) {
                const dy = values(2 * 14 * 14 * 3, 5);
                const { source, dx } = tf.tidy(() => {
                    const index = tf.tensor(Float32Array.from({ length: n }, (_, i) => i), shape) as tf.Tensor4D;
                    const nn = (a: tf.Tensor): tf.Tensor => tf.image.resizeNearestNeighbor(a as tf.Tensor4D, [14, 14], alignCorners, halfPixel);
                    const grad = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(nn(a), tf.tensor(dy, [2, 14, 14, 3]))))(tf.zeros(shape));
                    return { source: nn(index).dataSync(), dx: grad.dataSync() };
                });
                const expected = new Float32Array(n);
                source.forEach((src, o) => { expected[src] += dy[o]; });
                assert.ok(maxAbsDiff(dx, expected) < 1e-6, `alignCorners=${alignCorners} halfPixel=${halfPixel}`);
            }
        });
    });
});
