import { defineSchema } from '../../catalog/src/define.js';

export const schema = defineSchema({
    name: 'ImageGrid',
    category: 'image',
    description: 'Tiles images into one grid image (a contact sheet).',
    inputs: [{ name: 'images', type: 'IMAGE', description: 'Images to tile.' }],
    params: [
        { name: 'columns', type: 'INT', min: 1, max: 256, optional: true, description: 'Images per row (a square grid when absent).' },
        { name: 'padding', type: 'INT', min: 0, max: 64, default: 2, description: 'Pixels between images.' },
    ],
    outputs: [{ name: 'image', type: 'IMAGE', description: 'One image holding the grid.' }],
    version: 1,
});
