import { defineSchema } from '../../catalog/src/define.js';

export const schema = defineSchema({
    name: 'TrainGAN',
    category: 'training',
    description: 'Trains a generator against a discriminator on a dataset (Adam, non-saturating GAN loss); class-conditional models learn the dataset\'s labels. Reports losses and preview grids while it trains.',
    inputs: [
        { name: 'generator', type: 'GENERATOR', description: 'Generator to train (it is copied, the input stays untouched).' },
        { name: 'discriminator', type: 'DISCRIMINATOR', description: 'Discriminator to train against.' },
        { name: 'dataset', type: 'DATASET', description: 'Real images, normalized to [-1, 1], of the models\' size.' },
    ],
    params: [
        { name: 'epochs', type: 'INT', min: 1, default: 1, description: 'Passes over the dataset.' },
        { name: 'batchSize', type: 'INT', min: 1, max: 4096, default: 64, description: 'Images per step.' },
        { name: 'learningRate', type: 'FLOAT', min: 0, exclusiveMin: true, default: 0.0002, description: 'Adam learning rate.' },
        { name: 'beta1', type: 'FLOAT', min: 0, max: 1, default: 0.5, description: 'Adam beta1.' },
        { name: 'seed', type: 'INT', min: 0, default: 0, description: 'Random seed (shuffling and latent noise).' },
        { name: 'previewEvery', type: 'INT', min: 0, default: 100, description: 'Emit a preview sample grid every N steps (0: never).' },
        { name: 'maxSteps', type: 'INT', min: 1, optional: true, description: 'Stop after this many steps (all epochs when absent).' },
    ],
    outputs: [
        { name: 'generator', type: 'GENERATOR', description: 'The trained generator: a moving average of its weights over training (smoother samples), with batch-norm statistics re-estimated.', propertiesOf: 'generator' },
        { name: 'discriminator', type: 'DISCRIMINATOR', description: 'The trained discriminator.', propertiesOf: 'discriminator' },
    ],
    agreements: [
        { inputs: ['generator', 'discriminator'], properties: ['imageSize', 'channels', 'classes'] },
        // The dataset's images must have the generator's size and channels (MNIST is 28 x 28 x 1; Resize changes sizes).
        { inputs: ['generator', 'dataset'], properties: ['width', 'height', 'channels'] },
    ],
    metrics: [{ name: 'dLoss', label: 'D loss', chart: 'Loss' }, { name: 'gLoss', label: 'G loss', chart: 'Loss' }],
    version: 1,
});
