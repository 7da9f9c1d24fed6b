import type { NodeSchema } from '../schema.js';

const datasetIn = { name: 'dataset', type: 'DATASET', description: 'Images to transform.' } as const;
const datasetOut = { name: 'dataset', type: 'DATASET', description: 'The transformed images (labels kept).', propertiesOf: 'dataset' } as const;
/** Resize and CenterCrop set the size; the channels stay those of the input. */
const sizedOut = { ...datasetOut, properties: { width: 'width', height: 'height' } } as const;

export const Resize: NodeSchema = {
    name: 'Resize',
    category: 'preprocess',
    description: 'Resizes every image of a dataset.',
    inputs: [datasetIn],
    params: [
        { name: 'width', type: 'INT', min: 1, max: 4096, description: 'Target width in pixels.' },
        { name: 'height', type: 'INT', min: 1, max: 4096, description: 'Target height in pixels.' },
        { name: 'mode', type: 'STRING', choices: ['bilinear', 'nearest'], default: 'bilinear', description: 'Interpolation.' },
    ],
    outputs: [sizedOut],
    version: 1,
};

export const CenterCrop: NodeSchema = {
    name: 'CenterCrop',
    category: 'preprocess',
    description: 'Crops the center of every image to width x height (no larger than the image).',
    inputs: [datasetIn],
    params: [
        { name: 'width', type: 'INT', min: 1, max: 4096, description: 'Crop width in pixels.' },
        { name: 'height', type: 'INT', min: 1, max: 4096, description: 'Crop height in pixels.' },
    ],
    outputs: [sizedOut],
    version: 1,
};

export const Normalize: NodeSchema = {
    name: 'Normalize',
    category: 'preprocess',
    description: 'Maps pixel values from [0, 1] linearly to [low, high] (GANs with tanh outputs want [-1, 1]).',
    inputs: [datasetIn],
    params: [
        { name: 'low', type: 'FLOAT', default: -1, description: 'Value that black maps to.' },
        { name: 'high', type: 'FLOAT', default: 1, description: 'Value that white maps to.' },
    ],
    outputs: [datasetOut],
    version: 1,
};

export const RandomFlip: NodeSchema = {
    name: 'RandomFlip',
    category: 'preprocess',
    description: 'Mirrors a random half of the images horizontally (data augmentation); deterministic for a seed.',
    inputs: [datasetIn],
    params: [{ name: 'seed', type: 'INT', min: 0, default: 0, description: 'Random seed.' }],
    outputs: [datasetOut],
    version: 1,
};
