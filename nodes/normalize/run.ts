/** Normalize: maps pixel values linearly from the dataset's range (normally [0, 1]) to [low, high]. */
import * as tf from '@tensorflow/tfjs-core';
import { FlowError } from '../../engine/src/errors.js';
import { withImages } from '../../engine/src/nodes/common.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';

export const node = defineNode(schema, {
    async run(_ctx, inputs, params) {
        const dataset = inputs.dataset;
        const low = params.low;
        const high = params.high;
        if (low === high) throw new FlowError(`low and high are both ${low}: every pixel would get the same value`);
        const [lo, hi] = dataset.range;
        const scale = (high - low) / (hi - lo);
        const images = tf.tidy(() => tf.add(tf.mul(tf.sub(dataset.images, lo), scale), low) as tf.Tensor4D);
        return { dataset: withImages(dataset, images, [low, high]) };
    },
});
