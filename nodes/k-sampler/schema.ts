import { defineSchema } from '../../catalog/src/define.js';
import { SAMPLER_PARAMS } from '../shared/comfy-sampling.js';

export const schema = defineSchema({
    name: 'KSampler',
    category: 'sampling',
    description: 'Denoises a latent with a diffusion model, guided by a positive and a negative conditioning (classifier-free guidance: uncond + cfg · (cond − uncond)), as ComfyUI\'s KSampler.',
    inputs: [
        { name: 'model', type: 'MODEL', description: 'The diffusion model.' },
        { name: 'positive', type: 'CONDITIONING', description: 'What the image should show.' },
        { name: 'negative', type: 'CONDITIONING', description: 'What it should not (an empty prompt is the unconditional branch).' },
        { name: 'latent_image', type: 'LATENT', description: 'The latent to denoise (EmptyLatentImage, or VAEEncode for img2img).' },
    ],
    params: [
        { name: 'seed', type: 'INT', min: 0, default: 0, description: 'Seed of the noise (the same seed gives the same images).' },
        { name: 'steps', type: 'INT', min: 1, max: 10000, default: 20, description: 'Sampling steps.' },
        { name: 'cfg', type: 'FLOAT', min: 0, max: 100, default: 8, description: 'Guidance scale; 1 uses the positive prompt alone.' },
        ...SAMPLER_PARAMS,
        { name: 'denoise', type: 'FLOAT', min: 0, max: 1, default: 1, description: 'How much of the schedule to run: 1 from pure noise, less keeps more of the input latent (img2img), 0 returns it.' },
    ],
    outputs: [{ name: 'LATENT', type: 'LATENT', description: 'The denoised latent.' }],
    version: 1,
});
