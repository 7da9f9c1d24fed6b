import { defineSchema } from '../../catalog/src/define.js';

export const schema = defineSchema({
    name: 'EmptyLatentImage',
    category: 'sampling',
    description: 'A batch of empty (all-zero) latents for images of the given size in pixels, as in ComfyUI; their latent shape follows from the model KSampler uses.',
    inputs: [],
    params: [
        { name: 'width', type: 'INT', min: 1, max: 4096, default: 28, description: 'Image width in pixels (a multiple of the VAE\'s downscale times the U-Net\'s size step).' },
        { name: 'height', type: 'INT', min: 1, max: 4096, default: 28, description: 'Image height in pixels.' },
        { name: 'batch_size', type: 'INT', min: 1, max: 4096, default: 1, description: 'Number of latents (images).' },
    ],
    outputs: [{ name: 'LATENT', type: 'LATENT', description: 'Empty latents.' }],
    version: 1,
});
