/** KSampler: ComfyUI's sampler maths (engine/src/diffusion/sampling) on the model, with progress per step. */
import { resolveLatent, sampleWithProgress } from '../shared/diffusion-sampling.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';

export const node = defineNode(schema, {
    async run(ctx, inputs, params) {
        const { model } = inputs;
        const samples = resolveLatent(inputs.latent_image, model.latentDownscale, model.channels);
        try {
            const out = await sampleWithProgress(ctx, {
                model, seed: params.seed, steps: params.steps, cfg: params.cfg, samplerName: params.sampler_name, scheduler: params.scheduler,
                positive: inputs.positive, negative: inputs.negative, latent: { ...inputs.latent_image, samples, empty: undefined }, denoise: params.denoise,
            });
            return { LATENT: { kind: 'LATENT', samples: out } };
        } finally {
            samples.dispose();
        }
    },
});
