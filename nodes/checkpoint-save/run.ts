/** CheckpointSave: MODEL + CLIP + VAE into one atomic .safetensors with a metadata block. */
import * as path from 'node:path';
import { encodeCheckpoint, type CheckpointMetadata } from '../../engine/src/diffusion/checkpoint/checkpoint.js';
import { FlowError } from '../../engine/src/errors.js';
import { confinedPath, nextCounter, numberedName } from '../../engine/src/nodes/output-paths.js';
import { writeNewFile } from '../../engine/src/util/fs-atomic.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';

const SUFFIX = '_.safetensors';

/** What a checkpoint of an untrained (or loaded-then-unrecorded) model says about its training. */
const UNRECORDED = { dataset: 'unknown', images: 0, steps: 0, imageWidth: 0, imageHeight: 0, trainingSeconds: 0, finalLoss: Number.NaN, recipe: {} };

export const node = defineNode(schema, {
    async run(ctx, inputs, params) {
        const { model, clip, vae } = inputs;
        if (model.contextDim !== clip.contextDim) {
            throw new FlowError(`the model reads text vectors of width ${model.contextDim} but the text encoder makes ${clip.contextDim}: save the CLIP that was trained with this model`, 'shape-mismatch');
        }
        const target = confinedPath(ctx.outputDir, params.filename_prefix, 'CheckpointSave filename_prefix');
        const dir = path.dirname(target);
        const base = path.basename(target);
        const metadata: CheckpointMetadata = {
            ...(model.training ?? { ...UNRECORDED, imageChannels: vae.imageChannels }),
            vocabularySize: clip.vocabulary.length,
            date: new Date().toISOString(),
            workflow: ctx.workflow,
        };
        const bytes = encodeCheckpoint({ model: await model.save(), clip: await clip.save(), vae: await vae.save(), metadata });
        const { file } = writeNewFile(dir, k => numberedName(base, k, SUFFIX), nextCounter(dir, base, SUFFIX), bytes);
        ctx.wrote(file);
        return {};
    },
});
