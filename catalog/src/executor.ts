/**
 * The execution boundary. Whatever runs a workflow — the local TensorFlow.js engine today, a
 * ComfyUI server next — takes an `ExecGraph` (already loaded and validated by the language) and
 * reports what happens as run events (docs/run-events.md). Types only: the CLI and the extension
 * pick an executor without loading it until it runs.
 */
import type { ExecGraph } from './graph.js';
import type { RunEvent } from './run-events.js';

/** Where a run happens: enough to compute cache keys and output paths without executing anything. */
export interface RunPlace {
    workflow: string;
    /** Absolute path of the .flow file. */
    flowFile: string;
    flowDir: string;
    /** Output folder of the run (absolute); nothing is written outside it. */
    outputDir: string;
}

export interface ExecRequest extends RunPlace {
    graph: ExecGraph;
    /** The .flow source text (embedded in saved images). */
    flowSource: string;
    runId: string;
    /** Every event of the run, in order, from `run-start` to `run-end`. */
    emit(event: RunEvent): void;
    signal?: AbortSignal;
}

export interface ExecResult {
    status: 'success' | 'error' | 'cancelled';
    /** Ids of nodes that executed, in order. */
    executed: string[];
    /** Ids of nodes served from a cache (or not needed because their consumers were). */
    cached: string[];
    /** The failure, when status is `error`. */
    message?: string;
    ms: number;
}

export interface Executor {
    /** `local` (TensorFlow.js), `comfyui`, ...: shown in `run-start` and the status bar. */
    readonly name: string;
    execute(request: ExecRequest): Promise<ExecResult>;
}
