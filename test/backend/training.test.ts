/**
 * End to end on the backend layer: the gradients of a small conv / transposed-conv GAN equal on
 * wasm and cpu, and a short training run lowers the discriminator loss on the default backend
 * as it does on cpu, step for step.
 */
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { initBackend } from '../../engine/src/backends/index.js';
import { adam } from '../../engine/src/optim/adam.js';
import { maxAbs, maxAbsDiff, values } from './parity.js';

const SIDE = 16;
const LATENT = 8;
const BATCH = 16;

function generator(): tfl.Sequential {
    const g = tfl.sequential();
    g.add(tfl.layers.dense({ inputShape: [LATENT], units: 4 * 4 * 8, useBias: false }));
    g.add(tfl.layers.batchNormalization());
    g.add(tfl.layers.leakyReLU({ alpha: 0.2 }));
    g.add(tfl.layers.reshape({ targetShape: [4, 4, 8] }));
    g.add(tfl.layers.conv2dTranspose({ filters: 4, kernelSize: 5, strides: 2, padding: 'same', useBias: false }));
    g.add(tfl.layers.batchNormalization());
    g.add(tfl.layers.leakyReLU({ alpha: 0.2 }));
    g.add(tfl.layers.conv2dTranspose({ filters: 1, kernelSize: 4, strides: 2, padding: 'same', activation: 'tanh' }));
    return g;
}

function discriminator(): tfl.Sequential {
    const d = tfl.sequential();
    d.add(tfl.layers.conv2d({ inputShape: [SIDE, SIDE, 1], filters: 4, kernelSize: 5, strides: 2, padding: 'same' }));
    d.add(tfl.layers.leakyReLU({ alpha: 0.2 }));
    d.add(tfl.layers.conv2d({ filters: 8, kernelSize: 4, strides: 2, padding: 'same' }));
    d.add(tfl.layers.leakyReLU({ alpha: 0.2 }));
    d.add(tfl.layers.flatten());
    d.add(tfl.layers.dense({ units: 1 }));
    return d;
}

/** Identical initial weights on every backend: generated once, as plain arrays. */
function initialWeights(model: tfl.Sequential, seed: number): Float32Array[] {
    return model.getWeights().map((w, i) => {
        const v = values(w.size, seed * 100 + i);
        const name = model.weights[i].name;
        // gamma = 1 and moving variance = 1 as Keras initializes them; small weights elsewhere.
        if (/gamma|moving_variance/.test(name)) return v.map(() => 1);
        if (/beta|moving_mean|bias/.test(name)) return v.map(() => 0);
        return v.map(x => x * 0.4);
    });
}

/** Toy data: bright diagonal bars in [-1, 1]; the generator starts far from it. */
function realImages(): Float32Array {
    const v = new Float32Array(BATCH * SIDE * SIDE).fill(-1);
    for (let b = 0; b < BATCH; b++) {
        for (let y = 0; y < SIDE; y++) {
            for (let x = 0; x < SIDE; x++) if ((x + y + b) % 6 < 2) v[(b * SIDE + y) * SIDE + x] = 1;
        }
    }
    return v;
}

interface Run { dLosses: number[]; grads: Float32Array[]; leakedTensors: number; leakedBuffers: number }

