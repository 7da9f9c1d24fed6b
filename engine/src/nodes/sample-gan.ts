/** SampleGAN: images from a generator, latent noise drawn from a seed. */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { createRng, normalArray } from '../util/rng.js';
import { intArg } from './args.js';
import { generatorInput } from './common.js';
import type { NodeImpl } from './types.js';

const BATCH = 128;

/** Runs the generator in inference mode on seeded noise and maps tanh output to [0, 1]. */
export function sampleGenerator(model: LayersModel, latentDim: number, count: number, seed: number): tf.Tensor4D {
    const noise = normalArray(count * latentDim, createRng(seed));
    const parts: tf.Tensor4D[] = [];
    for (let start = 0; start < count; start += BATCH) {
        const n = Math.min(BATCH, count - start);
        parts.push(tf.tidy(() => {
            const z = tf.tensor2d(noise.subarray(start * latentDim, (start + n) * latentDim), [n, latentDim]);
            const out = model.predict(z) as tf.Tensor4D;
            return tf.clipByValue(tf.div(tf.add(out, 1), 2), 0, 1) as tf.Tensor4D;
        }));
    }
    if (parts.length === 1) return parts[0];
    const all = tf.concat(parts, 0);
    parts.forEach(p => p.dispose());
    return all;
}

export const SampleGAN: NodeImpl = {
    type: 'SampleGAN',
    async run(_ctx, inputs, params) {
        const generator = generatorInput(inputs);
        const images = sampleGenerator(generator.model, generator.latentDim, intArg(params, 'count'), intArg(params, 'seed'));
        return { images: { kind: 'IMAGE', images } };
    },
};
