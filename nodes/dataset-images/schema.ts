import { defineSchema } from '../../catalog/src/define.js';

export const schema = defineSchema({
    name: 'DatasetImages',
    category: 'image',
    description: 'Takes the first images of a dataset as images (to preview or save real data next to generated data).',
    inputs: [{ name: 'dataset', type: 'DATASET', description: 'The dataset.' }],
    params: [{ name: 'count', type: 'INT', min: 1, max: 1024, default: 16, description: 'Number of images.' }],
    outputs: [{ name: 'images', type: 'IMAGE', description: 'Images in [0, 1] (values outside are clipped).' }],
    version: 1,
});