/** `fused`: engine/src/optim/adam.ts (one kernel per variable) instead of tf.train.adam. */
async function train(backend: 'cpu' | 'wasm' | undefined, steps: number, optimizer: 'tfjs' | 'fused' = 'tfjs'): Promise<Run> {
    await initBackend(backend);
    const tensorsBefore = tf.memory().numTensors;
    // Backend buffers include intermediates our kernels allocate and must free themselves.
    const buffersBefore = tf.backend().numDataIds();
    const g = generator();
    const d = discriminator();
    for (const [model, seed] of [[g, 1], [d, 2]] as const) {
        const init = initialWeights(model, seed).map((v, i) => tf.tensor(v, model.weights[i].shape as number[]));
        model.setWeights(init);
        tf.dispose(init);
    }
    const dVars = d.trainableWeights.map(w => w.read() as tf.Variable);
    const gVars = g.trainableWeights.map(w => w.read() as tf.Variable);
    const dOpt = optimizer === 'fused' ? adam(2e-3, 0.5) : tf.train.adam(2e-3, 0.5);
    const gOpt = optimizer === 'fused' ? adam(2e-3, 0.5) : tf.train.adam(2e-3, 0.5);
    const real = tf.tensor4d(realImages(), [BATCH, SIDE, SIDE, 1]);
    const ones = tf.ones([BATCH, 1]);
    const zeros = tf.zeros([BATCH, 1]);
    const dLoss = (z: tf.Tensor): tf.Scalar => tf.add(
        tf.losses.sigmoidCrossEntropy(ones, d.apply(real, { training: true }) as tf.Tensor),
        tf.losses.sigmoidCrossEntropy(zeros, d.apply(g.apply(z, { training: true }), { training: true }) as tf.Tensor)) as tf.Scalar;

    // Gradients of every weight of both models at the initial point.
    const grads = tf.tidy(() => {
        const z = tf.tensor2d(values(BATCH * LATENT, 99), [BATCH, LATENT]);
        const { grads: dg } = tf.variableGrads(() => dLoss(z), [...dVars, ...gVars]);
        return [...dVars, ...gVars].map(v => dg[v.name].dataSync() as Float32Array);
    });

    const dLosses: number[] = [];
    for (let step = 0; step < steps; step++) {
        tf.tidy(() => {
            const z = tf.tensor2d(values(BATCH * LATENT, 1000 + step), [BATCH, LATENT]);
            const loss = dOpt.minimize(() => dLoss(z), true, dVars)!;
            dLosses.push(loss.dataSync()[0]);
            gOpt.minimize(() => tf.losses.sigmoidCrossEntropy(ones,
                d.apply(g.apply(z, { training: true }), { training: true }) as tf.Tensor) as tf.Scalar, false, gVars);
        });
    }
    g.dispose();
    d.dispose();
    dOpt.dispose();
    gOpt.dispose();
    tf.dispose([real, ones, zeros]);
    return {
        dLosses, grads,
        leakedTensors: tf.memory().numTensors - tensorsBefore,
        leakedBuffers: tf.backend().numDataIds() - buffersBefore,
    };
}

describe('backend: training on wasm equals training on cpu', function () {
    this.timeout(60000);
    const steps = 12;
    let cpu: Run;
    const runs: Record<string, Run> = {};

    before(async () => {
        cpu = await train('cpu', steps);
        // undefined = the default (auto) choice: wasm-native when the addon is built, else wasm.
        runs.default = await train(undefined, steps);
        runs.wasm = await train('wasm', steps);
        runs.fusedCpu = await train('cpu', steps, 'fused');
        runs.fusedWasm = await train('wasm', steps, 'fused');
    });

    it('with the fused Adam (engine/src/optim) on cpu and wasm: the same losses as tf.train.adam on cpu, no leaks', () => {
        for (const which of ['fusedCpu', 'fusedWasm']) {
            const run = runs[which];
            run.dLosses.forEach((l, i) => assert.ok(Math.abs(l - cpu.dLosses[i]) < 1e-3 * Math.max(1, Math.abs(cpu.dLosses[i])),
                `step ${i}: ${which} ${l} vs cpu ${cpu.dLosses[i]}`));
            assert.ok(run.dLosses[steps - 1] < run.dLosses[0] * 0.8, `${which}: D loss ${run.dLosses.join(', ')}`);
            assert.equal(run.leakedTensors, 0, which);
            assert.equal(run.leakedBuffers, 0, which);
        }
    });

    for (const which of ['default', 'wasm']) {
        it(`${which}: gradients of every weight of a small conv / transposed-conv GAN equal cpu`, () => {
            const run = runs[which];
            assert.equal(run.grads.length, cpu.grads.length);
            cpu.grads.forEach((c, i) => {
                const err = maxAbsDiff(c, run.grads[i]);
                assert.ok(err <= 1e-4 * Math.max(1, maxAbs(c)), `weight ${i}: max abs error ${err}`);
            });
        });

        it(`${which}: the discriminator loss falls as on cpu, step for step`, () => {
            const run = runs[which];
            const first = cpu.dLosses[0];
            const last = cpu.dLosses[steps - 1];
            assert.ok(last < first * 0.8, `cpu: D loss ${first} → ${last}`);
            assert.ok(run.dLosses[steps - 1] < run.dLosses[0] * 0.8, `${which}: D loss ${run.dLosses.join(', ')}`);
            run.dLosses.forEach((l, i) => assert.ok(Math.abs(l - cpu.dLosses[i]) < 1e-3 * Math.max(1, Math.abs(cpu.dLosses[i])),
                `step ${i}: ${which} ${l} vs cpu ${cpu.dLosses[i]}`));
        });

        it(`${which}: training leaks no tensors and no backend buffers`, () => {
            assert.equal(runs[which].leakedTensors, 0);
            assert.equal(runs[which].leakedBuffers, 0);
        });
    }
});
