/** GENERATOR: a generative model mapping latent vectors (and class labels when conditional) to images. */
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { defineWireType } from '../catalog/src/define.js';
import type { WireTypeEngine } from '../engine/src/wire-type-engine.js';

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

declare module '../catalog/src/define.js' {
    interface WireValues { GENERATOR: Generator }
}

interface Stored { model: string; latentDim: number; imageSize: number; channels: number; classes?: number }

/** The same model may reach a run through two wires: disposing it twice is not an error. */
export function disposeModel(model: LayersModel): void {
    try {
        model.dispose();
    } catch {
        // Already disposed.
    }
}

const engine: WireTypeEngine<Generator, Stored> = {
    async save(value, io) {
        const { folder, bytes } = await io.saveModel('model', value.model);
        const { latentDim, imageSize, channels, classes } = value;
        return { stored: { model: folder, latentDim, imageSize, channels, classes }, bytes };
    },
    async load(stored, io) {
        const model = await io.loadModel(stored.model);
        return { kind: 'GENERATOR', model, latentDim: stored.latentDim, imageSize: stored.imageSize, channels: stored.channels, classes: stored.classes ?? 0 };
    },
    dispose: value => disposeModel(value.model),
};

export const wireType = defineWireType({
    name: 'GENERATOR',
    color: '#9575cd',
    description: 'A generator model: latent vectors (and class labels when conditional) to images; its latent size, image size, channels and classes travel along.',
    engine,
});
