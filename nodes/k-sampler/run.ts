/** KSampler: ComfyUI's sampler maths (engine/src/diffusion/sampling) on the model, with progress per step. */
import { runKSampler } from '../shared/diffusion-sampling.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';

export const node = defineNode(schema, {
    async run(ctx, inputs, params) {
        const LATENT = await runKSampler(ctx, {
            model: inputs.model, seed: params.seed, steps: params.steps, cfg: params.cfg, samplerName: params.sampler_name, scheduler: params.scheduler,
            positive: inputs.positive, negative: inputs.negative, latent: inputs.latent_image, denoise: params.denoise,
        });
        return { LATENT };
    },
});
