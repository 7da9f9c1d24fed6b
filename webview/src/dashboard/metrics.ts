/**
 * Which metrics of a training the dashboard draws and how they group into charts (pure). A
 * node type's declared `MetricSpec`s win; a trainer that declares none (a workspace pack's,
 * say) still gets its numbers drawn, on one chart, so new trainers work before their schema
 * says anything.
 */
import type { MetricPoint, MetricSpec } from './contract.js';

/** Counters, not measurements: on a chart they would dwarf the losses. */
export const BOOKKEEPING_METRICS: ReadonlySet<string> = new Set(['step', 'epoch', 'resumedFrom']);

/** The one chart of a trainer's undeclared metrics. */
export const UNDECLARED_CHART = 'Metrics';

/** `specs` plus every finite, non-bookkeeping metric not in it yet; `specs` itself when nothing is new. */
export function inferSpecs(specs: MetricSpec[], metrics: Record<string, number>): MetricSpec[] {
    const known = new Set(specs.map(s => s.name));
    const added = Object.keys(metrics)
        .filter(name => !known.has(name) && !BOOKKEEPING_METRICS.has(name) && Number.isFinite(metrics[name]))
        .map(name => ({ name, label: name, chart: UNDECLARED_CHART }));
    return added.length > 0 ? [...specs, ...added] : specs;
}

/** The values of `specs` in `metrics` (finite ones only: a NaN loss would break the curve). */
export function pointOf(step: number, metrics: Record<string, number>, specs: MetricSpec[]): MetricPoint {
    const values: Record<string, number> = {};
    for (const { name } of specs) if (Number.isFinite(metrics[name])) values[name] = metrics[name];
    return { step, values };
}

export interface ChartGroup {
    chart: string;
    specs: MetricSpec[];
}

/** One group per distinct `chart`, in the order the charts first appear. */
export function chartGroups(specs: readonly MetricSpec[]): ChartGroup[] {
    const groups = new Map<string, MetricSpec[]>();
    for (const spec of specs) {
        const group = groups.get(spec.chart);
        if (group) group.push(spec); else groups.set(spec.chart, [spec]);
    }
    return [...groups].map(([chart, members]) => ({ chart, specs: members }));
}
