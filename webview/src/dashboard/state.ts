/**
 * The training dashboard state as a pure reducer of host messages (run by the host, to
 * re-send on open, and by the view, to render). It follows the latest run; its training
 * curves and previews stay on screen until the next run actually trains (a fully cached run
 * reports no progress, and an empty dashboard would tell less than the last training).
 * Long trainings are thinned, not truncated: the whole curve stays visible at lower density.
 */
import { formatDuration } from '../shared/format.js';
import type { DashboardEventMessage, DashboardHostMessage, DashboardState, PreviewFrame, TrainingView } from './contract.js';
import { inferSpecs, pointOf } from './metrics.js';

export const MAX_POINTS = 2000;
export const MAX_PREVIEWS = 120;

export const EMPTY_DASHBOARD: DashboardState = { status: 'idle', trainings: [], labels: {}, metricSpecs: {} };

export function reduceDashboard(state: DashboardState, message: DashboardHostMessage): DashboardState {
    return message.type === 'init' ? message.state : applyDashboardEvent(state, message);
}

export function applyDashboardEvent(state: DashboardState, message: DashboardEventMessage): DashboardState {
    const { event, src } = message;
    switch (event.event) {
        case 'run-start': {
            const labels: Record<string, string> = {};
            for (const n of event.nodes) labels[n.id] = n.label;
            const { endedAt: _ended, ...rest } = state;
            return {
                ...rest, runId: event.runId, workflow: event.workflow, status: 'running', startedAt: event.time, labels,
                metricSpecs: message.metrics ?? {},
            };
        }
        case 'run-end':
            if (event.runId !== state.runId) return state;
            return {
                ...state, status: event.status, endedAt: event.time,
                trainings: state.trainingRunId === event.runId ? state.trainings.map(t => ({ ...t, done: true, etaMs: undefined })) : state.trainings,
            };
        case 'progress':
            if (!event.metrics) return state; // not a training node (nothing to draw)
            return updateTraining(state, event.runId, event.node, t => {
                const metrics = event.metrics!;
                const specs = t.declared ? t.specs : inferSpecs(t.specs, metrics);
                const point = pointOf(metrics.step ?? event.value, metrics, specs);
                const points = t.points.length > 0 && t.points[t.points.length - 1].step === point.step
                    ? [...t.points.slice(0, -1), point] : thin([...t.points, point], MAX_POINTS);
                return {
                    ...t, value: event.value, max: event.max, metrics: { ...metrics }, specs, points,
                    ...(metrics.epoch !== undefined ? { epoch: metrics.epoch } : {}), etaMs: event.etaMs,
                    done: event.value >= event.max && event.max > 0,
                };
            });
        case 'preview': {
            if (!src) return state;
            const frame: PreviewFrame = { step: event.step, src, width: event.width, height: event.height };
            return updateTraining(state, event.runId, event.node, t => ({
                ...t, previews: thin([...t.previews.filter(p => p.step !== frame.step), frame], MAX_PREVIEWS),
            }));
        }
        case 'node-end': {
            if (state.trainingRunId !== event.runId || !state.trainings.some(t => t.node === event.node)) return state;
            return { ...state, trainings: state.trainings.map(t => (t.node === event.node ? { ...t, done: true, etaMs: undefined } : t)) };
        }
        default:
            return state;
    }
}

function updateTraining(state: DashboardState, runId: string, node: string, update: (t: TrainingView) => TrainingView): DashboardState {
    // The first training event of a newer run replaces the previous run's curves.
    const fresh = state.trainingRunId !== runId;
    const trainings = fresh ? [] : state.trainings;
    const existing = trainings.find(t => t.node === node);
    const declared = state.metricSpecs[node];
    const base: TrainingView = existing ?? {
        node, label: state.labels[node] ?? node, value: 0, max: 0, metrics: {}, specs: declared ?? [], declared: declared !== undefined,
        points: [], previews: [], done: false,
    };
    const next = update(base);
    return {
        ...state,
        trainingRunId: runId,
        trainingWorkflow: runId === state.runId ? state.workflow : state.trainingWorkflow,
        trainings: existing ? trainings.map(t => (t === existing ? next : t)) : [...trainings, next],
    };
}

/**
 * Keeps at most `max` items by dropping every other item of the older half: the newest
 * stay dense, the start stays present, and the result is deterministic.
 */
export function thin<T>(items: T[], max: number): T[] {
    if (items.length <= max) return items;
    const half = Math.floor(items.length / 2);
    const older = items.slice(0, half).filter((_, i) => i % 2 === 0);
    return [...older, ...items.slice(half)];
}

/** `Step 60 / 124 · Epoch 1 · ETA 0:32` parts for the header. */
export function progressSummary(t: TrainingView): { step: string; epoch: string; eta: string; percent: number } {
    const percent = t.max > 0 ? Math.min(100, Math.round((t.value / t.max) * 100)) : 0;
    return {
        step: t.max > 0 ? `${t.value} / ${t.max}` : String(t.value),
        epoch: t.epoch !== undefined ? String(t.epoch) : '—',
        eta: t.done ? 'done' : formatDuration(t.etaMs),
        percent,
    };
}
