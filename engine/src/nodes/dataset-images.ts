/** DatasetImages: the first images of a dataset, mapped back to [0, 1]. */
import * as tf from '@tensorflow/tfjs-core';
import { intArg } from './args.js';
import { datasetInput, toUnitRange } from './common.js';
import type { NodeImpl } from './types.js';

export const DatasetImages: NodeImpl = {
    type: 'DatasetImages',
    async run(_ctx, inputs, params) {
        const dataset = datasetInput(inputs);
        const [n, h, w, c] = dataset.images.shape;
        const count = Math.min(n, intArg(params, 'count'));
        const images = tf.tidy(() => toUnitRange(tf.slice(dataset.images, [0, 0, 0, 0], [count, h, w, c]), dataset.range));
        return { images: { kind: 'IMAGE', images } };
    },
};
