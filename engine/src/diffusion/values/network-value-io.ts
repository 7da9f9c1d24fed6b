/**
 * The cache side of the MODEL, CLIP and VAE wires: a network's tensors go into ONE float32 file
 * of the cache entry (a directory of offsets in the stored JSON), and come back through
 * `loadNetwork`, the same path checkpoints take.
 */
import type { ValueIO } from '../../wire-type-engine.js';
import type { DiffusionModel, SavedNetwork, Saveable, TextEncoder, Vae, WeightArray } from '../contracts.js';
import { loadNetwork } from '../models/networks.js';

export interface StoredNetwork {
    readonly architecture: string;
    readonly config: Readonly<Record<string, unknown>>;
    readonly file: string;
    /** [name, shape, offset in floats] in saved order. */
    readonly tensors: readonly [string, number[], number][];
}

export async function saveNetworkValue(value: Saveable, io: ValueIO): Promise<{ stored: StoredNetwork; bytes: number }> {
    const saved = await value.save();
    let total = 0;
    for (const t of saved.tensors.values()) total += t.data.length;
    const all = new Float32Array(total);
    const tensors: [string, number[], number][] = [];
    let offset = 0;
    for (const [name, t] of saved.tensors) {
        all.set(t.data, offset);
        tensors.push([name, [...t.shape], offset]);
        offset += t.data.length;
    }
    const file = io.writeArray('weights.f32', all);
    return { stored: { architecture: saved.architecture, config: saved.config, file, tensors }, bytes: all.byteLength };
}

export function savedNetworkOf(stored: StoredNetwork, io: ValueIO): SavedNetwork {
    const all = io.readFloats(stored.file);
    const tensors = new Map<string, WeightArray>();
    for (const [name, shape, offset] of stored.tensors) {
        tensors.set(name, { shape, data: all.subarray(offset, offset + shape.reduce((a, b) => a * b, 1)) });
    }
    return { architecture: stored.architecture, config: stored.config, tensors };
}

export function loadModelValue(stored: StoredNetwork, io: ValueIO): DiffusionModel {
    return loadNetwork('MODEL', savedNetworkOf(stored, io));
}

export function loadClipValue(stored: StoredNetwork, io: ValueIO): TextEncoder {
    return loadNetwork('CLIP', savedNetworkOf(stored, io));
}

export function loadVaeValue(stored: StoredNetwork, io: ValueIO): Vae {
    return loadNetwork('VAE', savedNetworkOf(stored, io));
}
