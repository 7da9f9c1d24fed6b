/** CLIP: the text encoder that turns prompts into conditioning, with its vocabulary (ComfyUI's CLIP, whatever its architecture). */
import { defineWireType } from '../catalog/src/define.js';
import type { WireTypeEngine } from '../engine/src/wire-type-engine.js';
import type { TextEncoder } from '../engine/src/diffusion/contracts.js';

declare module '../catalog/src/define.js' {
    interface WireValues { CLIP: TextEncoder }
}

const engine: WireTypeEngine<TextEncoder, object> = {
    save: (value, io) => io.saveNetwork(value),
    load: async (stored, io) => io.loadNetwork('CLIP', stored),
    dispose: value => value.dispose(),
};

export const wireType = defineWireType({
    name: 'CLIP',
    color: '#ffd500',
    description: 'A text encoder: prompts to conditioning, with the vocabulary it was trained on (CLIPTextEncode uses it).',
    engine,
});
