/** Upscale: enlarges images by an integer factor. */
import * as tf from '@tensorflow/tfjs-core';
import { resizeImages } from '../resize/run.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';

export const node = defineNode(schema, {
    async run(_ctx, inputs, params) {
        const { images } = inputs.images;
        const factor = params.factor;
        const [, h, w] = images.shape;
        const out = factor === 1 ? tf.clone(images) : resizeImages(images, h * factor, w * factor, params.mode);
        return { images: { kind: 'IMAGE', images: tf.tidy(() => tf.clipByValue(out, 0, 1) as tf.Tensor4D) } };
    },
});
