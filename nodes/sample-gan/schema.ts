import { defineSchema } from '../../catalog/src/define.js';

export const schema = defineSchema({
    name: 'SampleGAN',
    category: 'sampling',
    description: 'Generates images from a generator with latent noise drawn from a seed; a class-conditional generator makes the classes in `labels` (every class in turn by default).',
    inputs: [{ name: 'generator', type: 'GENERATOR', description: 'The generator to sample.' }],
    params: [
        { name: 'count', type: 'INT', min: 1, max: 1024, default: 16, description: 'Number of images.' },
        { name: 'seed', type: 'INT', min: 0, default: 0, description: 'Seed of the latent noise.' },
        {
            name: 'labels', type: 'LIST', item: { type: 'INT', min: 0, max: 999 }, minItems: 1, optional: true,
            indexInto: { input: 'generator', property: 'classes' },
            description: 'Class of each image, repeated to `count` (conditional generators only; a digit for LoadMNIST data). Absent: 0, 1, …, classes − 1 in turn.',
        },
    ],
    outputs: [{ name: 'images', type: 'IMAGE', description: 'Images in [0, 1].' }],
    version: 2,
});
