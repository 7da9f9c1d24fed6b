/** MODEL: a denoising diffusion network with the noise schedule it was trained on (ComfyUI's MODEL). */
import { defineWireType } from '../catalog/src/define.js';
import type { WireTypeEngine } from '../engine/src/wire-type-engine.js';
import type { DiffusionModel } from '../engine/src/diffusion/contracts.js';
import type { StoredNetwork } from '../engine/src/diffusion/values/network-value-io.js';

declare module '../catalog/src/define.js' {
    interface WireValues { MODEL: DiffusionModel }
}

// Imported when a value is cached, never by the language server (which loads this file for the declaration).
const io = () => import('../engine/src/diffusion/values/network-value-io.js');

const engine: WireTypeEngine<DiffusionModel, StoredNetwork> = {
    save: async (value, valueIo) => (await io()).saveNetworkValue(value, valueIo),
    load: async (stored, valueIo) => (await io()).loadModelValue(stored, valueIo),
    dispose: value => value.dispose(),
};

export const wireType = defineWireType({
    name: 'MODEL',
    color: '#b39ddb',
    description: 'A diffusion model: the denoising U-Net and the noise schedule it was trained on (what KSampler samples with).',
    engine,
});
