/**
 * Every native kernel against the `cpu` backend on the shapes the catalog's
 * DCGAN models use (imageSize 28/32/64, channels 1/3, kernel 4/5, stride 1/2,
 * same/valid, batch 1..64). Skipped, with the reason, when the addon is not built.
 */
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
// Registers tfjs-core's gradient functions (its Node bundle does not).
import '@tensorflow/tfjs-layers';
import { registerNativeKernels } from '../../engine/src/backends/native/register.js';
import { isNativeConfig } from '../../engine/src/backends/native/fallback.js';
import { compareOnBackends, randomData, useNativeKernels, type Inputs } from './native-helpers.js';

interface ConvCase { batch: number; size: number; cin: number; cout: number; k: number; stride: number; pad: 'same' | 'valid'; dilation?: number }

const CONV_CASES: ConvCase[] = [
    { batch: 64, size: 28, cin: 1, cout: 32, k: 5, stride: 2, pad: 'same' },   // D 28px, layer 1
    { batch: 64, size: 14, cin: 32, cout: 64, k: 5, stride: 2, pad: 'same' },  // D 28px, layer 2
    { batch: 8, size: 32, cin: 3, cout: 16, k: 4, stride: 2, pad: 'same' },
    { batch: 2, size: 64, cin: 3, cout: 8, k: 4, stride: 2, pad: 'valid' },
    { batch: 1, size: 28, cin: 1, cout: 8, k: 5, stride: 1, pad: 'valid' },
    { batch: 3, size: 32, cin: 3, cout: 12, k: 5, stride: 1, pad: 'same' },
    { batch: 5, size: 16, cin: 8, cout: 40, k: 4, stride: 1, pad: 'same' },
    { batch: 2, size: 8, cin: 16, cout: 8, k: 1, stride: 1, pad: 'valid' },    // pointwise: direct GEMM path
    { batch: 2, size: 13, cin: 3, cout: 5, k: 3, stride: 1, pad: 'same', dilation: 2 },
];

const describeCase = (c: ConvCase) =>
    `batch ${c.batch}, ${c.size}x${c.size}x${c.cin} -> ${c.cout}, k${c.k} s${c.stride} ${c.pad}${c.dilation ? ` d${c.dilation}` : ''}`;

