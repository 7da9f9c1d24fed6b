/** LATENT: a batch of latent images (ComfyUI's `{"samples": …}`), what KSampler denoises. */
import { defineWireType } from '../catalog/src/define.js';
import type { WireTypeEngine } from '../engine/src/wire-type-engine.js';
import type { Latent } from '../engine/src/diffusion/contracts.js';

declare module '../catalog/src/define.js' {
    interface WireValues { LATENT: Latent }
}

interface Stored { shape: number[]; samples: string; maskShape?: number[]; noiseMask?: string; empty?: { width: number; height: number } }

const engine: WireTypeEngine<Latent, Stored> = {
    async save(value, io) {
        const samples = await value.samples.data() as Float32Array;
        const stored: Stored = { shape: value.samples.shape, samples: io.writeArray('samples.f32', samples), ...(value.empty ? { empty: value.empty } : {}) };
        let bytes = samples.byteLength;
        if (value.noiseMask) {
            const mask = await value.noiseMask.data() as Float32Array;
            stored.maskShape = value.noiseMask.shape;
            stored.noiseMask = io.writeArray('noise-mask.f32', mask);
            bytes += mask.byteLength;
        }
        return { stored, bytes };
    },
    async load(stored, io) {
        const samples = io.tf.tensor4d(io.readFloats(stored.samples), stored.shape as [number, number, number, number]);
        const noiseMask = stored.noiseMask && stored.maskShape
            ? io.tf.tensor4d(io.readFloats(stored.noiseMask), stored.maskShape as [number, number, number, number])
            : undefined;
        return { kind: 'LATENT', samples, ...(noiseMask ? { noiseMask } : {}), ...(stored.empty ? { empty: stored.empty } : {}) };
    },
    dispose(value) {
        value.samples.dispose();
        value.noiseMask?.dispose();
    },
};

export const wireType = defineWireType({
    name: 'LATENT',
    color: '#ff9cf9',
    description: 'A batch of latent images: EmptyLatentImage or VAEEncode make them, KSampler denoises them, VAEDecode turns them into images.',
    engine,
});
