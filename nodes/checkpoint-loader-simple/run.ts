/** CheckpointLoaderSimple: a checkpoint by name; a wrong name lists what was found. */
import { readCheckpoint } from '../../engine/src/diffusion/checkpoint/checkpoint.js';
import { listCheckpoints, resolveCheckpoint } from '../../checkpoints/src/find.js';
import { loadNetwork } from '../../engine/src/diffusion/models/networks.js';
import { FlowError } from '../../engine/src/errors.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';

function notFound(flowDir: string, name: string): FlowError {
    const found = listCheckpoints(flowDir).map(c => c.name);
    const listing = found.length > 0
        ? `checkpoints found: ${found.slice(0, 20).join(', ')}${found.length > 20 ? `, … (${found.length} in all)` : ''}`
        : 'no checkpoints were found in models/checkpoints/ or flow-output/*/checkpoints/ next to the workflow (train one with TrainDiffusion and save it with CheckpointSave)';
    return new FlowError(`checkpoint "${name}" not found; ${listing}`, 'checkpoint-not-found');
}

export const node = defineNode(schema, {
    async run(ctx, _inputs, params) {
        const file = resolveCheckpoint(ctx.flowDir, params.ckpt_name);
        if (!file) throw notFound(ctx.flowDir, params.ckpt_name);
        let contents;
        try {
            contents = readCheckpoint(file);
        } catch (e) {
            throw new FlowError(`cannot read checkpoint ${file}: ${(e as Error).message}`, 'bad-checkpoint');
        }
        const loaded: Array<{ dispose(): void }> = [];
        try {
            const model = loadNetwork('MODEL', contents.model);
            loaded.push(model);
            const clip = loadNetwork('CLIP', contents.clip);
            loaded.push(clip);
            const vae = loadNetwork('VAE', contents.vae);
            return { MODEL: model, CLIP: clip, VAE: vae };
        } catch (e) {
            // What was built before the failing part is no wire's value: release it.
            loaded.forEach(v => v.dispose());
            throw new FlowError(`checkpoint ${file} does not match this Flow Studio's networks: ${(e as Error).message}`, 'bad-checkpoint');
        }
    },
});
