/** Resize: every image of a dataset to width x height. */
import * as tf from '@tensorflow/tfjs-core';
import { intArg, strArg } from './args.js';
import { datasetInput, withImages } from './common.js';
import type { NodeImpl } from './types.js';

export function resizeImages(images: tf.Tensor4D, height: number, width: number, mode: string): tf.Tensor4D {
    return mode === 'nearest'
        ? tf.image.resizeNearestNeighbor(images, [height, width], false, true)
        : tf.image.resizeBilinear(images, [height, width], false, true);
}

export const Resize: NodeImpl = {
    type: 'Resize',
    async run(_ctx, inputs, params) {
        const dataset = datasetInput(inputs);
        const images = resizeImages(dataset.images, intArg(params, 'height'), intArg(params, 'width'), strArg(params, 'mode'));
        return { dataset: withImages(dataset, images) };
    },
};
