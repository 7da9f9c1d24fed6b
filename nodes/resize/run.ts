/** Resize: every image of a dataset to width x height. */
import * as tf from '@tensorflow/tfjs-core';
import { withImages } from '../../engine/src/nodes/common.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';

export function resizeImages(images: tf.Tensor4D, height: number, width: number, mode: string): tf.Tensor4D {
    return mode === 'nearest'
        ? tf.image.resizeNearestNeighbor(images, [height, width], false, true)
        : tf.image.resizeBilinear(images, [height, width], false, true);
}

export const node = defineNode(schema, {
    async run(_ctx, inputs, params) {
        const dataset = inputs.dataset;
        const images = resizeImages(dataset.images, params.height, params.width, params.mode);
        return { dataset: withImages(dataset, images) };
    },
});
