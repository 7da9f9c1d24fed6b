/** MODEL: a denoising diffusion network with the noise schedule it was trained on (ComfyUI's MODEL). */
import { defineWireType } from '../catalog/src/define.js';
import type { WireTypeEngine } from '../engine/src/wire-type-engine.js';
import type { DiffusionModel } from '../engine/src/diffusion/contracts.js';

declare module '../catalog/src/define.js' {
    interface WireValues { MODEL: DiffusionModel }
}

const engine: WireTypeEngine<DiffusionModel, object> = {
    save: (value, io) => io.saveNetwork(value),
    load: async (stored, io) => io.loadNetwork('MODEL', stored),
    dispose: value => value.dispose(),
};

export const wireType = defineWireType({
    name: 'MODEL',
    color: '#b39ddb',
    description: 'A diffusion model: the denoising U-Net and the noise schedule it was trained on (what KSampler samples with).',
    engine,
});
