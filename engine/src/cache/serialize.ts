/**
 * Writes node results to a cache folder and reads them back, each through its wire type's
 * engine side (wire-types/<name>.ts): tensors as raw bytes, models in layers format.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { loadModelFromDir, saveModelToDir } from '../models/io.js';
import { wireTypeEngine, type Value } from '../values.js';
import type { ValueIO } from '../wire-type-engine.js';
import { loadNetworkValue, saveNetworkValue, type StoredNetwork } from '../diffusion/values/network-value-io.js';

/** A cached value: its wire type and what that type's `save` returned. */
export interface StoredValue { kind: string; [field: string]: unknown }

function bytesOf(array: Float32Array | Int32Array): Buffer {
    return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

function readBytes(file: string): ArrayBuffer {
    const buf = fs.readFileSync(file);
    return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}

/** File access for the value named `name` inside the entry folder `dir`. */
function valueIO(dir: string, name: string): ValueIO {
    const safe = name.replace(/[^\w-]+/g, '_');
    const io: ValueIO = {
        tf,
        writeArray(suffix, data) {
            const file = `${safe}.${suffix}`;
            fs.writeFileSync(path.join(dir, file), bytesOf(data));
            return file;
        },
        readFloats: file => new Float32Array(readBytes(path.join(dir, file))),
        readInts: file => new Int32Array(readBytes(path.join(dir, file))),
        async saveModel(suffix, model) {
            // The folder keeps the value's name (older entries, and one model per value).
            const folder = suffix === 'model' ? safe : `${safe}.${suffix}`;
            const { bytes } = await saveModelToDir(model, path.join(dir, folder));
            return { folder, bytes };
        },
        loadModel: async folder => (await loadModelFromDir(path.join(dir, folder))).model,
        saveNetwork: value => saveNetworkValue(value, io),
        loadNetwork: (kind, stored) => loadNetworkValue(kind, stored as StoredNetwork, io),
    };
    return io;
}

/** Writes `value` as files named after `name` in `dir`; returns its description and size. */
export async function writeValue(dir: string, name: string, value: Value): Promise<{ stored: StoredValue; bytes: number }> {
    const { stored, bytes } = await wireTypeEngine(value.kind).save(value, valueIO(dir, name));
    return { stored: { ...stored, kind: value.kind }, bytes };
}

export async function readValue(dir: string, stored: StoredValue, name = ''): Promise<Value> {
    return wireTypeEngine(stored.kind).load(stored, valueIO(dir, name));
}
