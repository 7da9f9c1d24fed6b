import { defineSchema } from '../../catalog/src/define.js';

export const schema = defineSchema({
    name: 'TrainDiffusion',
    category: 'training',
    description: 'Trains a small text-to-image diffusion model from scratch on a captioned dataset: a U-Net and a transformer text encoder together (vocabulary from the captions), in pixel space through an exact pixel VAE. Reports the loss and preview grids of `previewPrompts` while it trains; resumes after a cancel.',
    inputs: [{ name: 'dataset', type: 'DATASET', description: 'Captioned images (LoadMNIST, SyntheticShapes, LoadImages with caption files, or Captions).' }],
    params: [
        { name: 'epochs', type: 'INT', min: 1, default: 1, description: 'Passes over the dataset.' },
        { name: 'maxSteps', type: 'INT', min: 1, optional: true, description: 'Stop after this many steps (all epochs when absent).' },
        { name: 'batchSize', type: 'INT', min: 1, max: 1024, default: 64, description: 'Images per step.' },
        { name: 'learningRate', type: 'FLOAT', min: 0, exclusiveMin: true, default: 0.002, description: 'Peak Adam learning rate (linear warm-up, then cosine decay to a tenth).' },
        { name: 'seed', type: 'INT', min: 0, default: 0, description: 'Seed of the initial weights, data order, timesteps and noise.' },
        { name: 'patch', type: 'INT', choices: [1, 2, 4], default: 2, description: 'Pixels folded into each latent pixel per side by the pixel VAE (2: the U-Net runs at half the resolution on the same information).' },
        { name: 'baseChannels', type: 'INT', min: 8, max: 512, default: 64, description: 'U-Net channels at the first resolution.' },
        { name: 'channelMult', type: 'LIST', item: { type: 'INT', min: 1, max: 8 }, minItems: 1, maxItems: 5, default: [1, 2], description: 'Channels per resolution as multiples of baseChannels; each level halves the size.' },
        { name: 'attentionLevels', type: 'LIST', item: { type: 'INT', min: 0, max: 4 }, maxItems: 5, default: [1], description: 'Levels with self- and cross-attention to the prompt (the middle block always has it).' },
        { name: 'textDim', type: 'INT', min: 8, max: 512, default: 64, description: 'Width of the text encoder.' },
        { name: 'textLayers', type: 'INT', min: 1, max: 12, default: 2, description: 'Transformer layers of the text encoder.' },
        { name: 'maxTokens', type: 'INT', min: 4, max: 256, default: 16, description: 'Tokens per prompt, with <bos> and <eos>.' },
        { name: 'schedule', type: 'STRING', choices: ['linear', 'cosine'], default: 'linear', description: 'Noise schedule of the 1000 training timesteps (linear: Stable Diffusion\'s scaled linear).' },
        { name: 'prediction', type: 'STRING', choices: ['v', 'eps'], default: 'v', description: 'What the U-Net predicts: v (velocity) or eps (the noise).' },
        { name: 'captionDropout', type: 'FLOAT', min: 0, max: 1, default: 0.1, description: 'Fraction of captions replaced by the empty prompt, so classifier-free guidance has an unconditional branch.' },
        { name: 'minSnrGamma', type: 'FLOAT', min: 0, default: 0, description: 'min-SNR-γ loss weighting (0: off, the plain v or eps loss, which weights the noisy steps where a prompt decides the image more: better prompt accuracy here, see ADR 0005).' },
        { name: 'ema', type: 'FLOAT', min: 0, max: 1, exclusiveMin: true, default: 0.999, description: 'Decay of the weight average that is returned.' },
        { name: 'previewEvery', type: 'INT', min: 0, default: 200, description: 'Sample a preview grid every N steps (0: never).' },
        {
            name: 'previewPrompts', type: 'LIST', item: { type: 'STRING' }, maxItems: 16, optional: true,
            description: 'Prompts of the preview grids (default: a few training captions).',
        },
    ],
    outputs: [
        { name: 'MODEL', type: 'MODEL', description: 'The trained U-Net (weight average).' },
        { name: 'CLIP', type: 'CLIP', description: 'The trained text encoder with the captions\' vocabulary.' },
        { name: 'VAE', type: 'VAE', description: 'The pixel VAE the model works in.' },
    ],
    metrics: [{ name: 'loss', label: 'Loss', chart: 'Loss' }],
    version: 1,
});
