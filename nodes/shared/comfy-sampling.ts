/**
 * KSampler's choice lists in ComfyUI's spellings and order (comfy/samplers.py KSampler.SAMPLERS
 * and SCHEDULERS, restricted to what the engine implements), kept free of TensorFlow.js so the
 * language server can offer them; the engine's sampler maths (sampling/samplers.ts,
 * schedulers.ts) takes its names from here, and TypeScript checks it handles each one.
 */
export const SAMPLER_NAMES = ['euler', 'euler_ancestral', 'heun', 'dpm_2', 'dpm_2_ancestral', 'lms', 'dpmpp_2m', 'ddpm', 'ddim'] as const;
/** The first is ComfyUI's default. */
export const SCHEDULER_NAMES = ['simple', 'sgm_uniform', 'karras', 'exponential', 'ddim_uniform', 'beta', 'normal'] as const;

export const SAMPLER_PARAMS = [
    { name: 'sampler_name', type: 'STRING', choices: SAMPLER_NAMES, default: 'euler', description: 'The integrator (ComfyUI\'s meanings: `ddim` is Euler, `*_ancestral` and `ddpm` add fresh noise each step).' },
    { name: 'scheduler', type: 'STRING', choices: SCHEDULER_NAMES, default: 'simple', description: 'How the noise levels (sigmas) of the steps are spaced.' },
] as const;
