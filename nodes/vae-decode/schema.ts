import { defineSchema } from '../../catalog/src/define.js';

export const schema = defineSchema({
    name: 'VAEDecode',
    category: 'sampling',
    description: 'Turns latents into images with a VAE.',
    inputs: [
        { name: 'samples', type: 'LATENT', description: 'The latents (from KSampler).' },
        { name: 'vae', type: 'VAE', description: 'The VAE the model was trained with.' },
    ],
    params: [],
    outputs: [{ name: 'IMAGE', type: 'IMAGE', description: 'Images in [0, 1].' }],
    version: 1,
});
