/**
 * The cache side of the MODEL, CLIP and VAE wires (ValueIO's saveNetwork / loadNetwork, so the
 * wire-type files need no engine code): a network's tensors go into ONE float32 file of the
 * cache entry (a directory of offsets in the stored JSON), and come back through `loadNetwork`,
 * the same path checkpoints take.
 */
import type { NetworkValues, ValueIO } from '../../wire-type-engine.js';
import type { SavedNetwork, Saveable, WeightArray } from '../contracts.js';
import { loadNetwork } from '../models/networks.js';

/** The part of ValueIO this needs (it implements ValueIO's network methods). */
type ArrayIO = Pick<ValueIO, 'writeArray' | 'readFloats'>;

export interface StoredNetwork {
    readonly architecture: string;
    readonly config: Readonly<Record<string, unknown>>;
    readonly file: string;
    /** [name, shape, offset in floats] in saved order. */
    readonly tensors: readonly [string, number[], number][];
}

export async function saveNetworkValue(value: Saveable, io: ArrayIO): Promise<{ stored: StoredNetwork; bytes: number }> {
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

export function savedNetworkOf(stored: StoredNetwork, io: ArrayIO): SavedNetwork {
    const all = io.readFloats(stored.file);
    const tensors = new Map<string, WeightArray>();
    for (const [name, shape, offset] of stored.tensors) {
        tensors.set(name, { shape, data: all.subarray(offset, offset + shape.reduce((a, b) => a * b, 1)) });
    }
    return { architecture: stored.architecture, config: stored.config, tensors };
}

export function loadNetworkValue<K extends keyof NetworkValues>(kind: K, stored: StoredNetwork, io: ArrayIO): NetworkValues[K] {
    return loadNetwork(kind as 'MODEL', savedNetworkOf(stored, io)) as unknown as NetworkValues[K];
}
