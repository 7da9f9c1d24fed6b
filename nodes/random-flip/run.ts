/** RandomFlip: mirrors a seeded random half of the images horizontally. */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../engine/src/util/rng.js';
import { withImages } from '../../engine/src/nodes/common.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';

export const node = defineNode(schema, {
    async run(_ctx, inputs, params) {
        const dataset = inputs.dataset;
        const rng = createRng(params.seed);
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
});
