import type { NodeSchema } from '../schema.js';

export const LoadMNIST: NodeSchema = {
    name: 'LoadMNIST',
    category: 'data',
    description: 'Real handwritten digits (28x28, 1 channel, labels 0-9) from the `mnist` package, bundled offline.',
    inputs: [],
    params: [
        { name: 'limit', type: 'INT', min: 1, max: 10000, default: 10000, description: 'How many digits to load (of 10,000).' },
        {
            name: 'digits', type: 'LIST', optional: true, item: { type: 'INT', min: 0, max: 9 }, minItems: 1, maxItems: 10,
            description: 'Keep only these digit classes (all ten when absent).',
        },
    ],
    outputs: [{ name: 'dataset', type: 'DATASET', description: 'Images in [0, 1], shape [n, 28, 28, 1], with labels.', fixedProperties: { width: 28, height: 28, channels: 1 } }],
    version: 1,
};

export const LoadImages: NodeSchema = {
    name: 'LoadImages',
    category: 'data',
    description: 'PNG and JPEG images from a folder (relative to the .flow file); labels come from sub-folder names. All images must share one size (a dataset holds one image size; mixed folders are refused, naming two files that differ).',
    inputs: [],
    params: [
        { name: 'path', type: 'STRING', description: 'Folder to read, relative to the .flow file.' },
        { name: 'recursive', type: 'BOOLEAN', default: true, description: 'Descend into sub-folders (their names become labels).' },
        { name: 'limit', type: 'INT', min: 1, optional: true, description: 'Load at most this many images (all when absent).' },
        { name: 'skipUnreadable', type: 'BOOLEAN', default: false, description: 'Skip files that cannot be decoded, with one warning listing them (otherwise the first one stops the run, naming it).' },
    ],
    outputs: [{ name: 'dataset', type: 'DATASET', description: 'Images in [0, 1], shape [n, h, w, c], labels from folders.' }],
    version: 1,
};

export const SyntheticShapes: NodeSchema = {
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
        name: 'dataset', type: 'DATASET', description: 'RGB images in [0, 1], shape [count, size, size, 3], labels 0=circle 1=square 2=triangle.',
        properties: { width: 'size', height: 'size' }, fixedProperties: { channels: 3 },
    }],
    version: 1,
};
