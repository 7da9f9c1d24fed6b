/** IMAGE: a batch of images with pixels in [0, 1], what samplers make and savers write. */
import type * as tf from '@tensorflow/tfjs-core';
import { defineWireType } from '../catalog/src/define.js';
import type { WireTypeEngine } from '../engine/src/wire-type-engine.js';

export interface Images {
    kind: 'IMAGE';
    /** [n, h, w, c] in [0, 1]. */
    images: tf.Tensor4D;
}

declare module '../catalog/src/define.js' {
    interface WireValues { IMAGE: Images }
}

interface Stored { shape: number[]; images: string }

const engine: WireTypeEngine<Images, Stored> = {
    async save(value, io) {
        const data = await value.images.data() as Float32Array;
        return { stored: { shape: value.images.shape, images: io.writeArray('images.f32', data) }, bytes: data.byteLength };
    },
    async load(stored, io) {
        return { kind: 'IMAGE', images: io.tf.tensor4d(io.readFloats(stored.images), stored.shape as [number, number, number, number]) };
    },
    dispose: value => value.images.dispose(),
};

export const wireType = defineWireType({
    name: 'IMAGE',
    color: '#64b5f6',
    description: 'A batch of images with pixels in [0, 1].',
    engine,
});
