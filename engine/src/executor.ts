/**
 * The executor: runs the output nodes of an ExecGraph and what they need, in the order plan.ts
 * decides, reusing cached results by content-addressed key (see cache/keys.ts): each node's
 * outputs come from memory, from its disk cache entry, or from running its implementation.
 * LocalExecutor (local-executor.ts) is its face as an `Executor`.
 */
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { ExecGraph, ExecNode } from '../../catalog/src/graph.js';
import { RUN_EVENTS_VERSION, type RunEvent } from '../../catalog/src/run-events.js';
import { computeKeys } from './cache/keys.js';
import type { DiskCache, ReplayEvent } from './cache/disk-cache.js';
import { decideWork, nodeTitle, planOrder } from './plan.js';
import { CancelledError, FlowError, isCancellation, NodeError, throwIfAborted } from './errors.js';
import { NODE_IMPLEMENTATIONS } from './nodes/index.js';
import type { NodeContext, NodeImpl, RunPlace } from './nodes/types.js';
import { ResultMemory } from './result-memory.js';
import type { Outputs, Value } from './values.js';

/** Any run event minus the fields every event gets from its run. */
export type EventBody = RunEvent extends infer E ? E extends RunEvent ? Omit<E, 'runId' | 'time'> : never : never;

export interface ExecuteOptions extends RunPlace {
    graph: ExecGraph;
    flowSource: string;
    runId: string;
    backend: string;
    /** Folder for temporary files (previews). */
    tempDir: string;
    emit: (event: RunEvent) => void;
    signal?: AbortSignal;
    /** Absent: nothing is read from or written to disk (`--no-cache`). */
    diskCache?: DiskCache;
    /** Node implementations by type (tests may substitute); defaults to the registry. */
    implementations?: ReadonlyMap<string, NodeImpl>;
    /** Results shared with other runs (a sweep's combinations), freed by its owner; default: this run's own. */
    memory?: ResultMemory;
}

export interface ExecuteResult {
    status: 'success' | 'error' | 'cancelled';
    /** Ids of nodes that executed, in order. */
    executed: string[];
    /** Ids of nodes served from the cache (or not needed because their consumers were). */
    cached: string[];
    error?: NodeError;
    ms: number;
}

