import { defineSchema } from '../../catalog/src/define.js';
import { channels, classes, filters, imageSize } from '../shared/dcgan-params.js';

export const schema = defineSchema({
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
});
