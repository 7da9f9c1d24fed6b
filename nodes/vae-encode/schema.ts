import { defineSchema } from '../../catalog/src/define.js';

export const schema = defineSchema({
    name: 'VAEEncode',
    category: 'sampling',
    description: 'Turns images into latents with a VAE (for img2img: VAEEncode, then KSampler with denoise below 1).',
    inputs: [
        { name: 'pixels', type: 'IMAGE', description: 'Images in [0, 1] with the VAE\'s channels.' },
        { name: 'vae', type: 'VAE', description: 'The VAE of the model that will sample them.' },
    ],
    params: [],
    outputs: [{ name: 'LATENT', type: 'LATENT', description: 'The latents.' }],
    version: 1,
});
