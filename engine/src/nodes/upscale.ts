/** Upscale: enlarges images by an integer factor. */
import * as tf from '@tensorflow/tfjs-core';
import { intArg, strArg } from './args.js';
import { imagesInput } from './common.js';
import { resizeImages } from './resize.js';
import type { NodeImpl } from './types.js';

export const Upscale: NodeImpl = {
    type: 'Upscale',
    async run(_ctx, inputs, params) {
        const { images } = imagesInput(inputs);
        const factor = intArg(params, 'factor');
        const [, h, w] = images.shape;
        const out = factor === 1 ? tf.clone(images) : resizeImages(images, h * factor, w * factor, strArg(params, 'mode'));
        return { images: { kind: 'IMAGE', images: tf.tidy(() => tf.clipByValue(out, 0, 1) as tf.Tensor4D) } };
    },
};
