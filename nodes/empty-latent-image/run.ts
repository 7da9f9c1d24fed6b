/** EmptyLatentImage: zeros at pixel size; KSampler and VAEDecode give them the latent shape of their model (resolveLatent). */
import * as tf from '@tensorflow/tfjs-core';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';

export const node = defineNode(schema, {
    async run(_ctx, _inputs, params) {
        const { width, height, batch_size } = params;
        return { LATENT: { kind: 'LATENT', samples: tf.zeros([batch_size, height, width, 1]) as tf.Tensor4D, empty: { width, height } } };
    },
});
