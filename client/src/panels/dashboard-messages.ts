/**
 * What the dashboard host sends for a run event (pure, no vscode: the browser tests' fake host
 * sends the same). The view has no catalog, so the host looks up, at `run-start`, the metrics
 * each planned node's type declares.
 */
import { getNodeSchema, type MetricSpec } from '../../../catalog/src/index.js';
import type { RunEvent } from '../../../catalog/src/run-events.js';
import type { DashboardEventMessage } from '../../../webview/src/dashboard/contract.js';

/** The metrics a node type declares, if it is known and declares any. */
export type MetricLookup = (nodeType: string) => readonly MetricSpec[] | undefined;

/**
 * The built-in schemas: the fallback of the extension's lookup (`catalogMetrics`, which reads
 * the language server's catalog, workspace packs' trainers included) and the tests' lookup.
 */
export const builtinMetrics: MetricLookup = type => getNodeSchema(type)?.metrics;

/** `src`: the preview grid as a data: URI (preview events). */
export function dashboardEventMessage(event: RunEvent, lookup: MetricLookup, src?: string): DashboardEventMessage {
    if (event.event === 'run-start') {
        const metrics: Record<string, MetricSpec[]> = {};
        for (const node of event.nodes) {
            const specs = lookup(node.type);
            if (specs && specs.length > 0) metrics[node.id] = specs.map(s => ({ name: s.name, label: s.label, chart: s.chart }));
        }
        return { type: 'event', event, metrics };
    }
    return { type: 'event', event, ...(src !== undefined ? { src } : {}) };
}