export async function executeGraph(options: ExecuteOptions): Promise<ExecuteResult> {
    const started = Date.now();
    const { graph, diskCache, signal } = options;
    const impls = options.implementations ?? NODE_IMPLEMENTATIONS;
    const emit = (body: EventBody): void => options.emit({ ...body, runId: options.runId, time: Date.now() } as RunEvent);
    const executed: string[] = [];
    const cached: string[] = [];
    const memo = options.memory ?? new ResultMemory();
    const reported = new Set<string>();
    const byId = new Map(graph.nodes.map(n => [n.id, n]));

    const blame = (node: ExecNode, e: unknown): NodeError => {
        if (e instanceof NodeError) return e;
        const message = e instanceof Error ? e.message : String(e);
        return new NodeError(`${nodeTitle(node)}: ${message}`, node.id, node.label, node.uri, node.range, e instanceof FlowError ? e.code : undefined, { cause: e });
    };

    const finish = (status: ExecuteResult['status'], error?: NodeError): ExecuteResult => {
        if (error) {
            // An error about no one node (e.g. no output node) names none and no range.
            const at = error.node ? { node: error.node, range: error.range } : {};
            emit({ event: 'error', ...at, message: error.message, uri: error.uri, ...(error.code ? { code: error.code } : {}) });
        }
        const ms = Date.now() - started;
        emit({ event: 'run-end', status, ms, executed: executed.length, cached: cached.length });
        return { status, executed, cached, error, ms };
    };

    let order: ExecNode[];
    let keys: Map<string, string>;
    try {
        for (const node of graph.nodes) {
            if (!impls.has(node.type)) {
                throw new NodeError(`${nodeTitle(node)}: no implementation for node type ${node.type}`, node.id, node.label, node.uri, node.range, 'unknown-node');
            }
        }
        order = planOrder(graph);
        if (order.length === 0) {
            throw new FlowError(`workflow ${graph.workflow} has no output node (SaveImages, PreviewImage, SaveGenerator): nothing to run`, 'no-output');
        }
        keys = computeKeys(order, impls, options);
    } catch (e) {
        return finish('error', e instanceof NodeError ? e
            : new NodeError(e instanceof Error ? e.message : String(e), '', graph.workflow, graph.uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, e instanceof FlowError ? e.code : undefined));
    }

    const { plan, entries } = decideWork(order, keys, diskCache);

    emit({
        event: 'run-start', version: RUN_EVENTS_VERSION, workflow: graph.workflow, file: options.flowFile, backend: options.backend,
        outputDir: options.outputDir, nodes: order.map(n => ({ id: n.id, type: n.type, label: n.label, uri: n.uri, range: n.range })),
    });

    const reportCached = (node: ExecNode, source: 'memory' | 'disk'): void => {
        if (reported.has(node.id)) return;
        reported.add(node.id);
        cached.push(node.id);
        emit({ event: 'node-cached', node: node.id, type: node.type, source });
    };

    const execute = async (node: ExecNode, key: string): Promise<{ outputs: Outputs; images: ReplayEvent[] }> => {
        const impl = impls.get(node.type)!;
        const inputs: Record<string, Value> = {};
        for (const [arg, wire] of Object.entries(node.wires)) {
            const source = byId.get(wire.node)!;
            const value = (await obtain(source))[wire.output];
            if (!value) throw new NodeError(`${nodeTitle(node)}: ${source.label} has no output ${wire.output}`, node.id, node.label, node.uri, node.range);
            inputs[arg] = value;
        }
        throwIfAborted(signal);
        emit({ event: 'node-start', node: node.id, type: node.type });
        const t0 = Date.now();
        const files: string[] = [];
        const replay: ReplayEvent[] = [];
        const ctx: NodeContext = {
            ...placeOf(options), node, graph, flowSource: options.flowSource, tempDir: options.tempDir,
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
        reported.add(node.id);
        executed.push(node.id);
        emit({ event: 'node-end', node: node.id, type: node.type, ms: Date.now() - t0 });
        if (diskCache) {
            try {
                await diskCache.store(key, node.type, outputs, files, replay);
            } catch {
                // A full or read-only disk costs only the cache, never the run.
            }
        }
        return { outputs, images: replay };
    };

    const obtain = async (node: ExecNode): Promise<Outputs> => {
        const key = keys.get(node.id)!;
        const inMemory = memo.get(key);
        if (inMemory) {
            reportCached(node, 'memory');
            // Like a disk hit: an output node reached again shows its images again.
            for (const image of inMemory.images) emit({ ...image, node: node.id });
            return inMemory.outputs;
        }
        let outputs: Outputs | undefined;
        // 'skip' nodes get here only when a consumer's entry proved unreadable: look theirs up now.
        const entry = plan.get(node.id) === 'run' ? undefined : entries.get(node.id) ?? diskCache?.lookup(key);
        if (entry) {
            try {
                outputs = await diskCache!.load(entry);
                reportCached(node, 'disk');
                for (const event of entry.events) emit(event);
            } catch {
                outputs = undefined; // unreadable entry: compute it again
            }
        }
        let images = entry?.events ?? [];
        if (!outputs) ({ outputs, images } = await execute(node, key));
        memo.set(key, outputs, images);
        return outputs;
    };

    try {
        for (const node of order) {
            throwIfAborted(signal);
            if (plan.get(node.id) === 'skip') reportCached(node, 'disk');
            else await obtain(node);
        }
        return finish('success');
    } catch (e) {
        if (isCancellation(e)) return finish('cancelled');
        const node = order.find(n => !reported.has(n.id)) ?? order[0];
        return finish('error', blame(node, e));
    } finally {
        if (!options.memory) memo.dispose();
    }
}

function placeOf(options: ExecuteOptions): RunPlace {
    return { workflow: options.workflow, flowFile: options.flowFile, flowDir: options.flowDir, outputDir: options.outputDir };
}
