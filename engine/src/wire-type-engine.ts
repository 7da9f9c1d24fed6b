/**
 * The engine's side of a wire type (wire-types/<name>.ts): save a value into a cache entry's
 * folder, load it back, dispose it. Everything it needs arrives in `ValueIO`, so wire-type files
 * import types only.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { DiffusionModel, Saveable, TextEncoder, Vae } from './diffusion/contracts.js';

/** The diffusion networks' wires, whose values ValueIO saves and rebuilds. */
export interface NetworkValues { MODEL: DiffusionModel; CLIP: TextEncoder; VAE: Vae }

/** File and tensor access inside one cache entry's folder, for one value (`name` keeps files apart). */
export interface ValueIO {
    readonly tf: typeof tf;
    writeArray(suffix: string, data: Float32Array | Int32Array): string;
    readFloats(file: string): Float32Array;
    readInts(file: string): Int32Array;
    /** Saves a layers model in a sub-folder; returns the folder's name and its size in bytes. */
    saveModel(suffix: string, model: LayersModel): Promise<{ folder: string; bytes: number }>;
    loadModel(folder: string): Promise<LayersModel>;
    /** Saves a diffusion network (MODEL, CLIP or VAE) as one file; returns what `loadNetwork` needs (JSON). */
    saveNetwork(value: Saveable): Promise<{ stored: object; bytes: number }>;
    loadNetwork<K extends keyof NetworkValues>(kind: K, stored: object): NetworkValues[K];
}

export interface WireTypeEngine<V, Stored extends object = Record<string, unknown>> {
    /** Writes the value's files; returns what `load` needs (JSON) and the bytes written. */
    save(value: V, io: ValueIO): Promise<{ stored: Stored; bytes: number }>;
    load(stored: Stored, io: ValueIO): Promise<V>;
    dispose(value: V): void;
}
