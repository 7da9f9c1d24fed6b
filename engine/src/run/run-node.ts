/**
 * Running one node: the context it runs in (where, how it reports progress, previews, images
 * and warnings), its implementation, and its outputs stored in the disk cache under its key.
 * TensorFlow.js is imported here, when the first node runs, not when the engine loads.
 */
import * as path from 'node:path';
import type { ExecGraph, ExecNode } from '../../../catalog/src/graph.js';
import type { DiskCache, ReplayEvent } from '../cache/disk-cache.js';
import { CancelledError, FlowError, isCancellation, NodeError, throwIfAborted } from '../errors.js';
import type { NodeContext, NodeImpl, RunPlace } from '../nodes/types.js';
import type { Outputs, Value } from '../values.js';
import type { Emit } from './events.js';
import { nodeTitle } from './plan.js';

/** What every node of one run shares. */
export interface RunScope extends RunPlace {
    graph: ExecGraph;
    /** The graph's nodes by id. */
    byId: ReadonlyMap<string, ExecNode>;
    flowSource: string;
    tempDir: string;
    signal?: AbortSignal;
    diskCache?: DiskCache;
    implementations: ReadonlyMap<string, NodeImpl>;
    emit: Emit;
}

/** An error as the run reports it: attributed to `node` unless it already names one. */
export function blame(node: ExecNode, e: unknown): NodeError {
    if (e instanceof NodeError) return e;
    const message = e instanceof Error ? e.message : String(e);
    return new NodeError(`${nodeTitle(node)}: ${message}`, node.id, node.label, node.uri, node.range, e instanceof FlowError ? e.code : undefined, { cause: e });
}

/** Runs `node` on its (already obtained) inputs; emits node-start/node-end and stores the outputs. */
export async function runNode(scope: RunScope, node: ExecNode, key: string, inputs: Record<string, Value>): Promise<{ outputs: Outputs; images: ReplayEvent[] }> {
    const { graph, byId, diskCache, signal, emit } = scope;
    const impl = scope.implementations.get(node.type)!;
    throwIfAborted(signal);
    const tf = await import('@tensorflow/tfjs-core');
    emit({ event: 'node-start', node: node.id, type: node.type });
    const t0 = Date.now();
    const files: string[] = [];
    const replay: ReplayEvent[] = [];
    const ctx: NodeContext = {
        workflow: scope.workflow, flowFile: scope.flowFile, flowDir: scope.flowDir, outputDir: scope.outputDir,
        node, graph, flowSource: scope.flowSource, tempDir: scope.tempDir,
        ...(diskCache ? { checkpointDir: path.join(diskCache.dir, '.checkpoints', key) } : {}),
        signal: signal ?? new AbortController().signal,
        tf,
        progress: (value, max, metrics, etaMs) => emit({
            event: 'progress', node: node.id, value, max, ...(metrics ? { metrics } : {}), ...(etaMs !== undefined ? { etaMs } : {}),
        }),
        preview: body => emit({ event: 'preview', node: node.id, ...body }),
        image: body => {
            const event = { event: 'image' as const, node: node.id, ...body };
            replay.push(event);
            emit(event);
        },
        warn: (message, extra) => emit({ event: 'warning', node: node.id, message, ...(extra?.code ? { code: extra.code } : {}), ...(extra?.items ? { items: extra.items } : {}) }),
        wrote: file => { files.push(file); },
        producerArgs: arg => {
            const wire = node.wires[arg];
            const producer = wire && byId.get(wire.node);
            return producer ? { node: producer.label, type: producer.type, ...producer.params } : undefined;
        },
    };
    let outputs: Outputs;
    try {
        outputs = await impl.run(ctx, inputs, node.params);
    } catch (e) {
        if (isCancellation(e)) throw new CancelledError();
        throw blame(node, e);
    }
    emit({ event: 'node-end', node: node.id, type: node.type, ms: Date.now() - t0 });
    if (diskCache) {
        try {
            await diskCache.store(key, node.type, outputs, files, replay);
        } catch {
            // A full or read-only disk costs only the cache, never the run.
        }
    }
    return { outputs, images: replay };
}
