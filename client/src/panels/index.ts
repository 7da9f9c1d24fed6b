/**
 * The run panels (Outputs, Training dashboard) for the extension: one call registers both
 * (webview serializers for reload, the Show commands) and returns `feed`, which the run
 * integration calls with every run event of every run, in order.
 */
import * as vscode from 'vscode';
import type { RunEvent } from '../../../catalog/src/run-events.js';
import { DashboardPanel } from './dashboard-panel.js';
import { catalogMetrics } from '../graph/catalog-cache.js';
import { OutputsPanel } from './outputs-panel.js';

export const SHOW_OUTPUTS_COMMAND = 'flowstudio.showOutputs';
export const SHOW_DASHBOARD_COMMAND = 'flowstudio.showTrainingDashboard';

export interface RunPanels {
    readonly outputs: OutputsPanel;
    readonly dashboard: DashboardPanel;
    /** Forwards a run event to both panels. */
    feed(event: RunEvent): void;
}

export function registerRunPanels(context: vscode.ExtensionContext): RunPanels {
    const outputs = new OutputsPanel({ extensionUri: context.extensionUri });
    const dashboard = new DashboardPanel({ extensionUri: context.extensionUri, metrics: catalogMetrics });
    context.subscriptions.push(
        outputs, dashboard,
        vscode.commands.registerCommand(SHOW_OUTPUTS_COMMAND, () => outputs.show()),
        vscode.commands.registerCommand(SHOW_DASHBOARD_COMMAND, () => dashboard.show()),
    );
    return {
        outputs, dashboard,
        feed(event) {
            outputs.feed(event);
            dashboard.feed(event);
        },
    };
}
