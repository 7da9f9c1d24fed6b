import type { NodeSchema } from '../schema.js';

export const Upscale: NodeSchema = {
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
};

export const ImageGrid: NodeSchema = {
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
};

export const DatasetImages: NodeSchema = {
    name: 'DatasetImages',
    category: 'image',
    description: 'Takes the first images of a dataset as images (to preview or save real data next to generated data).',
    inputs: [{ name: 'dataset', type: 'DATASET', description: 'The dataset.' }],
    params: [{ name: 'count', type: 'INT', min: 1, max: 1024, default: 16, description: 'Number of images.' }],
    outputs: [{ name: 'images', type: 'IMAGE', description: 'Images in [0, 1] (values outside are clipped).' }],
    version: 1,
};
