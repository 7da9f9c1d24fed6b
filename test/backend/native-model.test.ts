/**
 * Gradients of a small DCGAN-like model (conv2d, leakyReLU, conv2dTranspose,
 * batch norm, dense) on wasm + native kernels equal the `cpu` backend's; each
 * GEMM micro-kernel (AVX-512 / AVX2 / generic) gives the same convolutions;
 * the addon rejects offsets outside the heap.
 */
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import type { NativeAddon } from '../../engine/src/backends/native/addon.js';
import { compareOnBackends, randomData, useNativeKernels } from './native-helpers.js';

function smallModel(): tfl.LayersModel {
    const init = (seed: number) => tfl.initializers.randomNormal({ mean: 0, stddev: 0.2, seed });
    const m = tfl.sequential();
    m.add(tfl.layers.conv2d({ inputShape: [16, 16, 3], filters: 8, kernelSize: 5, strides: 2, padding: 'same', kernelInitializer: init(1) }));
    m.add(tfl.layers.leakyReLU({ alpha: 0.2 }));
    m.add(tfl.layers.conv2dTranspose({ filters: 4, kernelSize: 4, strides: 2, padding: 'same', useBias: false, kernelInitializer: init(2) }));
    m.add(tfl.layers.batchNormalization({ momentum: 0.8 }));
    m.add(tfl.layers.leakyReLU({ alpha: 0.2 }));
    m.add(tfl.layers.conv2d({ filters: 6, kernelSize: 4, strides: 2, padding: 'valid', kernelInitializer: init(3) }));
    m.add(tfl.layers.flatten());
    m.add(tfl.layers.dense({ units: 1, kernelInitializer: init(4) }));
    return m;
}

describe('native kernels: model gradients, ISA paths, safety', function () {
    this.timeout(300_000);
    let addon: NativeAddon;

    useNativeKernels(a => { addon = a; });

    after(() => {
        if (addon) addon.setIsa(addon.info().bestIsa as 'avx512' | 'avx2' | 'generic');
    });

    it('gradients of every weight of a small conv / transposed-conv model match cpu', () => {
        const x = randomData([6, 16, 16, 3], 21);
        // Build the model on cpu and read its weights once, so both backends use the same values.
        tf.setBackend('cpu');
        const model = smallModel();
        const weights = model.getWeights().map(w => ({ shape: w.shape, values: w.dataSync() as Float32Array }));
        tf.setBackend('wasm');
        const inputs: Record<string, { shape: number[]; values: Float32Array }> = { x };
        weights.forEach((w, i) => { inputs[`w${i}`] = w; });
        compareOnBackends(inputs, t => {
            model.setWeights(weights.map((_, i) => t[`w${i}`]));
            const vars = model.trainableWeights.map(w => w.read() as tf.Variable);
            const { value, grads } = tf.variableGrads(() => {
                const y = model.apply(t.x, { training: true }) as tf.Tensor;
                return tf.mean(tf.square(tf.sub(y, 0.5))) as tf.Scalar;
            }, vars);
            return [value, ...vars.map(v => grads[v.name])];
        }, 1e-4);
        model.dispose();
    });

    for (const isa of ['generic', 'avx2', 'avx512'] as const) {
        it(`${isa} micro-kernel: conv, transposed conv, filter gradient and matmul match cpu`, function () {
            if (!addon.setIsa(isa)) {
                console.log(`      ${isa} not supported by this CPU (best: ${addon.info().bestIsa})`);
                this.skip();
            }
            try {
                const inputs = { x: randomData([4, 28, 28, 3], 31), w: randomData([5, 5, 3, 24], 32), m: randomData([70, 45], 33) };
                compareOnBackends(inputs, t => {
                    const y = tf.conv2d(t.x as tf.Tensor4D, t.w as tf.Tensor4D, 2, 'same');
                    const [dx, dw] = tf.grads((x: tf.Tensor, w: tf.Tensor) =>
                        tf.sum(tf.square(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 2, 'same'))))([t.x, t.w]);
                    return [y, dx, dw, tf.matMul(t.m, t.m, true, false)];
                });
            } finally {
                addon.setIsa(addon.info().bestIsa as 'avx512' | 'avx2' | 'generic');
            }
        });
    }

    it('splits work over threads with the same result as one thread', () => {
        const threads = addon.info().threads;
        const a = randomData([300, 200], 41).values, b = randomData([200, 150], 42).values;
        const one = new Float32Array(300 * 150), many = new Float32Array(300 * 150);
        addon.sgemm(false, false, 300, 150, 200, a, b, one, false, false);
        addon.setThreads(Math.max(2, threads));
        try {
            addon.sgemm(false, false, 300, 150, 200, a, b, many, false, true);
        } finally {
            addon.setThreads(threads);
        }
        assert.deepEqual(many, one);
    });

    it('throws instead of touching memory outside the heap', () => {
        const heap = new ArrayBuffer(1024);
        const geometry = [1, 4, 4, 1, 4, 4, 1, 3, 3, 1, 1, 1, 1, 1, 1];
        assert.throws(() => addon.conv2d(heap, 0, 64, -1, 1000, ...geometry, 0, 0), /outside the heap/);
        assert.throws(() => addon.conv2d(heap, 0, 64, -1, 128, 1, 4, 4, 1, 4, 4, 1, 0, 3, 1, 1, 1, 1, 1, 1, 0, 0), /geometry/);
        assert.throws(() => addon.conv2d(heap, -1, 64, -1, 128, ...geometry, 0, 0), /no heap offset/);
        assert.throws(() => addon.conv2d(heap, 0, 64, -1, 128, 1, 4, 4, 1, 4, 4, 1, 3, 3, 1, 1, 1, 1, 1, 1e12, 0, 0), /32-bit integer/);
        addon.conv2d(heap, 0, 64, -1, 128, ...geometry, 0, 0);
    });
});
