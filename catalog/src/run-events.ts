/**
 * Run events: the JSON Lines contract between the engine (`flowstudio run --json`) and
 * everything that shows a run (the task terminal, the status bar, the Outputs panel,
 * the training dashboard, the graph view). Documented in docs/run-events.md.
 * Every event carries `event` (its kind), `runId` and `time` (ms since the Unix epoch).
 */
import type { SourceRange } from './graph.js';

export const RUN_EVENTS_VERSION = 1;

interface Base { runId: string; time: number }

export interface PlannedNode {
    /** Exec node id (`instance/inner` for nodes inside subgraphs). */
    id: string;
    type: string;
    label: string;
    uri: string;
    range: SourceRange;
}

export interface RunStartEvent extends Base {
    event: 'run-start';
    version: typeof RUN_EVENTS_VERSION;
    workflow: string;
    /** The .flow file, absolute path. */
    file: string;
    backend: string;
    /** Where the run executes: `local` (TensorFlow.js; absent in older events) or `comfyui` (a server, named in `backend`). */
    engine?: string;
    /** Output folder of this run (absolute). */
    outputDir: string;
    /** Nodes that will run or come from the cache, in execution order. */
    nodes: PlannedNode[];
    /** Present when this run is one combination of a sweep (`flowstudio run --sweep`). */
    sweep?: SweepCombination;
}

/** A swept argument: `node.arg` and the values it takes, in order (as written, for labels). */
export interface SweepAxis {
    node: string;
    arg: string;
    values: string[];
}

/** Which combination of a sweep a run is. */
export interface SweepCombination {
    /** The sweep's run id (its `sweep-start`). */
    id: string;
    /** 0-based, in the order the combinations run (the last axis varies fastest). */
    index: number;
    count: number;
    /** The value of each axis in this combination (as written), in axis order. */
    values: Array<{ node: string; arg: string; value: string }>;
}

/** A sweep begins: one run per combination of the axes' values follows, then its grids. */
export interface SweepStartEvent extends Base {
    event: 'sweep-start';
    workflow: string;
    file: string;
    outputDir: string;
    /** Rows (Y) first, then columns (X); further axes give one grid per combination of their values. */
    axes: SweepAxis[];
    combinations: number;
}

/** The sweep is over: every combination ran (and the grids were saved), or one failed or was cancelled. */
export interface SweepEndEvent extends Base {
    event: 'sweep-end';
    status: 'success' | 'error' | 'cancelled';
    ms: number;
    /** Combinations that finished successfully. */
    completed: number;
    combinations: number;
    /** Absolute paths of the comparison grids saved. */
    grids: string[];
}

export interface NodeStartEvent extends Base { event: 'node-start'; node: string; type: string }
export interface NodeCachedEvent extends Base { event: 'node-cached'; node: string; type: string; source: 'memory' | 'disk' }

export interface ProgressEvent extends Base {
    event: 'progress';
    node: string;
    value: number;
    max: number;
    /** E.g. { dLoss, gLoss, epoch, step } while training. */
    metrics?: Record<string, number>;
    /** Estimated milliseconds left for this node. */
    etaMs?: number;
}

export interface PreviewEvent extends Base {
    event: 'preview';
    node: string;
    /** Absolute path of a PNG sample grid (temporary). */
    path: string;
    step: number;
    width: number;
    height: number;
}

export interface ImageEvent extends Base {
    event: 'image';
    node: string;
    /** Absolute path of the PNG. */
    path: string;
    width: number;
    height: number;
    /** True for SaveImages outputs, false for PreviewImage temp files. */
    saved: boolean;
    /** Resolved arguments of the node that made the image (seed, count, ...). */
    args?: Record<string, unknown>;
    /** A sweep's comparison grid (sent with the sweep's run id, `node` = `sweep`). */
    grid?: SweepGridInfo;
}

export interface SweepGridInfo {
    /**
     * `node.arg` of the rows' and the columns' axis. A one-axis sweep has only one of them: its
     * values are one row (columns), or one column (rows) when there are more than six.
     */
    rows?: string;
    columns?: string;
    rowCount: number;
    columnCount: number;
    /** The values of further axes this grid is for, e.g. `seed=3`. */
    page?: string;
}

export interface NodeEndEvent extends Base { event: 'node-end'; node: string; type: string; ms: number }

export interface ErrorEvent extends Base {
    event: 'error';
    /** Absent when the error is not about one node (e.g. the file does not validate). */
    node?: string;
    message: string;
    uri?: string;
    range?: SourceRange;
    code?: string;
}

/** Something the user should know that did not stop the node (files skipped, prompt words unknown). */
export interface WarningEvent extends Base {
    event: 'warning';
    node: string;
    message: string;
    code?: string;
    /** What the warning is about, one entry each (file paths, words): shown as a list. */
    items?: string[];
}

export interface RunEndEvent extends Base {
    event: 'run-end';
    status: 'success' | 'error' | 'cancelled';
    ms: number;
    /** Counts of nodes that executed and that came from the cache. */
    executed: number;
    cached: number;
}

export type RunEvent =
    | RunStartEvent | NodeStartEvent | NodeCachedEvent | ProgressEvent | PreviewEvent
    | ImageEvent | NodeEndEvent | ErrorEvent | WarningEvent | RunEndEvent | SweepStartEvent | SweepEndEvent;

export type RunEventKind = RunEvent['event'];

/** Parses one JSON line; returns undefined for lines that are not run events (robust to noise). */
export function parseRunEvent(line: string): RunEvent | undefined {
    const text = line.trim();
    if (!text.startsWith('{')) return undefined;
    try {
        const value = JSON.parse(text) as { event?: unknown };
        return typeof value.event === 'string' ? (value as RunEvent) : undefined;
    } catch {
        return undefined;
    }
}
