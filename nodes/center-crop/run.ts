/** CenterCrop: the central width x height window of every image. */
import * as tf from '@tensorflow/tfjs-core';
import { FlowError } from '../../engine/src/errors.js';
import { withImages } from '../../engine/src/nodes/common.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';

export const node = defineNode(schema, {
    async run(_ctx, inputs, params) {
        const dataset = inputs.dataset;
        const width = params.width;
        const height = params.height;
        const [n, h, w, c] = dataset.images.shape;
        if (width > w || height > h) {
            throw new FlowError(`cannot crop ${width}x${height} from images of ${w}x${h} — use a crop no larger than the images, or Resize first`, 'size-mismatch');
        }
        const top = Math.floor((h - height) / 2);
        const left = Math.floor((w - width) / 2);
        const images = tf.slice(dataset.images, [0, top, left, 0], [n, height, width, c]);
        return { dataset: withImages(dataset, images) };
    },
});
