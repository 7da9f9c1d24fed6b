/** LoadGenerator: a generator saved by SaveGenerator (or any layers model mapping a vector, and optionally a class label, to images). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { FlowError } from '../../engine/src/errors.js';
import { loadModelFromDir, MODEL_FILE } from '../../engine/src/models/io.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { dirOf } from './fingerprint.js';
import { schema } from './schema.js';

/** Classes of a conditional generator: SaveGenerator's metadata, else its class embedding's size. */
function classesOf(model: LayersModel, metadata: Record<string, unknown> | undefined): number {
    const saved = (metadata?.flowstudio as { classes?: unknown } | undefined)?.classes;
    if (typeof saved === 'number') return saved;
    const embedding = model.layers.find(l => l.getClassName() === 'Embedding');
    return Number(embedding?.getConfig().inputDim ?? 0);
}

export const node = defineNode(schema, {
    async run(ctx, _inputs, params) {
        const dir = dirOf(ctx, params);
        if (!fs.existsSync(path.join(dir, MODEL_FILE))) {
            throw new FlowError(`no saved generator at ${dir} (expected ${MODEL_FILE}) — the path is relative to the .flow file`, 'not-found');
        }
        let loaded;
        try {
            loaded = await loadModelFromDir(dir);
        } catch (e) {
            throw loadFailure(dir, e as Error);
        }
        const { model, metadata } = loaded;
        const input = model.inputs[0].shape;
        const output = model.outputs[0].shape;
        const label = model.inputs[1]?.shape;
        const conditional = model.inputs.length === 2 && label?.length === 2 && label[1] === 1;
        if ((model.inputs.length !== 1 && !conditional) || input.length !== 2 || output.length !== 4 || output[1] !== output[2]) {
            model.dispose();
            throw new FlowError(`the model in ${dir} is not a generator: it maps ${model.inputs.map(i => `[${i.shape.join(', ')}]`).join(' and ')} ` +
                `to [${output.join(', ')}], expected [batch, latent] (and [batch, 1] class labels) to [batch, size, size, channels]`);
        }
        const classes = conditional ? classesOf(model, metadata) : 0;
        if (conditional && !(classes > 0)) {
            model.dispose();
            throw new FlowError(`the model in ${dir} takes class labels but does not say how many classes it knows (no Embedding layer or flowstudio.classes metadata)`);
        }
        return {
            generator: { kind: 'GENERATOR', model, latentDim: input[1] as number, imageSize: output[1] as number, channels: output[3] as number, classes },
        };
    },
});

/**
 * TensorFlow.js explains an unknown layer in several lines with advice about custom-layer
 * registration that does not apply here: say which layer, what can load, and keep one line.
 */
export function loadFailure(dir: string, error: Error): FlowError {
    const message = error.message ?? String(error);
    const unknown = /Unknown layer: (\w+)/.exec(message);
    if (unknown) {
        return new FlowError(
            `the model in ${dir} uses the layer ${unknown[1]}, which TensorFlow.js does not know — LoadGenerator loads models saved by ` +
            'SaveGenerator or any TensorFlow.js layers model built from its standard layers; re-save the model without custom layers', 'unknown-layer');
    }
    const firstLine = message.split('\n')[0].trim();
    return new FlowError(`cannot load the generator in ${dir}: ${firstLine}`, 'load-error');
}
