import type { NodeSchema, ParamSpec } from '../schema.js';

const imageSize: ParamSpec = { name: 'imageSize', type: 'INT', choices: [28, 32, 64], description: 'Width and height of the images (28, 32 or 64).' };
const channels: ParamSpec = { name: 'channels', type: 'INT', choices: [1, 3], description: '1 for grayscale, 3 for RGB.' };
const filters: ParamSpec = { name: 'filters', type: 'INT', min: 4, max: 512, default: 64, description: 'Width of the convolution stack (filters of the layer nearest the image).' };
const classes: ParamSpec = {
    name: 'classes', type: 'INT', min: 0, max: 1000, default: 0,
    description: 'Classes to condition on (a class-conditional GAN trained on the dataset\'s labels; SampleGAN then picks the class of each image). 0: unconditional. Give the generator and the discriminator the same value.',
};

export const DCGANGenerator: NodeSchema = {
    name: 'DCGANGenerator',
    category: 'model',
    description: 'A fresh (untrained) DCGAN generator: dense projection, then stride-2 transposed convolutions with batch norm and LeakyReLU, tanh output in [-1, 1]. Class-conditional when classes > 0.',
    inputs: [],
    params: [
        { name: 'latentDim', type: 'INT', min: 1, max: 1024, default: 100, description: 'Size of the random latent vector.' },
        imageSize, channels, filters, classes,
    ],
    outputs: [{
        name: 'generator', type: 'GENERATOR', description: 'The generator model.',
        properties: { latentDim: 'latentDim', imageSize: 'imageSize', width: 'imageSize', height: 'imageSize', channels: 'channels', classes: 'classes' },
    }],
    version: 2,
};

export const DCGANDiscriminator: NodeSchema = {
    name: 'DCGANDiscriminator',
    category: 'model',
    description: 'A fresh DCGAN discriminator: stride-2 convolutions with LeakyReLU, then one logit (real vs. fake), plus a class projection when conditional.',
    inputs: [],
    params: [imageSize, channels, filters, classes],
    outputs: [{
        name: 'discriminator', type: 'DISCRIMINATOR', description: 'The discriminator model.',
        properties: { imageSize: 'imageSize', width: 'imageSize', height: 'imageSize', channels: 'channels', classes: 'classes' },
    }],
    version: 2,
};

export const SaveGenerator: NodeSchema = {
    name: 'SaveGenerator',
    category: 'output',
    description: 'Saves a generator in TensorFlow.js layers format (model.json + weights) under the output folder.',
    inputs: [{ name: 'generator', type: 'GENERATOR', description: 'The generator to save.' }],
    params: [{ name: 'path', type: 'STRING', withinOutput: true, description: 'Folder name, relative to the output folder.' }],
    outputs: [],
    isOutput: true,
    version: 1,
};

export const LoadGenerator: NodeSchema = {
    name: 'LoadGenerator',
    category: 'model',
    description: 'Loads a generator saved by SaveGenerator (TensorFlow.js layers format); path relative to the .flow file.',
    inputs: [],
    params: [{ name: 'path', type: 'STRING', description: 'Folder holding model.json, relative to the .flow file.' }],
    outputs: [{ name: 'generator', type: 'GENERATOR', description: 'The loaded generator.' }],
    version: 1,
};