describe('native kernels (wasm-native) vs cpu', function () {
    this.timeout(300_000);

    useNativeKernels();

    it('registers every hot kernel for wasm and reports the CPU path', () => {
        const reg = registerNativeKernels();
        assert.equal(reg.ok, true);
        for (const k of ['Conv2D', 'FusedConv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter', 'BatchMatMul', '_FusedMatMul']) {
            assert.ok(reg.kernels.includes(k), `${k} registered`);
            assert.ok(isNativeConfig(tf.getKernel(k, 'wasm')), `${k} is the native one`);
        }
        assert.match(reg.cpu, /^(avx512|avx2|generic), \d+ threads?, /);
    });

    describe('Conv2D', () => {
        for (const c of CONV_CASES) {
            it(describeCase(c), () => {
                const inputs: Inputs = {
                    x: randomData([c.batch, c.size, c.size, c.cin], 1),
                    w: randomData([c.k, c.k, c.cin, c.cout], 2),
                };
                compareOnBackends(inputs, t => tf.conv2d(t.x as tf.Tensor4D, t.w as tf.Tensor4D, c.stride, c.pad, 'NHWC', c.dilation ?? 1));
            });
        }
    });

    describe('FusedConv2D (bias + activation)', () => {
        for (const activation of ['linear', 'relu', 'relu6', 'leakyrelu', 'sigmoid', 'elu'] as const) {
            it(`${activation}, batch 16, 32x32x3 -> 16, k4 s2 same`, () => {
                const inputs: Inputs = {
                    x: randomData([16, 32, 32, 3], 3),
                    w: randomData([4, 4, 3, 16], 4),
                    b: randomData([16], 5),
                };
                compareOnBackends(inputs, t => tf.fused.conv2d({
                    x: t.x as tf.Tensor4D, filter: t.w as tf.Tensor4D, strides: 2, pad: 'same',
                    bias: t.b, activation, leakyreluAlpha: 0.2,
                }));
            });
        }
        it('without bias, k5 s1 valid', () => {
            const inputs: Inputs = { x: randomData([4, 28, 28, 1], 6), w: randomData([5, 5, 1, 8], 7) };
            compareOnBackends(inputs, t => tf.fused.conv2d({ x: t.x as tf.Tensor4D, filter: t.w as tf.Tensor4D, strides: 1, pad: 'valid', activation: 'relu' }));
        });
    });

    describe('Conv2DBackpropInput (conv2dTranspose)', () => {
        const cases = [
            { batch: 64, inSize: 7, cin: 64, cout: 32, k: 5, stride: 2, pad: 'same' as const },   // G 28px, layer 1
            { batch: 64, inSize: 14, cin: 32, cout: 1, k: 5, stride: 2, pad: 'same' as const },   // G 28px, output
            { batch: 4, inSize: 8, cin: 16, cout: 3, k: 4, stride: 2, pad: 'same' as const },     // G 32px, output
            { batch: 2, inSize: 16, cin: 8, cout: 3, k: 4, stride: 2, pad: 'valid' as const },
            { batch: 1, inSize: 32, cin: 8, cout: 3, k: 5, stride: 1, pad: 'same' as const },
            { batch: 3, inSize: 10, cin: 6, cout: 4, k: 5, stride: 1, pad: 'valid' as const },
            { batch: 2, inSize: 8, cin: 16, cout: 8, k: 1, stride: 1, pad: 'valid' as const },
        ];
        for (const c of cases) {
            const outSize = c.pad === 'same' ? c.inSize * c.stride : (c.inSize - 1) * c.stride + c.k;
            it(`batch ${c.batch}, ${c.inSize}x${c.inSize}x${c.cin} -> ${outSize}x${outSize}x${c.cout}, k${c.k} s${c.stride} ${c.pad}`, () => {
                const inputs: Inputs = {
                    x: randomData([c.batch, c.inSize, c.inSize, c.cin], 8),
                    w: randomData([c.k, c.k, c.cout, c.cin], 9),
                };
                compareOnBackends(inputs, t => tf.conv2dTranspose(t.x as tf.Tensor4D, t.w as tf.Tensor4D,
                    [c.batch, outSize, outSize, c.cout], c.stride, c.pad));
            });
        }
    });

    describe('Conv2DBackpropFilter and input gradient (tf.grads of conv2d)', () => {
        for (const c of CONV_CASES.filter(c => !c.dilation)) {
            it(describeCase(c), () => {
                const inputs: Inputs = {
                    x: randomData([c.batch, c.size, c.size, c.cin], 10),
                    w: randomData([c.k, c.k, c.cin, c.cout], 11),
                };
                compareOnBackends(inputs, t => {
                    const f = (x: tf.Tensor, w: tf.Tensor) => {
                        const y = tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, c.stride, c.pad);
                        return tf.sum(tf.mul(y, tf.sin(tf.reshape(tf.range(0, y.size), y.shape))));
                    };
                    const [dx, dw] = tf.grads(f)([t.x, t.w]);
                    return [dx, dw];
                });
            });
        }
    });

    describe('BatchMatMul', () => {
        const cases: Array<[number[], number[], boolean, boolean]> = [
            [[64, 100], [100, 3136], false, false],     // G dense forward
            [[64, 3136], [3136, 1], false, false],      // D dense forward
            [[64, 3136], [100, 3136], false, true],     // dense input gradient
            [[100, 64], [64, 3136], false, false],
            [[64, 100], [64, 3136], true, false],       // dense weight gradient
            [[33, 17], [45, 33], true, true],
            [[5, 7, 9], [5, 9, 11], false, false],
            [[1, 7, 9], [5, 11, 9], false, true],       // broadcast a over the batch
            [[4, 9, 7], [1, 9, 11], true, false],       // broadcast b
            [[2, 3, 6, 5], [2, 3, 5, 4], false, false], // rank 4
        ];
        for (const [sa, sb, ta, tb] of cases) {
            it(`[${sa}] x [${sb}] transposeA=${ta} transposeB=${tb}`, () => {
                compareOnBackends({ a: randomData(sa, 12), b: randomData(sb, 13) },
                    t => tf.matMul(t.a, t.b, ta, tb));
            });
        }
    });

    describe('_FusedMatMul', () => {
        for (const [ta, tb] of [[false, false], [false, true], [true, false], [true, true]]) {
            for (const activation of ['linear', 'relu', 'leakyrelu', 'sigmoid'] as const) {
                it(`bias + ${activation}, transposeA=${ta} transposeB=${tb}`, () => {
                    const a = ta ? [50, 64] : [64, 50], b = tb ? [30, 50] : [50, 30];
                    compareOnBackends({ a: randomData(a, 14), b: randomData(b, 15), bias: randomData([30], 16) },
                        t => tf.fused.matMul({ a: t.a, b: t.b, transposeA: ta, transposeB: tb, bias: t.bias, activation, leakyreluAlpha: 0.1 }));
                });
            }
        }
        it('scalar bias', () => {
            compareOnBackends({ a: randomData([8, 3136], 17), b: randomData([3136, 1], 18), bias: randomData([1], 19) },
                t => tf.fused.matMul({ a: t.a, b: t.b, bias: t.bias }));
        });
    });
});

