/**
 * Flow Studio checkpoints: one `.safetensors` file holding a MODEL, its CLIP and its VAE, as
 * ComfyUI's checkpoints do, with what rebuilds them and a `metadata` block in the header's
 * `__metadata__` (docs/checkpoint-format.md documents every key). What needs the header only
 * (the format check, metadata, configs) is `checkpoints/src/metadata.ts`, shared with the
 * language server; this module writes files and reads their weights.
 */
import type { SavedNetwork, WeightArray } from '../contracts.js';
import {
    CHECKPOINT_FORMAT, CHECKPOINT_FORMAT_VERSION, CHECKPOINT_PARTS, checkCheckpointFormat, checkpointJson,
    type CheckpointMetadata, type CheckpointPart, type SavedPartInfo,
} from '../../../../checkpoints/src/metadata.js';
import { encodeSafetensors, readSafetensors } from './safetensors.js';

export { readCheckpointInfo, type CheckpointMetadata } from '../../../../checkpoints/src/metadata.js';

export interface CheckpointContents {
    readonly model: SavedNetwork;
    readonly clip: SavedNetwork;
    readonly vae: SavedNetwork;
    readonly metadata: CheckpointMetadata;
}

/** The checkpoint file's bytes (CheckpointSave writes them as a new numbered file). */
export function encodeCheckpoint(contents: CheckpointContents): Uint8Array {
    const tensors = new Map<string, WeightArray>();
    const header: Record<string, string> = {
        format: CHECKPOINT_FORMAT,
        format_version: String(CHECKPOINT_FORMAT_VERSION),
        metadata: JSON.stringify(contents.metadata),
    };
    for (const part of CHECKPOINT_PARTS) {
        const network = contents[part];
        header[part] = JSON.stringify({ architecture: network.architecture, config: network.config });
        for (const [name, t] of network.tensors) tensors.set(`${part}.${name}`, t);
    }
    return encodeSafetensors(tensors, header);
}

export function readCheckpoint(file: string): CheckpointContents {
    const { metadata, tensors } = readSafetensors(file);
    checkCheckpointFormat(metadata);
    const part = (name: CheckpointPart): SavedNetwork => {
        const { architecture, config } = checkpointJson<SavedPartInfo>(metadata, name);
        const own = new Map<string, WeightArray>();
        for (const [key, t] of tensors) if (key.startsWith(`${name}.`)) own.set(key.slice(name.length + 1), t);
        return { architecture, config, tensors: own };
    };
    return { model: part('model'), clip: part('clip'), vae: part('vae'), metadata: checkpointJson(metadata, 'metadata') };
}
