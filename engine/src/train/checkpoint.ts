/**
 * Training checkpoints: a training node's whole state (weights, optimizer moments, step, data
 * order, random state) saved atomically into the cache while it trains, so a cancelled or killed
 * run resumes where it stopped instead of from step 1. A checkpoint is a folder:
 * `state.json` (the node's own JSON) and `tensors.bin` (float32/int32 data, described in the
 * JSON's `tensors` list). It is written under a temporary name and renamed into place, so a
 * reader sees the previous checkpoint or the new one, never half of one.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';

export const CHECKPOINT_FORMAT = 1;

interface TensorRecord { name: string; shape: number[]; dtype: 'float32' | 'int32'; offset: number; length: number }

interface StateFile<T> { format: number; state: T; tensors: TensorRecord[] }

export interface Checkpoint<T> { state: T; tensors: Map<string, tf.Tensor> }

export function saveCheckpoint<T>(dir: string, state: T, tensors: ReadonlyArray<[string, tf.Tensor]>): void {
    const records: TensorRecord[] = [];
    const chunks: Buffer[] = [];
    let offset = 0;
    for (const [name, tensor] of tensors) {
        if (tensor.dtype !== 'float32' && tensor.dtype !== 'int32') throw new Error(`checkpoint: ${name} is ${tensor.dtype}; only float32 and int32 are saved`);
        const data = tensor.dataSync() as Float32Array | Int32Array;
        const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
        records.push({ name, shape: tensor.shape, dtype: tensor.dtype, offset, length: data.length });
        chunks.push(bytes);
        offset += bytes.length;
    }
    const parent = path.dirname(dir);
    fs.mkdirSync(parent, { recursive: true });
    const tmp = path.join(parent, `.tmp-${path.basename(dir)}-${process.pid}-${randomBytes(4).toString('hex')}`);
    fs.mkdirSync(tmp);
    try {
        fs.writeFileSync(path.join(tmp, 'tensors.bin'), Buffer.concat(chunks));
        const file: StateFile<T> = { format: CHECKPOINT_FORMAT, state, tensors: records };
        fs.writeFileSync(path.join(tmp, 'state.json'), JSON.stringify(file));
        // rename cannot replace a non-empty folder: move the old one aside first, then drop it.
        const old = fs.existsSync(dir) ? `${tmp}-old` : undefined;
        if (old) fs.renameSync(dir, old);
        fs.renameSync(tmp, dir);
        if (old) fs.rmSync(old, { recursive: true, force: true });
    } catch (e) {
        fs.rmSync(tmp, { recursive: true, force: true });
        throw e;
    }
}

/** The checkpoint in `dir`, or undefined when there is none or it is unreadable (training then starts over). */
export function loadCheckpoint<T>(dir: string): Checkpoint<T> | undefined {
    let file: StateFile<T>;
    let data: Buffer;
    try {
        file = JSON.parse(fs.readFileSync(path.join(dir, 'state.json'), 'utf8')) as StateFile<T>;
        data = fs.readFileSync(path.join(dir, 'tensors.bin'));
    } catch {
        return undefined;
    }
    if (file.format !== CHECKPOINT_FORMAT) return undefined;
    const tensors = new Map<string, tf.Tensor>();
    for (const r of file.tensors) {
        const bytes = r.length * 4;
        if (r.offset + bytes > data.length) {
            tensors.forEach(t => t.dispose());
            return undefined;
        }
        const copy = new Uint8Array(bytes);
        copy.set(data.subarray(r.offset, r.offset + bytes));
        const values = r.dtype === 'int32' ? new Int32Array(copy.buffer) : new Float32Array(copy.buffer);
        tensors.set(r.name, tf.tensor(values, r.shape, r.dtype));
    }
    return { state: file.state, tensors };
}

export function removeCheckpoint(dir: string): void {
    fs.rmSync(dir, { recursive: true, force: true });
}
