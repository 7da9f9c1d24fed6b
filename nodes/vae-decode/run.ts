/** VAEDecode: latents to images in [0, 1]. */
import { resolveLatent } from '../shared/diffusion-sampling.js';
import { FlowError } from '../../engine/src/errors.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';

export const node = defineNode(schema, {
    async run(_ctx, inputs) {
        const { vae } = inputs;
        const samples = resolveLatent(inputs.samples, vae.downscale, vae.latentChannels);
        try {
            const c = samples.shape[3];
            if (c !== vae.latentChannels) {
                throw new FlowError(`the latents have ${c} channels but this VAE decodes ${vae.latentChannels} — use the VAE of the checkpoint that made them`, 'shape-mismatch');
            }
            return { IMAGE: { kind: 'IMAGE', images: vae.decode(samples) } };
        } finally {
            samples.dispose();
        }
    },
});
