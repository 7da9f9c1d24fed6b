/**
 * Flow Studio checkpoints: one `.safetensors` file holding a MODEL, its CLIP and its VAE, as
 * ComfyUI's checkpoints do, with what rebuilds them and a `metadata` block in the header's
 * `__metadata__` (docs/checkpoint-format.md documents every key). Reading
 * the metadata needs the header only, never the weights or TensorFlow.js.
 */
import type { SavedNetwork, TrainingRecord, WeightArray } from '../contracts.js';
import { encodeSafetensors, readSafetensors, readSafetensorsHeader } from './safetensors.js';

export const CHECKPOINT_FORMAT = 'flowstudio-checkpoint';
export const CHECKPOINT_FORMAT_VERSION = 1;

/**
 * What a checkpoint says about how it was made (shown in hover, written by CheckpointSave): the
 * model's training record, plus what is known at saving.
 */
export interface CheckpointMetadata extends TrainingRecord {
    readonly vocabularySize: number;
    /** ISO date of saving. */
    readonly date: string;
    /** The workflow that saved it. */
    readonly workflow?: string;
}

export interface CheckpointContents {
    readonly model: SavedNetwork;
    readonly clip: SavedNetwork;
    readonly vae: SavedNetwork;
    readonly metadata: CheckpointMetadata;
}

const PARTS = ['model', 'clip', 'vae'] as const;

/** The checkpoint file's bytes (CheckpointSave writes them as a new numbered file). */
export function encodeCheckpoint(contents: CheckpointContents): Uint8Array {
    const tensors = new Map<string, WeightArray>();
    const header: Record<string, string> = {
        format: CHECKPOINT_FORMAT,
        format_version: String(CHECKPOINT_FORMAT_VERSION),
        metadata: JSON.stringify(contents.metadata),
    };
    for (const part of PARTS) {
        const network = contents[part];
        header[part] = JSON.stringify({ architecture: network.architecture, config: network.config });
        for (const [name, t] of network.tensors) tensors.set(`${part}.${name}`, t);
    }
    return encodeSafetensors(tensors, header);
}

function checkFormat(metadata: Readonly<Record<string, string>>): void {
    if (metadata.format !== CHECKPOINT_FORMAT) {
        throw new Error('it is not a Flow Studio checkpoint (no "format": "flowstudio-checkpoint" in its metadata); Flow Studio trains its own models with TrainDiffusion and saves them with CheckpointSave');
    }
    const version = Number(metadata.format_version);
    if (!(version >= 1 && version <= CHECKPOINT_FORMAT_VERSION)) {
        throw new Error(`its format version ${metadata.format_version} is newer than this Flow Studio reads (${CHECKPOINT_FORMAT_VERSION}); update Flow Studio`);
    }
}

function parseJson<T>(metadata: Readonly<Record<string, string>>, key: string): T {
    try {
        return JSON.parse(metadata[key] ?? '') as T;
    } catch {
        throw new Error(`its "${key}" metadata is missing or not JSON`);
    }
}

/** The header only: metadata and each part's architecture and config (vocabulary included). */
export function readCheckpointInfo(file: string): { metadata: CheckpointMetadata; parts: Record<typeof PARTS[number], Omit<SavedNetwork, 'tensors'>> } {
    const header = readSafetensorsHeader(file);
    checkFormat(header.metadata);
    const parts = Object.fromEntries(PARTS.map(p => [p, parseJson(header.metadata, p)])) as Record<typeof PARTS[number], Omit<SavedNetwork, 'tensors'>>;
    return { metadata: parseJson(header.metadata, 'metadata'), parts };
}

export function readCheckpoint(file: string): CheckpointContents {
    const { metadata, tensors } = readSafetensors(file);
    checkFormat(metadata);
    const part = (name: typeof PARTS[number]): SavedNetwork => {
        const { architecture, config } = parseJson<Omit<SavedNetwork, 'tensors'>>(metadata, name);
        const own = new Map<string, WeightArray>();
        for (const [key, t] of tensors) if (key.startsWith(`${name}.`)) own.set(key.slice(name.length + 1), t);
        return { architecture, config, tensors: own };
    };
    return { model: part('model'), clip: part('clip'), vae: part('vae'), metadata: parseJson(metadata, 'metadata') };
}
