/**
 * Every message between the extension host (client/src/panels/dashboard-panel.ts) and the
 * training dashboard webview, plus the state both reduce run events into (state.ts).
 * Pure types: no DOM, no VS Code API, no Node built-ins.
 */
import type { RunEvent } from '../../../catalog/src/run-events.js';

export const DASHBOARD_VIEW_TYPE = 'flowstudio.dashboard';

/** One training step's losses (`metrics` of a `progress` event). */
export interface LossPoint { step: number; dLoss?: number; gLoss?: number }

export interface PreviewFrame {
    step: number;
    /** A `data:` URI (preview grids live in the engine's temp folder, outside the resource roots). */
    src: string;
    width: number;
    height: number;
}

/** One training node (TrainGAN) of the shown run. */
export interface TrainingView {
    node: string;
    label: string;
    value: number;
    max: number;
    epoch?: number;
    etaMs?: number;
    /** Latest metrics as reported (dLoss, gLoss, epoch, step, ...). */
    metrics: Record<string, number>;
    points: LossPoint[];
    previews: PreviewFrame[];
    done: boolean;
}

export type DashboardRunStatus = 'idle' | 'running' | 'success' | 'error' | 'cancelled';

export interface DashboardState {
    /** The latest run the panel heard of. */
    runId?: string;
    workflow?: string;
    status: DashboardRunStatus;
    startedAt?: number;
    endedAt?: number;
    /** Run the training views belong to: an earlier one until the current run trains. */
    trainingRunId?: string;
    trainingWorkflow?: string;
    trainings: TrainingView[];
    labels: Record<string, string>;
}

// ---------------------------------------------------------------- host -> view

export interface DashboardInitMessage { type: 'init'; state: DashboardState }
/** One run event; for `preview` events the host adds `src` (a data: URI of the grid). */
export interface DashboardEventMessage { type: 'event'; event: RunEvent; src?: string }

export type DashboardHostMessage = DashboardInitMessage | DashboardEventMessage;

// ---------------------------------------------------------------- view -> host

export interface DashboardReadyMessage { type: 'ready' }
/** Open the preview grid shown (its temp file) in an editor. */
export interface OpenPreviewMessage { type: 'open-preview'; node: string; step: number }

export type DashboardViewMessage = DashboardReadyMessage | OpenPreviewMessage;

export interface DashboardPersistedState { version: 1; state: DashboardState }

export function isDashboardViewMessage(value: unknown): value is DashboardViewMessage {
    if (!value || typeof value !== 'object') return false;
    const m = value as Record<string, unknown>;
    if (m.type === 'ready') return true;
    return m.type === 'open-preview' && typeof m.node === 'string' && typeof m.step === 'number';
}
