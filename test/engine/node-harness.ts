/**
 * Runs one node implementation outside a workflow, with a recording context: the harness of the
 * node tests in each node folder (nodes/<name>/<name>.test.ts) and of the engine tests.
 */
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { ExecGraph, ExecNode } from '../../catalog/src/graph.js';
import { NODE_SCHEMAS } from '../../catalog/src/index.js';
import { NODE_IMPLEMENTATIONS } from '../../engine/src/nodes/index.js';
import type { NodeContext, Params } from '../../engine/src/nodes/types.js';
import { initBackend } from '../../engine/src/backends/index.js';
import type { Dataset, Outputs, Value } from '../../engine/src/values.js';
import { tempDir, TEST_BACKEND } from './helpers.js';

const RANGE = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };

export interface Recorded { progress: number; previews: string[]; images: string[]; wrote: string[]; warnings: Array<{ message: string; code?: string; items?: string[] }> }

export function context(type: string, params: Params, dir: string, wires: ExecNode['wires'] = {}): { ctx: NodeContext; rec: Recorded } {
    const node: ExecNode = { id: `n-${type}`, type, isOutput: false, params: params as ExecNode['params'], wires, uri: 'file:///t.flow', range: RANGE, label: `n-${type}` };
    const graph: ExecGraph = { workflow: 'T', uri: 'file:///t.flow', nodes: [node] };
    const rec: Recorded = { progress: 0, previews: [], images: [], wrote: [], warnings: [] };
    const ctx: NodeContext = {
        workflow: 'T', flowFile: path.join(dir, 't.flow'), flowDir: dir, outputDir: path.join(dir, 'out'), node, graph,
        flowSource: 'workflow T { }', tempDir: path.join(dir, 'tmp'), signal: new AbortController().signal, tf,
        progress: () => { rec.progress++; },
        preview: e => { rec.previews.push(e.path); },
        image: e => { rec.images.push(e.path); },
        wrote: f => { rec.wrote.push(f); },
        warn: (message, extra) => { rec.warnings.push({ message, ...extra }); },
        producerArgs: () => ({ seed: 1 }),
    };
    return { ctx, rec };
}

/** Runs node `type` with its schema defaults overridden by `params`. */
export async function runNode(type: string, params: Params, inputs: Record<string, Value> = {}, dir = tempDir()): Promise<{ out: Outputs; rec: Recorded }> {
    const schema = NODE_SCHEMAS.find(s => s.name === type)!;
    const full: Params = {};
    for (const p of schema.params) if (p.default !== undefined) full[p.name] = p.default;
    Object.assign(full, params);
    const { ctx, rec } = context(type, full, dir);
    const out = await NODE_IMPLEMENTATIONS.get(type)!.run(ctx, inputs, full);
    return { out, rec };
}


/** `before(useTestBackend)`: node tests run on the backend under test (helpers.TEST_BACKEND). */
export async function useTestBackend(): Promise<void> {
    await initBackend(TEST_BACKEND);
}

/** `n` random `size`x`size` images with labels 0, 1, 2, …, pixel values in `range`. */
export function dataset(n: number, size: number, channels: number, range: [number, number] = [0, 1]): Dataset {
    const images = tf.tidy(() => tf.add(tf.mul(tf.randomUniform([n, size, size, channels], 0, 1, 'float32', 5), range[1] - range[0]), range[0]) as tf.Tensor4D);
    return { kind: 'DATASET', images, labels: Int32Array.from({ length: n }, (_, i) => i % 3), classNames: ['a', 'b', 'c'], range };
}

/** Four 8x8 images of three classes, with `captions` if given. */
export function tinyDataset(captions?: string[]): Dataset {
    const n = 4;
    const size = n * 8 * 8 * 3;
    const images = tf.tensor4d(Float32Array.from({ length: size }, (_, i) => i / size), [n, 8, 8, 3]);
    return { kind: 'DATASET', images, labels: Int32Array.from([0, 1, 2, 1]), classNames: ['cat', 'dog', 'owl'], range: [0, 1], ...(captions ? { captions } : {}) };
}

export async function minMax(t: tf.Tensor): Promise<[number, number]> {
    return [(await tf.min(t).data())[0], (await tf.max(t).data())[0]];
}
