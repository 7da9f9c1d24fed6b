/** VAE: maps images to latents and back (ComfyUI's VAE); Flow Studio's pixel VAE is exact. */
import { defineWireType } from '../catalog/src/define.js';
import type { WireTypeEngine } from '../engine/src/wire-type-engine.js';
import type { Vae } from '../engine/src/diffusion/contracts.js';
import type { StoredNetwork } from '../engine/src/diffusion/values/network-value-io.js';

declare module '../catalog/src/define.js' {
    interface WireValues { VAE: Vae }
}

const io = () => import('../engine/src/diffusion/values/network-value-io.js');

const engine: WireTypeEngine<Vae, StoredNetwork> = {
    save: async (value, valueIo) => (await io()).saveNetworkValue(value, valueIo),
    load: async (stored, valueIo) => (await io()).loadVaeValue(stored, valueIo),
    dispose: value => value.dispose(),
};

export const wireType = defineWireType({
    name: 'VAE',
    color: '#ff6e6e',
    description: 'An image autoencoder: VAEEncode maps images to latents, VAEDecode latents to images.',
    engine,
});
