import { defineSchema } from '../../catalog/src/define.js';
import { channels, classes, filters, imageSize } from '../shared/dcgan-params.js';

export const schema = defineSchema({
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
});
