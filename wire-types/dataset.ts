/** DATASET: images with a class label each (and the names of the classes), as loaded or transformed. */
import type * as tf from '@tensorflow/tfjs-core';
import { defineWireType } from '../catalog/src/define.js';
import type { WireTypeEngine } from '../engine/src/wire-type-engine.js';

export interface Dataset {
    kind: 'DATASET';
    /** [n, h, w, c] float32. */
    images: tf.Tensor4D;
    /** One class index per image. */
    labels: Int32Array;
    /** Class names by index (digits, folder names, shape names). */
    classNames: string[];
    /** The pixel value range: [0, 1] as loaded, [low, high] after Normalize. */
    range: [number, number];
}

declare module '../catalog/src/define.js' {
    interface WireValues { DATASET: Dataset }
}

interface Stored { shape: number[]; range: [number, number]; classNames: string[]; images: string; labels: string }

const engine: WireTypeEngine<Dataset, Stored> = {
    async save(value, io) {
        const data = await value.images.data() as Float32Array;
        const images = io.writeArray('images.f32', data);
        const labels = io.writeArray('labels.i32', value.labels);
        return { stored: { shape: value.images.shape, range: value.range, classNames: value.classNames, images, labels }, bytes: data.byteLength + value.labels.byteLength };
    },
    async load(stored, io) {
        return {
            kind: 'DATASET',
            images: io.tf.tensor4d(io.readFloats(stored.images), stored.shape as [number, number, number, number]),
            labels: io.readInts(stored.labels),
            classNames: stored.classNames,
            range: stored.range,
        };
    },
    dispose: value => value.images.dispose(),
};

export const wireType = defineWireType({
    name: 'DATASET',
    color: '#6c9bd2',
    description: 'Images with a class label each, as loaded or transformed (pixel range and class names travel along).',
    engine,
});
