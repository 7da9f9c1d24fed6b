/**
 * The local TensorFlow.js engine as an `Executor` (catalog/src/executor.ts): it takes an
 * `ExecGraph` that the language has loaded and validated, runs it on this machine's backend
 * with the disk cache, and reports run events. A remote executor (a ComfyUI server) implements
 * the same interface beside it.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import type { ExecRequest, ExecResult, Executor } from '../../catalog/src/executor.js';
import type { DiskCache } from './cache/disk-cache.js';
import { FlowError } from './errors.js';
import { executeGraph } from './executor.js';
import type { NodeImpl } from './nodes/types.js';
import type { ResultMemory } from './result-memory.js';

export interface LocalExecutorOptions {
    /**
     * The backend to use (`auto` when absent; see backends/select.ts). It is initialized by each
     * run that needs it (something else in the process may have switched the global backend
     * since), and not at all by a run whose results all come from the cache.
     */
    backend?: string;
    /** Absent: nothing is read from or written to disk (`--no-cache`). */
    diskCache?: DiskCache;
    /** Node implementations by type (tests substitute some); defaults to the registry. */
    implementations?: ReadonlyMap<string, NodeImpl>;
    /** Results kept across `execute` calls (a sweep's combinations); its owner frees it. */
    memory?: ResultMemory;
}

export class LocalExecutor implements Executor {
    readonly name = 'local';

    constructor(private readonly options: LocalExecutorOptions) {}

    async execute(request: ExecRequest): Promise<ExecResult> {
        const result = await executeGraph({
            graph: request.graph, workflow: request.workflow, flowFile: request.flowFile, flowDir: request.flowDir,
            outputDir: request.outputDir, flowSource: request.flowSource, runId: request.runId,
            backend: backendOnDemand(this.options.backend),
            tempDir: path.join(os.tmpdir(), 'flowstudio', request.runId),
            emit: request.emit, signal: request.signal,
            diskCache: this.options.diskCache, implementations: this.options.implementations, memory: this.options.memory,
        });
        return { status: result.status, executed: result.executed, cached: result.cached, ms: result.ms, ...(result.error ? { message: result.error.message } : {}) };
    }
}

/** Initializes `requested` on the first call (loading TensorFlow.js then) and returns its name. */
function backendOnDemand(requested: string | undefined): () => Promise<string> {
    let ready: Promise<string> | undefined;
    return () => ready ??= import('./backends/index.js')
        .then(backends => backends.initBackend(requested))
        .then(info => info.name, e => { throw new FlowError(e instanceof Error ? e.message : String(e), 'backend'); });
}
