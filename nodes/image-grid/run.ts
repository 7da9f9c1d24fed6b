/** ImageGrid: tiles a batch of images into one contact sheet. */
import * as tf from '@tensorflow/tfjs-core';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';

/** A [1, H, W, c] grid of the images, `columns` per row (square when absent), `padding` black pixels between. */
export function makeGrid(images: tf.Tensor4D, columns?: number, padding = 2): tf.Tensor4D {
    const [n, h, w, c] = images.shape;
    const cols = Math.max(1, Math.min(n, columns ?? Math.ceil(Math.sqrt(n))));
    const rows = Math.ceil(n / cols);
    return tf.tidy(() => {
        // Fill the last row with blank tiles, pad every tile on its right and bottom, then
        // reshape/transpose [rows, cols, h, w, c] into [rows*h, cols*w, c].
        const blanks = rows * cols - n;
        const full = blanks > 0 ? tf.concat([images, tf.zeros([blanks, h, w, c])], 0) : images;
        const padded = tf.pad(full, [[0, 0], [0, padding], [0, padding], [0, 0]]);
        const ph = h + padding, pw = w + padding;
        const sheet = tf.reshape(tf.transpose(tf.reshape(padded, [rows, cols, ph, pw, c]), [0, 2, 1, 3, 4]), [rows * ph, cols * pw, c]);
        // Drop the trailing padding so the grid has padding only between tiles.
        const trimmed = tf.slice(sheet, [0, 0, 0], [rows * ph - padding, cols * pw - padding, c]);
        return tf.expandDims(trimmed, 0) as tf.Tensor4D;
    });
}

export const node = defineNode(schema, {
    async run(_ctx, inputs, params) {
        const { images } = inputs.images;
        const grid = makeGrid(images, params.columns, params.padding);
        return { image: { kind: 'IMAGE', images: grid } };
    },
});