describe('native elementwise and reduction kernels (wasm-native) vs cpu', function () {
    this.timeout(120_000);

    useNativeKernels();

    for (const shape of [[64, 14, 14, 32], [64, 3136], [3, 5], [7]]) {
        it(`LeakyRelu and its gradient, [${shape}]`, () => {
            compareOnBackends({ x: randomData(shape, 51) }, t => {
                const [dx] = tf.grads((x: tf.Tensor) => tf.sum(tf.mul(tf.leakyRelu(x, 0.2), tf.cos(x))))([t.x]);
                return [tf.leakyRelu(t.x, 0.2), dx];
            });
        });
    }

    const reductions: Array<[number[], number[]]> = [
        [[64, 14, 14, 32], [0, 1, 2]],  // batch norm / bias gradient over NHWC
        [[64, 14, 14, 32], [0]],
        [[64, 3136], [1]],
        [[4, 5, 6], [1, 2]],
        [[4, 5, 6], [0, 1, 2]],
        [[4, 5, 6], [1]],               // middle axis: the previous kernel serves it
    ];
    for (const [shape, axes] of reductions) {
        for (const keepDims of [false, true]) {
            it(`Sum and Mean of [${shape}] over [${axes}]${keepDims ? ', keepDims' : ''}`, () => {
                compareOnBackends({ x: randomData(shape, 52) }, t => [tf.sum(t.x, axes, keepDims), tf.mean(t.x, axes, keepDims)], 1e-5);
            });
        }
    }

    const broadcasts: Array<[number[], number[]]> = [
        [[64, 14, 14, 32], [64, 14, 14, 32]],
        [[64, 14, 14, 32], []],
        [[], [100, 3136]],
        [[64, 14, 14, 32], [32]],
        [[1, 1, 1, 32], [64, 14, 14, 32]],
        [[1, 3136], [64, 3136]],
        [[64, 3136], [1, 3136]],
        [[5, 1], [5, 4]],               // column broadcast: the previous kernel serves it
        [[3, 1, 4], [1, 5, 4]],         // two-sided broadcast: previous kernel
        [[7], [7]],
    ];
    for (const [sa, sb] of broadcasts) {
        it(`Add, Sub, Multiply, RealDiv of [${sa}] and [${sb}]`, () => {
            compareOnBackends({ a: randomData(sa, 53), b: randomData(sb, 54) }, t => {
                const safeB = tf.add(tf.abs(t.b), 0.5);
                return [tf.add(t.a, t.b), tf.sub(t.a, t.b), tf.mul(t.a, t.b), tf.div(t.a, safeB), tf.div(safeB, tf.add(tf.abs(t.a), 0.5))];
            }, 1e-6);
        });
    }

    it('int32 arithmetic runs the previous kernel', () => {
        const a = tf.tensor1d([1, 2, 3], 'int32'), b = tf.tensor1d([4, 5, 6], 'int32');
        const c = tf.mul(a, b);
        assert.equal(c.dtype, 'int32');
        assert.deepEqual(Array.from(c.dataSync()), [4, 10, 18]);
        tf.dispose([a, b, c]);
    });

    for (const [shape, withParams] of [[[64, 14, 14, 32], true], [[1, 1, 64, 3136], true], [[6, 5], false]] as const) {
        it(`FusedBatchNorm [${shape}]${withParams ? ' with offset and scale' : ''}`, () => {
            const c = shape[shape.length - 1];
            compareOnBackends({
                x: randomData([...shape], 55), mean: randomData([c], 56), v: randomData([c], 57),
                offset: randomData([c], 58), scale: randomData([c], 59),
            }, t => tf.batchNorm(t.x, t.mean, tf.add(tf.abs(t.v), 0.1), withParams ? t.offset : undefined,
                withParams ? t.scale : undefined, 1e-3), 1e-5);
        });
    }

    it('Sum of int32 runs the previous kernel', () => {
        const x = tf.tensor2d([[1, 2], [3, 4]], [2, 2], 'int32');
        const s = tf.sum(x, 0);
        assert.equal(s.dtype, 'int32');
        assert.deepEqual(Array.from(s.dataSync()), [4, 6]);
        tf.dispose([x, s]);
    });
});
