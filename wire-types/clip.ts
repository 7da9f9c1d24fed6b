/** CLIP: the text encoder that turns prompts into conditioning, with its vocabulary (ComfyUI's CLIP, whatever its architecture). */
import { defineWireType } from '../catalog/src/define.js';
import type { WireTypeEngine } from '../engine/src/wire-type-engine.js';
import type { TextEncoder } from '../engine/src/diffusion/contracts.js';
import type { StoredNetwork } from '../engine/src/diffusion/values/network-value-io.js';

declare module '../catalog/src/define.js' {
    interface WireValues { CLIP: TextEncoder }
}

const io = () => import('../engine/src/diffusion/values/network-value-io.js');

const engine: WireTypeEngine<TextEncoder, StoredNetwork> = {
    save: async (value, valueIo) => (await io()).saveNetworkValue(value, valueIo),
    load: async (stored, valueIo) => (await io()).loadClipValue(stored, valueIo),
    dispose: value => value.dispose(),
};

export const wireType = defineWireType({
    name: 'CLIP',
    color: '#ffd500',
    description: 'A text encoder: prompts to conditioning, with the vocabulary it was trained on (CLIPTextEncode uses it).',
    engine,
});
