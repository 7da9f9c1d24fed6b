/**
 * The executor: runs the output nodes of an ExecGraph and what they need. A run is planned
 * first (run/plan.ts: order, content-addressed cache keys, what runs and what loads), then each
 * needed node's outputs are obtained from memory, the disk cache or by running it
 * (run/node-outputs.ts, run/run-node.ts). The backend is initialized only when the plan runs a
 * node or reads a stored value, so a fully cached run never loads TensorFlow.js (ADR 0012).
 * LocalExecutor (local-executor.ts) is its face as an `Executor`.
 */
import type { ExecGraph } from '../../catalog/src/graph.js';
import { RUN_EVENTS_VERSION, type RunEvent } from '../../catalog/src/run-events.js';
import type { DiskCache } from './cache/disk-cache.js';
import { FlowError, isCancellation, NodeError, throwIfAborted } from './errors.js';
import { NODE_IMPLEMENTATIONS } from './nodes/index.js';
import type { NodeImpl, RunPlace } from './nodes/types.js';
import type { ResultMemory } from './result-memory.js';
import { NO_BACKEND, type Emit } from './run/events.js';
import { NodeOutputs } from './run/node-outputs.js';
import { planRun, type RunPlan } from './run/plan.js';
import { blame } from './run/run-node.js';

export type { EventBody } from './run/events.js';

export interface ExecuteOptions extends RunPlace {
    graph: ExecGraph;
    flowSource: string;
    runId: string;
    /**
     * Initializes the backend and returns its name; called at most when the run first needs it
     * (every call after the first must return the same promise).
     */
    backend: () => Promise<string>;
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
    const { graph, signal } = options;
    const implementations = options.implementations ?? NODE_IMPLEMENTATIONS;
    const emit: Emit = body => options.emit({ ...body, runId: options.runId, time: Date.now() } as RunEvent);
    let outputs: NodeOutputs | undefined;

    const finish = (status: ExecuteResult['status'], error?: NodeError): ExecuteResult => {
        if (error) {
            // An error about no one node (e.g. no output node) names none and no range.
            const at = error.node ? { node: error.node, range: error.range } : {};
            emit({ event: 'error', ...at, message: error.message, uri: error.uri, ...(error.code ? { code: error.code } : {}) });
        }
        const ms = Date.now() - started;
        const executed = outputs?.executed ?? [];
        const cached = outputs?.cached ?? [];
        emit({ event: 'run-end', status, ms, executed: executed.length, cached: cached.length });
        return { status, executed, cached, error, ms };
    };

    let plan: RunPlan;
    let backend = NO_BACKEND;
    try {
        plan = planRun(graph, implementations, options, options.diskCache);
        if (plan.needsBackend) backend = await options.backend();
    } catch (e) {
        return finish('error', runError(graph, e));
    }

    emit({
        event: 'run-start', version: RUN_EVENTS_VERSION, workflow: graph.workflow, file: options.flowFile, backend,
        outputDir: options.outputDir, nodes: plan.order.map(n => ({ id: n.id, type: n.type, label: n.label, uri: n.uri, range: n.range })),
    });

    const byId = new Map(graph.nodes.map(n => [n.id, n]));
    outputs = new NodeOutputs({ ...options, implementations, emit, byId }, plan, options.backend, options.memory);
    try {
        for (const node of plan.order) {
            throwIfAborted(signal);
            if (plan.work.get(node.id) === 'skip') outputs.reportCached(node, 'disk');
            else await outputs.obtain(node);
        }
        return finish('success');
    } catch (e) {
        if (isCancellation(e)) return finish('cancelled');
        const node = plan.order.find(n => !outputs!.settled(n.id)) ?? plan.order[0];
        return finish('error', blame(node, e));
    } finally {
        outputs.dispose();
    }
}

/** An error before anything ran (planning, the backend): about the workflow, not one node. */
function runError(graph: ExecGraph, e: unknown): NodeError {
    if (e instanceof NodeError) return e;
    const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return new NodeError(e instanceof Error ? e.message : String(e), '', graph.workflow, graph.uri, zero, e instanceof FlowError ? e.code : undefined);
}
