/** CONDITIONING: encoded prompts, a list of entries as in ComfyUI (ConditioningCombine concatenates lists). */
import { defineWireType } from '../catalog/src/define.js';
import type { WireTypeEngine } from '../engine/src/wire-type-engine.js';
import type { Conditioning } from '../engine/src/diffusion/contracts.js';

declare module '../catalog/src/define.js' {
    interface WireValues { CONDITIONING: Conditioning }
}

interface StoredEntry { text: string; strength: number; shape: number[]; context: string; mask: string }

const engine: WireTypeEngine<Conditioning, { entries: StoredEntry[] }> = {
    async save(value, io) {
        let bytes = 0;
        const entries: StoredEntry[] = [];
        for (const [i, e] of value.entries.entries()) {
            const context = await e.context.data() as Float32Array;
            const mask = await e.mask.data() as Float32Array;
            bytes += context.byteLength + mask.byteLength;
            entries.push({
                text: e.text, strength: e.strength, shape: e.context.shape,
                context: io.writeArray(`context${i}.f32`, context), mask: io.writeArray(`mask${i}.f32`, mask),
            });
        }
        return { stored: { entries }, bytes };
    },
    async load(stored, io) {
        return {
            kind: 'CONDITIONING',
            entries: stored.entries.map(e => ({
                text: e.text,
                strength: e.strength,
                context: io.tf.tensor3d(io.readFloats(e.context), e.shape as [number, number, number]),
                mask: io.tf.tensor2d(io.readFloats(e.mask), [e.shape[0], e.shape[1]]),
            })),
        };
    },
    dispose(value) {
        for (const e of value.entries) {
            e.context.dispose();
            e.mask.dispose();
        }
    },
};

export const wireType = defineWireType({
    name: 'CONDITIONING',
    color: '#ffa931',
    description: 'Encoded prompts (a list of entries, each with its text and strength) that guide KSampler.',
    engine,
});
