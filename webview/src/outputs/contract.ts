/**
 * Every message between the extension host (client/src/panels/outputs-panel.ts) and the
 * Outputs webview, plus the view state both sides reduce run events into (state.ts). Pure
 * types: no DOM, no VS Code API, no Node built-ins.
 */
import type { RunEvent } from '../../../catalog/src/run-events.js';

export const OUTPUTS_VIEW_TYPE = 'flowstudio.outputs';

export type OutputRunStatus = 'running' | 'success' | 'error' | 'cancelled' | 'restored';

export interface OutputImage {
    /** Absolute file path (what open/reveal/copy act on). */
    path: string;
    /** What the view loads: a webview resource URI or a `data:` URI; '' when the file is gone. */
    src: string;
    width: number;
    height: number;
    /** False for PreviewImage temp files (not in the output folder). */
    saved: boolean;
    /** Resolved arguments of the producing node (`node`, `type`, `seed`, `count`, ...). */
    args?: Record<string, unknown>;
    /** When the engine reported (or wrote) it, ms since the epoch. */
    time: number;
}

export interface OutputNodeGroup {
    /** Exec node id of the node that reported the images (SaveImages, PreviewImage). */
    id: string;
    label: string;
    type: string;
    images: OutputImage[];
}

export interface OutputRun {
    runId: string;
    workflow: string;
    /** The .flow file. */
    file?: string;
    outputDir?: string;
    status: OutputRunStatus;
    startedAt: number;
    endedAt?: number;
    /** Node being computed while running. */
    currentNode?: string;
    /** Error messages of the run (first few). */
    errors: string[];
    nodes: OutputNodeGroup[];
    /** Labels and types of the planned nodes (from run-start), to name groups. */
    planned: Record<string, { label: string; type: string }>;
    /**
     * A sweep: its combinations' runs fold into this one entry (their run ids → what each
     * combination's values read), their images grouped per combination after the grid.
     */
    combinations?: Record<string, string>;
}

export interface OutputsState {
    /** Newest first. */
    runs: OutputRun[];
}

// ---------------------------------------------------------------- host -> view

/** The whole state (when the view becomes ready, and after a restore). */
export interface InitMessage { type: 'init'; state: OutputsState }

/**
 * One run event as the engine emitted it. For `image` events the host adds `src`, the
 * webview-loadable URI of `event.path`.
 */
export interface EventMessage { type: 'event'; event: RunEvent; src?: string }

/** Runs found in the output folders after a reload; merged under the live ones. */
export interface RestoredMessage { type: 'restored'; runs: OutputRun[] }

export type OutputsHostMessage = InitMessage | EventMessage | RestoredMessage;

// ---------------------------------------------------------------- view -> host

export interface ReadyMessage { type: 'ready' }
export interface OpenFileMessage { type: 'open-file'; path: string }
/** Reveal in the Explorer when inside the workspace, else in the OS file manager. */
export interface RevealMessage { type: 'reveal'; path: string; target: 'explorer' | 'os' }
export interface CopyPathMessage { type: 'copy-path'; path: string }

export type OutputsViewMessage = ReadyMessage | OpenFileMessage | RevealMessage | CopyPathMessage;

/** What the view persists with `setState` (and the serializer hands back after a reload). */
export interface OutputsPersistedState {
    version: 1;
    /** Runs without `data:` sources (temporary images are not worth keeping). */
    runs: OutputRun[];
    /** Run ids the user collapsed. */
    collapsed: string[];
}

export function isOutputsViewMessage(value: unknown): value is OutputsViewMessage {
    if (!value || typeof value !== 'object') return false;
    const m = value as Record<string, unknown>;
    switch (m.type) {
        case 'ready': return true;
        case 'open-file': case 'copy-path': return typeof m.path === 'string';
        case 'reveal': return typeof m.path === 'string' && (m.target === 'explorer' || m.target === 'os');
        default: return false;
    }
}
