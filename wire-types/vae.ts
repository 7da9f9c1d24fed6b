/** VAE: maps images to latents and back (ComfyUI's VAE); Flow Studio's pixel VAE is exact. */
import { defineWireType } from '../catalog/src/define.js';
import type { WireTypeEngine } from '../engine/src/wire-type-engine.js';
import type { Vae } from '../engine/src/diffusion/contracts.js';

declare module '../catalog/src/define.js' {
    interface WireValues { VAE: Vae }
}

const engine: WireTypeEngine<Vae, object> = {
    save: (value, io) => io.saveNetwork(value),
    load: async (stored, io) => io.loadNetwork('VAE', stored),
    dispose: value => value.dispose(),
};

export const wireType = defineWireType({
    name: 'VAE',
    color: '#ff6e6e',
    description: 'An image autoencoder: VAEEncode maps images to latents, VAEDecode latents to images.',
    engine,
});
