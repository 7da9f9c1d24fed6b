import { defineSchema } from '../../catalog/src/define.js';
import { SAMPLER_PARAMS } from '../shared/comfy-sampling.js';

export const schema = defineSchema({
    name: 'KSamplerAdvanced',
    category: 'sampling',
    description: 'KSampler with control over the steps: run only steps start_at_step..end_at_step of the schedule, with or without adding noise first and keeping the leftover noise (to chain samplers), as in ComfyUI.',
    inputs: [
        { name: 'model', type: 'MODEL', description: 'The diffusion model.' },
        { name: 'positive', type: 'CONDITIONING', description: 'What the image should show.' },
        { name: 'negative', type: 'CONDITIONING', description: 'What it should not.' },
        { name: 'latent_image', type: 'LATENT', description: 'The latent to denoise.' },
    ],
    params: [
        { name: 'add_noise', type: 'STRING', choices: ['enable', 'disable'], default: 'enable', description: 'Add the seed\'s noise first (disable for a latent that still carries noise).' },
        { name: 'noise_seed', type: 'INT', min: 0, default: 0, description: 'Seed of the noise.' },
        { name: 'steps', type: 'INT', min: 1, max: 10000, default: 20, description: 'Steps of the whole schedule.' },
        { name: 'cfg', type: 'FLOAT', min: 0, max: 100, default: 8, description: 'Guidance scale.' },
        ...SAMPLER_PARAMS,
        { name: 'start_at_step', type: 'INT', min: 0, max: 10000, default: 0, description: 'First step to run.' },
        { name: 'end_at_step', type: 'INT', min: 0, max: 10000, default: 10000, description: 'Step to stop at.' },
        { name: 'return_with_leftover_noise', type: 'STRING', choices: ['disable', 'enable'], default: 'disable', description: 'Stop at end_at_step\'s noise level instead of denoising fully.' },
    ],
    outputs: [{ name: 'LATENT', type: 'LATENT', description: 'The latent after the steps run.' }],
    version: 1,
});
