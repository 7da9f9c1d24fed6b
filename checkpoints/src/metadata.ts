/**
 * What a Flow Studio checkpoint says about itself, from its safetensors header alone
 * (docs/checkpoint-format.md documents every key): the format check, the `metadata` block
 * (how it was trained) and each part's architecture and config, the text encoder's vocabulary
 * included. The engine checks files with it before loading weights; the language server reads
 * nothing else.
 */
import { readSafetensorsHeader } from './safetensors-header.js';
import type { CheckpointInfo, CheckpointPart, SavedPartInfo } from './checkpoint-types.js';

export type { CheckpointInfo, CheckpointMetadata, CheckpointPart, SavedPartInfo, TrainingRecord } from './checkpoint-types.js';

export const CHECKPOINT_FORMAT = 'flowstudio-checkpoint';
export const CHECKPOINT_FORMAT_VERSION = 1;
export const CHECKPOINT_PARTS = ['model', 'clip', 'vae'] as const;

/** Throws a clear reason when `metadata` is not a checkpoint this Flow Studio reads. */
export function checkCheckpointFormat(metadata: Readonly<Record<string, string>>): void {
    if (metadata.format !== CHECKPOINT_FORMAT) {
        throw new Error('it is not a Flow Studio checkpoint (no "format": "flowstudio-checkpoint" in its metadata); Flow Studio trains its own models with TrainDiffusion and saves them with CheckpointSave');
    }
    const version = Number(metadata.format_version);
    if (!(version >= 1 && version <= CHECKPOINT_FORMAT_VERSION)) {
        throw new Error(`its format version ${metadata.format_version} is newer than this Flow Studio reads (${CHECKPOINT_FORMAT_VERSION}); update Flow Studio`);
    }
}

/** A JSON value of the header's `__metadata__`, or a clear error naming the key. */
export function checkpointJson<T>(metadata: Readonly<Record<string, string>>, key: string): T {
    try {
        return JSON.parse(metadata[key] ?? '') as T;
    } catch {
        throw new Error(`its "${key}" metadata is missing or not JSON`);
    }
}

/** Everything but the weights: read from the header only. */
export function readCheckpointInfo(file: string): CheckpointInfo {
    const header = readSafetensorsHeader(file);
    checkCheckpointFormat(header.metadata);
    const parts = Object.fromEntries(CHECKPOINT_PARTS.map(p => [p, checkpointJson(header.metadata, p)])) as Record<CheckpointPart, SavedPartInfo>;
    return { metadata: checkpointJson(header.metadata, 'metadata'), parts };
}
