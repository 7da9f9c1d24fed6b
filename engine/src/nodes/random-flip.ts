/** RandomFlip: mirrors a seeded random half of the images horizontally. */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../util/rng.js';
import { intArg } from './args.js';
import { datasetInput, withImages } from './common.js';
import type { NodeImpl } from './types.js';

export const RandomFlip: NodeImpl = {
    type: 'RandomFlip',
    async run(_ctx, inputs, params) {
        const dataset = datasetInput(inputs);
        const rng = createRng(intArg(params, 'seed'));
        const n = dataset.images.shape[0];
        const flags = new Float32Array(n);
        for (let i = 0; i < n; i++) flags[i] = rng.next() < 0.5 ? 1 : 0;
        const images = tf.tidy(() => {
            const mask = tf.tensor4d(flags, [n, 1, 1, 1]);
            const mirrored = tf.reverse(dataset.images, 2);
            return tf.add(tf.mul(mirrored, mask), tf.mul(dataset.images, tf.sub(1, mask))) as tf.Tensor4D;
        });
        return { dataset: withImages(dataset, images) };
    },
};
