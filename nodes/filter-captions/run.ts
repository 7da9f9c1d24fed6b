/** FilterCaptions: a caption filter; an empty result or a dataset without captions is an error that says why. */
import * as tf from '@tensorflow/tfjs-core';
import { FlowError } from '../../engine/src/errors.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';

export const node = defineNode(schema, {
    async run(_ctx, inputs, params) {
        const dataset = inputs.dataset;
        const captions = dataset.captions;
        if (!captions) throw new FlowError('the dataset has no captions to filter by (LoadMNIST, SyntheticShapes, LoadImages with caption files and Captions make them)', 'no-captions');
        const exclude = params.exclude.map(p => p.toLowerCase());
        const include = params.include?.map(p => p.toLowerCase());
        const kept: number[] = [];
        captions.forEach((caption, i) => {
            const text = caption.toLowerCase();
            if (exclude.some(p => text.includes(p))) return;
            if (include && !include.some(p => text.includes(p))) return;
            kept.push(i);
        });
        if (kept.length === 0) throw new FlowError(`no image of the ${captions.length} is left after filtering by captions`, 'empty-dataset');
        const index = tf.tensor1d(kept, 'int32');
        try {
            return {
                dataset: {
                    ...dataset,
                    images: tf.gather(dataset.images, index) as tf.Tensor4D,
                    labels: Int32Array.from(kept, i => dataset.labels[i]),
                    captions: kept.map(i => captions[i]),
                },
            };
        } finally {
            index.dispose();
        }
    },
});
