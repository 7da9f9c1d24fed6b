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
    | ImageEvent | NodeEndEvent | ErrorEvent | WarningEvent | RunEndEvent;

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
