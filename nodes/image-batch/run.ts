/** ImageBatch: concatenation along the batch; a size mismatch is resized (bilinear), a channel mismatch is an error. */
import * as tf from '@tensorflow/tfjs-core';
import { FlowError } from '../../engine/src/errors.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';

export const node = defineNode(schema, {
    async run(_ctx, inputs) {
        const a = inputs.image1.images;
        const b = inputs.image2.images;
        const [, h, w, c] = a.shape;
        if (b.shape[3] !== c) throw new FlowError(`image1 has ${c} channel(s) but image2 has ${b.shape[3]}`, 'shape-mismatch');
        const images = tf.tidy(() => {
            const fitted = b.shape[1] === h && b.shape[2] === w ? b : tf.image.resizeBilinear(b, [h, w]);
            return tf.concat([a, fitted], 0) as tf.Tensor4D;
        });
        return { IMAGE: { kind: 'IMAGE', images } };
    },
});
