import { defineSchema } from '../../catalog/src/define.js';

export const schema = defineSchema({
    name: 'Upscale',
    category: 'image',
    description: 'Enlarges images by an integer factor.',
    inputs: [{ name: 'images', type: 'IMAGE', description: 'Images to enlarge.' }],
    params: [
        { name: 'factor', type: 'INT', min: 1, max: 8, default: 2, description: 'Scale factor.' },
        { name: 'mode', type: 'STRING', choices: ['nearest', 'bilinear'], default: 'nearest', description: 'Interpolation.' },
    ],
    outputs: [{ name: 'images', type: 'IMAGE', description: 'The enlarged images.' }],
    version: 1,
});
