/**
 * Model persistence in the TensorFlow.js layers format (model.json + one weights.bin), through
 * IO handlers of our own (tfjs-node's file:// handler is not available here). Also used to copy
 * models and to store them in the disk cache.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { writeFileAtomic } from '../util/fs-atomic.js';

export const WEIGHTS_FILE = 'weights.bin';
export const MODEL_FILE = 'model.json';

export async function modelArtifacts(model: LayersModel): Promise<tf.io.ModelArtifacts> {
    let captured: tf.io.ModelArtifacts | undefined;
    await model.save(tf.io.withSaveHandler(async artifacts => {
        captured = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    if (!captured) throw new Error('model produced no artifacts');
    return captured;
}

export function modelFromArtifacts(artifacts: tf.io.ModelArtifacts): Promise<LayersModel> {
    return tfl.loadLayersModel(tf.io.fromMemory(artifacts));
}

/** An independent copy (same architecture and weights, no shared variables). */
export async function cloneModel(model: LayersModel): Promise<LayersModel> {
    return modelFromArtifacts(await modelArtifacts(model));
}

function weightBytes(artifacts: tf.io.ModelArtifacts): Uint8Array {
    if (!artifacts.weightData) return new Uint8Array(0);
    return new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
}

/** Writes model.json + weights.bin into `dir`, each atomically (weights first: model.json names them). */
export async function saveModelToDir(model: LayersModel, dir: string, metadata?: Record<string, unknown>): Promise<{ bytes: number }> {
    const artifacts = await modelArtifacts(model);
    const weights = weightBytes(artifacts);
    const modelJson = {
        format: 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [`./${WEIGHTS_FILE}`], weights: artifacts.weightSpecs ?? [] }],
        ...(metadata ? { userDefinedMetadata: metadata } : {}),
    };
    const json = JSON.stringify(modelJson);
    writeFileAtomic(path.join(dir, WEIGHTS_FILE), weights);
    writeFileAtomic(path.join(dir, MODEL_FILE), json);
    return { bytes: weights.byteLength + json.length };
}

/** Loads a layers-format model from a folder holding model.json and its weight files. */
export async function loadModelFromDir(dir: string): Promise<{ model: LayersModel; metadata?: Record<string, unknown> }> {
    const jsonPath = path.join(dir, MODEL_FILE);
    if (!fs.existsSync(jsonPath)) throw new Error(`no ${MODEL_FILE} in ${dir}`);
    let modelJson: tf.io.ModelJSON;
    try {
        modelJson = JSON.parse(fs.readFileSync(jsonPath, 'utf8')) as tf.io.ModelJSON;
    } catch (e) {
        throw new Error(`${jsonPath} is not valid JSON: ${(e as Error).message}`);
    }
    if (!modelJson.modelTopology || !Array.isArray(modelJson.weightsManifest)) {
        throw new Error(`${jsonPath} is not a TensorFlow.js layers model (no modelTopology / weightsManifest)`);
    }
    const weightSpecs: tf.io.WeightsManifestEntry[] = [];
    const buffers: Buffer[] = [];
    for (const group of modelJson.weightsManifest) {
        weightSpecs.push(...group.weights);
        for (const p of group.paths) {
            const file = path.resolve(dir, p);
            if (!fs.existsSync(file)) throw new Error(`weights file ${file} named by ${jsonPath} is missing`);
            buffers.push(fs.readFileSync(file));
        }
    }
    const all = Buffer.concat(buffers);
    const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
    const model = await tfl.loadLayersModel(tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs,
        weightData,
        format: modelJson.format,
        generatedBy: modelJson.generatedBy,
        convertedBy: modelJson.convertedBy,
    }));
    return { model, metadata: modelJson.userDefinedMetadata as Record<string, unknown> | undefined };
}
