/** KSamplerAdvanced: KSampler over a window of the schedule (ComfyUI's start/end step and leftover noise). */
import { runKSampler } from '../shared/diffusion-sampling.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';

export const node = defineNode(schema, {
    async run(ctx, inputs, params) {
        const LATENT = await runKSampler(ctx, {
            model: inputs.model, seed: params.noise_seed, steps: params.steps, cfg: params.cfg, samplerName: params.sampler_name, scheduler: params.scheduler,
            positive: inputs.positive, negative: inputs.negative, latent: inputs.latent_image,
            addNoise: params.add_noise === 'enable', startStep: params.start_at_step, endStep: params.end_at_step,
            returnWithLeftoverNoise: params.return_with_leftover_noise === 'enable',
        });
        return { LATENT };
    },
});
