/** CheckpointSave: MODEL + CLIP + VAE into one atomic .safetensors with a metadata block. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeCheckpoint, type CheckpointMetadata } from '../../engine/src/diffusion/checkpoint/checkpoint.js';
import type { TrainingRecord } from '../../engine/src/diffusion/models/networks.js';
import { FlowError } from '../../engine/src/errors.js';
import { confinedPath } from '../../engine/src/nodes/output-paths.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';

const SUFFIX = '_.safetensors';

/** ComfyUI's counter: one past the highest `<base>_NNNNN_.safetensors` in `dir`. */
function nextCounter(dir: string, base: string): number {
    let max = 0;
    const pattern = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}_(\\d+)_\\.safetensors$`);
    try {
        for (const name of fs.readdirSync(dir)) {
            const m = pattern.exec(name);
            if (m) max = Math.max(max, Number(m[1]));
        }
    } catch {
        // No folder yet.
    }
    return max + 1;
}

export const node = defineNode(schema, {
    fingerprint: place => place.outputDir,
    async run(ctx, inputs, params) {
        const { model, clip, vae } = inputs;
        if (model.contextDim !== clip.contextDim) {
            throw new FlowError(`the model reads text vectors of width ${model.contextDim} but the text encoder makes ${clip.contextDim}: save the CLIP that was trained with this model`, 'shape-mismatch');
        }
        const target = confinedPath(ctx.outputDir, params.filename_prefix, 'CheckpointSave filename_prefix');
        const dir = path.dirname(target);
        fs.mkdirSync(dir, { recursive: true });
        const file = path.join(dir, `${path.basename(target)}_${String(nextCounter(dir, path.basename(target))).padStart(5, '0')}${SUFFIX}`);
        const training = (model as { training?: TrainingRecord }).training;
        const metadata: CheckpointMetadata = {
            dataset: training?.dataset ?? 'unknown',
            images: training?.images ?? 0,
            steps: training?.steps ?? 0,
            imageWidth: training?.imageWidth ?? 0,
            imageHeight: training?.imageHeight ?? 0,
            imageChannels: training?.imageChannels ?? vae.imageChannels,
            vocabularySize: clip.vocabulary.length,
            trainingSeconds: training?.trainingSeconds ?? 0,
            finalLoss: training?.finalLoss ?? Number.NaN,
            date: new Date().toISOString(),
            ...(training ? { recipe: training.recipe } : {}),
            workflow: ctx.workflow,
        };
        writeCheckpoint(file, { model: await model.save(), clip: await clip.save(), vae: await vae.save(), metadata });
        ctx.wrote(file);
        return {};
    },
});
