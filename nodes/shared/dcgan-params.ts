/** Parameters the DCGAN model nodes share (same names, ranges and meaning on both models). */
import type { ParamSpec } from '../../catalog/src/schema.js';

export const imageSize = { name: 'imageSize', type: 'INT', choices: [28, 32, 64], description: 'Width and height of the images (28, 32 or 64).' } as const satisfies ParamSpec;

export const channels = { name: 'channels', type: 'INT', choices: [1, 3], description: '1 for grayscale, 3 for RGB.' } as const satisfies ParamSpec;

export const filters = { name: 'filters', type: 'INT', min: 4, max: 512, default: 64, description: 'Width of the convolution stack (filters of the layer nearest the image).' } as const satisfies ParamSpec;

export const classes = {
    name: 'classes', type: 'INT', min: 0, max: 1000, default: 0,
    description: 'Classes to condition on (a class-conditional GAN trained on the dataset\'s labels; SampleGAN then picks the class of each image). 0: unconditional. Give the generator and the discriminator the same value.',
} as const satisfies ParamSpec;
