/** Writes node results to a cache folder and reads them back (tensors as raw bytes, models in layers format). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { loadModelFromDir, saveModelToDir } from '../models/io.js';
import type { Value } from '../values.js';

export type StoredValue =
    | { kind: 'DATASET'; shape: number[]; range: [number, number]; classNames: string[]; images: string; labels: string }
    | { kind: 'IMAGE'; shape: number[]; images: string }
    | { kind: 'GENERATOR'; model: string; latentDim: number; imageSize: number; channels: number; classes?: number }
    | { kind: 'DISCRIMINATOR'; model: string; imageSize: number; channels: number; classes?: number };

function bytesOf(array: Float32Array | Int32Array): Buffer {
    return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

/** Writes `value` as files named after `name` in `dir`; returns its description and size. */
export async function writeValue(dir: string, name: string, value: Value): Promise<{ stored: StoredValue; bytes: number }> {
    const safe = name.replace(/[^\w-]+/g, '_');
    switch (value.kind) {
        case 'DATASET': {
            const images = `${safe}.images.f32`, labels = `${safe}.labels.i32`;
            const data = bytesOf(await value.images.data() as Float32Array);
            fs.writeFileSync(path.join(dir, images), data);
            fs.writeFileSync(path.join(dir, labels), bytesOf(value.labels));
            return {
                stored: { kind: 'DATASET', shape: value.images.shape, range: value.range, classNames: value.classNames, images, labels },
                bytes: data.byteLength + value.labels.byteLength,
            };
        }
        case 'IMAGE': {
            const images = `${safe}.images.f32`;
            const data = bytesOf(await value.images.data() as Float32Array);
            fs.writeFileSync(path.join(dir, images), data);
            return { stored: { kind: 'IMAGE', shape: value.images.shape, images }, bytes: data.byteLength };
        }
        case 'GENERATOR': {
            const { bytes } = await saveModelToDir(value.model, path.join(dir, safe));
            const { latentDim, imageSize, channels, classes } = value;
            return { stored: { kind: 'GENERATOR', model: safe, latentDim, imageSize, channels, classes }, bytes };
        }
        case 'DISCRIMINATOR': {
            const { bytes } = await saveModelToDir(value.model, path.join(dir, safe));
            const { imageSize, channels, classes } = value;
            return { stored: { kind: 'DISCRIMINATOR', model: safe, imageSize, channels, classes }, bytes };
        }
    }
}

function readFloats(file: string): Float32Array {
    const buf = fs.readFileSync(file);
    return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

export async function readValue(dir: string, stored: StoredValue): Promise<Value> {
    switch (stored.kind) {
        case 'DATASET': {
            const labelsBuf = fs.readFileSync(path.join(dir, stored.labels));
            return {
                kind: 'DATASET',
                images: tf.tensor4d(readFloats(path.join(dir, stored.images)), stored.shape as [number, number, number, number]),
                labels: new Int32Array(labelsBuf.buffer.slice(labelsBuf.byteOffset, labelsBuf.byteOffset + labelsBuf.byteLength)),
                classNames: stored.classNames,
                range: stored.range,
            };
        }
        case 'IMAGE':
            return { kind: 'IMAGE', images: tf.tensor4d(readFloats(path.join(dir, stored.images)), stored.shape as [number, number, number, number]) };
        case 'GENERATOR': {
            const { model } = await loadModelFromDir(path.join(dir, stored.model));
            return { kind: 'GENERATOR', model, latentDim: stored.latentDim, imageSize: stored.imageSize, channels: stored.channels, classes: stored.classes ?? 0 };
        }
        case 'DISCRIMINATOR': {
            const { model } = await loadModelFromDir(path.join(dir, stored.model));
            return { kind: 'DISCRIMINATOR', model, imageSize: stored.imageSize, channels: stored.channels, classes: stored.classes ?? 0 };
        }
    }
}
