/** VAEEncode: images to latents; a size or channel count the VAE cannot take is a clear error. */
import { FlowError } from '../../engine/src/errors.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';

export const node = defineNode(schema, {
    async run(_ctx, inputs) {
        const { vae } = inputs;
        try {
            return { LATENT: { kind: 'LATENT', samples: vae.encode(inputs.pixels.images) } };
        } catch (e) {
            throw new FlowError((e as Error).message, 'shape-mismatch');
        }
    },
});
