import { defineSchema } from '../../catalog/src/define.js';

export const schema = defineSchema({
    name: 'PreviewImage',
    category: 'output',
    description: 'Shows images in the editor (temporary PNGs); nothing is saved.',
    inputs: [{ name: 'images', type: 'IMAGE', description: 'Images to show.' }],
    params: [],
    outputs: [],
    isOutput: true,
    version: 1,
});
