import { defineSchema } from '../../catalog/src/define.js';

export const schema = defineSchema({
    name: 'SyntheticShapes',
    category: 'data',
    description: 'Procedurally drawn, labeled shapes (circle, square, triangle) in color on dark backgrounds; deterministic for a seed.',
    inputs: [],
    params: [
        { name: 'count', type: 'INT', min: 1, max: 100000, default: 1024, description: 'Number of images.' },
        { name: 'size', type: 'INT', min: 8, max: 256, default: 32, description: 'Width and height in pixels.' },
        { name: 'seed', type: 'INT', min: 0, default: 0, description: 'Random seed.' },
    ],
    outputs: [{
        name: 'dataset', type: 'DATASET', description: 'RGB images in [0, 1], shape [count, size, size, 3], labels 0=circle 1=square 2=triangle, captions naming size, colour, shape, position and background ("a large red circle at the top left on a dark blue background").',
        properties: { width: 'size', height: 'size' }, fixedProperties: { channels: 3 },
    }],
    version: 2,
});
