/** DATASET: images with a class label each (and the names of the classes, and optionally a caption each), as loaded or transformed. */
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
    /**
     * One text caption per image, index-aligned with `images` and `labels`, when the source has
     * them (LoadMNIST, SyntheticShapes, LoadImages' sidecar files, the Captions node): the
     * prompts text-to-image training learns from. A loader that finds captions for only some
     * images gives the others '' (and warns), so the array always has one entry per image.
     * Every node that reorders, filters or concatenates images does the same to these.
     */
    captions?: string[];
}

declare module '../catalog/src/define.js' {
    interface WireValues { DATASET: Dataset }
}

interface Stored { shape: number[]; range: [number, number]; classNames: string[]; images: string; labels: string; captions?: string[] }

const engine: WireTypeEngine<Dataset, Stored> = {
    async save(value, io) {
        const data = await value.images.data() as Float32Array;
        const images = io.writeArray('images.f32', data);
        const labels = io.writeArray('labels.i32', value.labels);
        const stored: Stored = { shape: value.images.shape, range: value.range, classNames: value.classNames, images, labels };
        let bytes = data.byteLength + value.labels.byteLength;
        if (value.captions) {
            // Inline in the entry's JSON: strings, and small next to the pixels.
            stored.captions = value.captions;
            bytes += value.captions.reduce((sum, c) => sum + c.length + 3, 0);
        }
        return { stored, bytes };
    },
    async load(stored, io) {
        return {
            kind: 'DATASET',
            images: io.tf.tensor4d(io.readFloats(stored.images), stored.shape as [number, number, number, number]),
            labels: io.readInts(stored.labels),
            classNames: stored.classNames,
            range: stored.range,
            ...(stored.captions ? { captions: stored.captions } : {}),
        };
    },
    dispose: value => value.images.dispose(),
};

export const wireType = defineWireType({
    name: 'DATASET',
    color: '#6c9bd2',
    description: 'Images with a class label each, as loaded or transformed (pixel range, class names and, when the source has them, one caption per image travel along).',
    engine,
});
