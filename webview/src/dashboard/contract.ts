/**
 * Every message between the extension host (client/src/panels/dashboard-panel.ts) and the
 * training dashboard webview, plus the state both reduce run events into (state.ts).
 * Pure types: no DOM, no VS Code API, no Node built-ins.
 */
import type { RunEvent } from '../../../catalog/src/run-events.js';
import type { MetricSpec } from '../../../catalog/src/schema.js';

export type { MetricSpec };

export const DASHBOARD_VIEW_TYPE = 'flowstudio.dashboard';

/** One training step: the finite values of the drawn metrics (`metrics` of a `progress` event), by name. */
export interface MetricPoint { step: number; values: Record<string, number> }

export interface PreviewFrame {
    step: number;
    /** A `data:` URI (preview grids live in the engine's temp folder, outside the resource roots). */
    src: string;
    width: number;
    height: number;
}

/** One training node (TrainGAN, TrainDiffusion, a pack's trainer) of the shown run. */
export interface TrainingView {
    node: string;
    label: string;
    value: number;
    max: number;
    epoch?: number;
    etaMs?: number;
    /** Latest metrics as reported (dLoss, gLoss, epoch, step, ...). */
    metrics: Record<string, number>;
    /**
     * What is drawn: the node type's declared metrics, or, for a trainer that declares none,
     * every numeric metric it has reported (bookkeeping aside) on one chart.
     */
    specs: MetricSpec[];
    /** `specs` come from the schema; otherwise they grow with each newly reported metric. */
    declared: boolean;
    points: MetricPoint[];
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
    /** Declared metrics of the latest run's nodes that declare any, by node id (sent by the host). */
    metricSpecs: Record<string, MetricSpec[]>;
}

// ---------------------------------------------------------------- host -> view

export interface DashboardInitMessage { type: 'init'; state: DashboardState }
/**
 * One run event. For `preview` events the host adds `src` (a data: URI of the grid); for
 * `run-start` it adds `metrics`, the declared metrics of the planned nodes by node id (the view
 * has no catalog, and workspace packs may declare trainers the view cannot know).
 */
export interface DashboardEventMessage { type: 'event'; event: RunEvent; src?: string; metrics?: Record<string, MetricSpec[]> }

export type DashboardHostMessage = DashboardInitMessage | DashboardEventMessage;

// ---------------------------------------------------------------- view -> host

export interface DashboardReadyMessage { type: 'ready' }
/** Open the preview grid shown (its temp file) in an editor. */
export interface OpenPreviewMessage { type: 'open-preview'; node: string; step: number }

export type DashboardViewMessage = DashboardReadyMessage | OpenPreviewMessage;

/** Version 2: generic metrics (version 1 had GAN losses only and is not restored). */
export interface DashboardPersistedState { version: 2; state: DashboardState }

export function isDashboardViewMessage(value: unknown): value is DashboardViewMessage {
    if (!value || typeof value !== 'object') return false;
    const m = value as Record<string, unknown>;
    if (m.type === 'ready') return true;
    return m.type === 'open-preview' && typeof m.node === 'string' && typeof m.step === 'number';
}
