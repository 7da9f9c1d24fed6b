/** DatasetImages: the first images of a dataset, mapped back to [0, 1]. */
import * as tf from '@tensorflow/tfjs-core';
import { toUnitRange } from '../../engine/src/nodes/common.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';

export const node = defineNode(schema, {
    async run(_ctx, inputs, params) {
        const dataset = inputs.dataset;
        const [n, h, w, c] = dataset.images.shape;
        const count = Math.min(n, params.count);
        const images = tf.tidy(() => toUnitRange(tf.slice(dataset.images, [0, 0, 0, 0], [count, h, w, c]), dataset.range));
        return { images: { kind: 'IMAGE', images } };
    },
});
