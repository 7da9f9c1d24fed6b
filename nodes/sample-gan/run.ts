/**
 * SampleGAN: images from a generator, latent noise drawn from a seed. A class-conditional
 * generator is given a label per image: the `labels` list repeated, or every class in turn, so
 * a grid with `classes` columns shows one class per column.
 */
import * as tf from '@tensorflow/tfjs-core';
import { FlowError } from '../../engine/src/errors.js';
import { modelInputs } from '../../engine/src/models/dcgan.js';
import { createRng, normalArray } from '../../engine/src/util/rng.js';
import type { Generator } from '../../engine/src/values.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';

const BATCH = 128;

/**
 * The label of each of `count` images for a generator with `classes` classes: `requested`
 * repeated, else 0, 1, …, classes − 1 in turn; undefined for an unconditional generator.
 */
export function sampleLabels(classes: number, count: number, requested?: readonly number[]): Float32Array | undefined {
    if (classes === 0) {
        if (requested?.length) throw new FlowError('labels were given but the generator is unconditional — build it with DCGANGenerator(classes: N) and train it on a labeled dataset', 'class-mismatch');
        return undefined;
    }
    const bad = requested?.find(l => l < 0 || l >= classes);
    if (bad !== undefined) throw new FlowError(`label ${bad} is out of range: the generator knows ${classes} classes (0..${classes - 1})`, 'class-mismatch');
    const cycle = requested?.length ? requested : Array.from({ length: classes }, (_, i) => i);
    return Float32Array.from({ length: count }, (_, i) => cycle[i % cycle.length]);
}

/** Runs the generator in inference mode on seeded noise (and labels) and maps tanh output to [0, 1]. */
export function sampleGenerator(generator: Pick<Generator, 'model' | 'latentDim'>, count: number, seed: number, labels?: Float32Array): tf.Tensor4D {
    const { model, latentDim } = generator;
    const noise = normalArray(count * latentDim, createRng(seed));
    const parts: tf.Tensor4D[] = [];
    for (let start = 0; start < count; start += BATCH) {
        const n = Math.min(BATCH, count - start);
        parts.push(tf.tidy(() => {
            const z = tf.tensor2d(noise.subarray(start * latentDim, (start + n) * latentDim), [n, latentDim]);
            const y = labels ? tf.tensor2d(labels.subarray(start, start + n), [n, 1]) : undefined;
            const out = model.predict(modelInputs(z, y)) as tf.Tensor4D;
            return tf.clipByValue(tf.div(tf.add(out, 1), 2), 0, 1) as tf.Tensor4D;
        }));
    }
    if (parts.length === 1) return parts[0];
    const all = tf.concat(parts, 0);
    parts.forEach(p => p.dispose());
    return all;
}

export const node = defineNode(schema, {
    async run(_ctx, inputs, params) {
        const generator = inputs.generator;
        const count = params.count;
        const labels = sampleLabels(generator.classes, count, params.labels);
        const images = sampleGenerator(generator, count, params.seed, labels);
        return { images: { kind: 'IMAGE', images } };
    },
});
