/**
 * The runtime values that flow along wires. Every tensor here belongs to the run that made
 * it: nodes never dispose their inputs; the executor disposes all values when the run ends.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';

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

/** Images in [0, 1], [n, h, w, c]. */
export interface Images {
    kind: 'IMAGE';
    images: tf.Tensor4D;
}

export interface ModelInfo {
    latentDim: number;
    imageSize: number;
    channels: number;
    /** Classes the model is conditioned on (its second input, a label); 0: unconditional. */
    classes: number;
}

export interface Generator extends ModelInfo {
    kind: 'GENERATOR';
    model: LayersModel;
}

export interface Discriminator extends Omit<ModelInfo, 'latentDim'> {
    kind: 'DISCRIMINATOR';
    model: LayersModel;
}

export type Value = Dataset | Images | Generator | Discriminator;

/** What each built-in wire type carries, for the typed node arguments of catalog/src/define.ts. */
declare module '../../catalog/src/define.js' {
    interface WireValues {
        DATASET: Dataset;
        IMAGE: Images;
        GENERATOR: Generator;
        DISCRIMINATOR: Discriminator;
    }
}
export type Outputs = Record<string, Value>;

export function disposeValue(value: Value): void {
    switch (value.kind) {
        case 'DATASET':
        case 'IMAGE':
            value.images.dispose();
            break;
        case 'GENERATOR':
        case 'DISCRIMINATOR':
            try {
                value.model.dispose();
            } catch {
                // Already disposed (the same model reached through two wires).
            }
            break;
    }
}
