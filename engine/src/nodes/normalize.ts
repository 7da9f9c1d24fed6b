/** Normalize: maps pixel values linearly from the dataset's range (normally [0, 1]) to [low, high]. */
import * as tf from '@tensorflow/tfjs-core';
import { FlowError } from '../errors.js';
import { numArg } from './args.js';
import { datasetInput, withImages } from './common.js';
import type { NodeImpl } from './types.js';

export const Normalize: NodeImpl = {
    type: 'Normalize',
    async run(_ctx, inputs, params) {
        const dataset = datasetInput(inputs);
        const low = numArg(params, 'low');
        const high = numArg(params, 'high');
        if (low === high) throw new FlowError(`low and high are both ${low}: every pixel would get the same value`);
        const [lo, hi] = dataset.range;
        const scale = (high - low) / (hi - lo);
        const images = tf.tidy(() => tf.add(tf.mul(tf.sub(dataset.images, lo), scale), low) as tf.Tensor4D);
        return { dataset: withImages(dataset, images, [low, high]) };
    },
};
