/** DISCRIMINATOR: a model scoring images as real or generated, trained against a generator. */
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { defineWireType } from '../catalog/src/define.js';
import type { WireTypeEngine } from '../engine/src/wire-type-engine.js';
import { disposeModel, type ModelInfo } from './generator.js';

export interface Discriminator extends Omit<ModelInfo, 'latentDim'> {
    kind: 'DISCRIMINATOR';
    model: LayersModel;
}

declare module '../catalog/src/define.js' {
    interface WireValues { DISCRIMINATOR: Discriminator }
}

interface Stored { model: string; imageSize: number; channels: number; classes?: number }

const engine: WireTypeEngine<Discriminator, Stored> = {
    async save(value, io) {
        const { folder, bytes } = await io.saveModel('model', value.model);
        const { imageSize, channels, classes } = value;
        return { stored: { model: folder, imageSize, channels, classes }, bytes };
    },
    async load(stored, io) {
        const model = await io.loadModel(stored.model);
        return { kind: 'DISCRIMINATOR', model, imageSize: stored.imageSize, channels: stored.channels, classes: stored.classes ?? 0 };
    },
    dispose: value => disposeModel(value.model),
};

export const wireType = defineWireType({
    name: 'DISCRIMINATOR',
    color: '#f48fb1',
    description: 'A discriminator model scoring images as real or generated; its image size, channels and classes travel along.',
    engine,
});
