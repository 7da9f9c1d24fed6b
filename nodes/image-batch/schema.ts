import { defineSchema } from '../../catalog/src/define.js';

export const schema = defineSchema({
    name: 'ImageBatch',
    category: 'image',
    description: 'Joins two batches of images into one (image2 after image1), resizing image2 to image1\'s size when they differ, as ComfyUI\'s ImageBatch.',
    inputs: [
        { name: 'image1', type: 'IMAGE', description: 'First images.' },
        { name: 'image2', type: 'IMAGE', description: 'Images appended after them.' },
    ],
    params: [],
    outputs: [{ name: 'IMAGE', type: 'IMAGE', description: 'All images.' }],
    version: 1,
});
