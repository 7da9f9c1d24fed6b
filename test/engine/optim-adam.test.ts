/**
 * FusedAdamOptimizer (engine/src/optim/adam.ts) against tf.train.adam: same weights, moments and
 * saved state after several steps, on cpu and wasm (one fused kernel per variable) and through
 * tfjs' op graph (the path other backends take).
 */
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../engine/src/backends/index.js';
import { FusedAdamOptimizer, adam } from '../../engine/src/optim/adam.js';
import { ADAM_UPDATE } from '../../engine/src/optim/adam-kernel.js';
import { maxAbsDiff, values } from '../backend/parity.js';

const SHAPES: number[][] = [[5, 5, 3, 8], [100, 31], [17], [1]];
const STEPS = 6;

interface Run { weights: Float32Array[]; saved: Float32Array[]; iterations: number }

/** Trains fresh variables for STEPS steps with `opt`; gradients vary per step and variable. */
async function train(opt: tf.Optimizer, tag: string): Promise<Run> {
    const vars = SHAPES.map((s, i) => tf.tidy(() => tf.variable(tf.tensor(values(s.reduce((a, b) => a * b, 1), 10 + i), s), true, `${tag}-w${i}`)));
    for (let step = 0; step < STEPS; step++) {
        const grads: tf.NamedTensorMap = {};
        vars.forEach((v, i) => {
            // Magnitudes from 1e-4 to 10, so tiny and large second moments both occur.
            const scale = 10 ** ((step + i) % 6 - 4);
            grads[v.name] = tf.tidy(() => tf.mul(tf.tensor(values(v.size, 100 * step + i), v.shape), scale));
        });
        opt.applyGradients(grads);
        tf.dispose(Object.values(grads));
    }
    const weights = vars.map(v => v.dataSync() as Float32Array);
    const [iterationsTensor, ...moments] = await opt.getWeights();
    const saved = moments.map(w => w.tensor.dataSync() as Float32Array);
    const iterations = iterationsTensor.tensor.dataSync()[0];
    iterationsTensor.tensor.dispose();
    tf.dispose(vars);
    opt.dispose();
    return { weights, saved, iterations };
}

/** Max error relative to each element's magnitude (floor 1e-30: moments span 1e-8..100). */
function maxRelDiff(a: Float32Array, b: Float32Array): number {
    let m = 0;
    for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1e-30));
    return m;
}

/**
 * Weights within two float32 spacings (the steps differ by a few ulps of the step, ~lr, and the
 * sum rounds once more), moments within a few ulps of themselves.
 */
function assertSame(a: Run, b: Run, exact: boolean, label: string): void {
    assert.equal(a.iterations, b.iterations, `${label}: iterations`);
    assert.equal(a.saved.length, b.saved.length, `${label}: saved moments`);
    a.weights.forEach((w, i) => {
        // Weights are within ±0.5: float32 spacing there is 6e-8.
        const err = maxAbsDiff(w, b.weights[i]);
        assert.ok(err <= (exact ? 0 : 1.2e-7), `${label}: variable ${i} differs by ${err}`);
    });
    a.saved.forEach((m, i) => {
        const err = exact ? maxAbsDiff(m, b.saved[i]) : maxRelDiff(m, b.saved[i]);
        assert.ok(err <= (exact ? 0 : 1e-6), `${label}: moment ${i} differs by ${err}`);
    });
}

describe('engine: FusedAdamOptimizer equals tf.train.adam', function () {
    this.timeout(60000);
    for (const backend of ['cpu', 'wasm'] as const) {
        it(`one kernel per variable on ${backend}, same weights and moments over ${STEPS} steps`, async () => {
            await initBackend(backend);
            const before = tf.memory().numTensors;
            const reference = await train(tf.train.adam(2e-3, 0.5), `${backend}-ref`);
            let calls = 0;
            const opt = adam(2e-3, 0.5);
            assert.ok(FusedAdamOptimizer.fusedOnCurrentBackend(), `${ADAM_UPDATE} is registered on ${backend}`);
            const kernel = tf.getKernel(ADAM_UPDATE, backend)!;
            const original = kernel.kernelFunc;
            (kernel as { kernelFunc: typeof original }).kernelFunc = a => { calls++; return original(a); };
            let fused: Run;
            try {
                fused = await train(opt, `${backend}-fused`);
            } finally {
                (kernel as { kernelFunc: typeof original }).kernelFunc = original;
            }
            assert.equal(calls, SHAPES.length * STEPS);
            assertSame(fused, reference, false, backend);
            // The weights did move (by ~lr per step), so the comparison is not vacuous.
            assert.ok(maxAbsDiff(fused.weights[1], values(100 * 31, 11)) > 1e-3);
            assert.equal(tf.memory().numTensors, before, 'no tensors leaked');
        });
    }

    it('defaults, config and class name are tf.train.adam\'s', async () => {
        await initBackend('cpu');
        const ours = adam(0.01);
        const theirs = tf.train.adam(0.01);
        assert.deepEqual(ours.getConfig(), theirs.getConfig());
        assert.equal((ours.constructor as unknown as { className: string }).className, 'Adam');
        ours.dispose();
        theirs.dispose();
    });

    it('restores from saved weights and continues like tf.train.adam (wasm)', async () => {
        await initBackend('wasm');
        const before = tf.memory().numTensors;
        const shape = [40, 7];
        const run = async (make: () => tf.AdamOptimizer, tag: string): Promise<Float32Array> => {
            const w = tf.tidy(() => tf.variable(tf.tensor(values(280, 3), shape), true, `${tag}-w`));
            const first = make();
            const g = (s: number): tf.NamedTensorMap => ({ [w.name]: tf.tensor(values(280, 50 + s), shape) });
            for (let s = 0; s < 3; s++) { const m = g(s); first.applyGradients(m as Parameters<tf.AdamOptimizer['applyGradients']>[0]); tf.dispose(Object.values(m)); }
            const saved = await first.getWeights();
            const second = make();
            const copies = saved.map(x => ({ name: x.name, tensor: x.tensor.clone() }));
            await second.setWeights(copies);
            tf.dispose([saved[0].tensor, ...copies.map(c => c.tensor)]);
            first.dispose();
            for (let s = 3; s < 6; s++) { const m = g(s); second.applyGradients(m as Parameters<tf.AdamOptimizer['applyGradients']>[0]); tf.dispose(Object.values(m)); }
            second.dispose();
            const out = w.dataSync() as Float32Array;
            w.dispose();
            return out;
        };
        const a = await run(() => tf.train.adam(1e-2, 0.5), 'restore-ref');
        const b = await run(() => adam(1e-2, 0.5), 'restore-fused');
        assert.ok(maxAbsDiff(b, a) <= 1.2e-7, `restored run differs by ${maxAbsDiff(b, a)}`);
        assert.equal(tf.memory().numTensors, before, 'no tensors leaked');
    });

    it('falls back to tfjs\' op graph where the kernel is not registered', async () => {
        await initBackend('cpu');
        const reference = await train(tf.train.adam(2e-3, 0.5), 'fallback-ref');
        const kernel = tf.getKernel(ADAM_UPDATE, 'cpu')!;
        tf.unregisterKernel(ADAM_UPDATE, 'cpu');
        try {
            assert.ok(!FusedAdamOptimizer.fusedOnCurrentBackend());
            const fused = await train(new FusedAdamOptimizer(2e-3, 0.5), 'fallback-fused');
            assertSame(fused, reference, true, 'fallback');
        } finally {
            tf.registerKernel(kernel);
        }
    });
});
