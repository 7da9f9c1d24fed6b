/**
 * The training dashboard on the host side: opens beside the editor when a run starts
 * training (the first progress event with metrics), forwards run events with preview grids
 * inlined as data: URIs (they live in the engine's temp folder, outside the resource roots),
 * and restores after a reload from the view's persisted state.
 */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { RunEvent } from '../../../catalog/src/run-events.js';
import {
    DASHBOARD_VIEW_TYPE, isDashboardViewMessage, type DashboardHostMessage, type DashboardPersistedState, type DashboardState,
} from '../../../webview/src/dashboard/contract.js';
import { buildDashboardHtml } from '../../../webview/src/dashboard/html.js';
import { EMPTY_DASHBOARD, reduceDashboard } from '../../../webview/src/dashboard/state.js';
import { builtinMetrics, dashboardEventMessage, type MetricLookup } from './dashboard-messages.js';
import { readDataUri } from './image-source.js';
import { otherColumn } from './panel-html.js';
import { RunPanel } from './run-panel.js';

export interface DashboardPanelOptions {
    extensionUri: vscode.Uri;
    /** Metrics declared by a node type (default: the built-in schemas). */
    metrics?: MetricLookup;
}

export class DashboardPanel extends RunPanel {
    private state: DashboardState = EMPTY_DASHBOARD;
    /** Runs that already opened the panel once: closing it keeps it closed for that run. */
    private readonly opened = new Set<string>();
    /** Preview files by `node@step`, for "open this preview". */
    private readonly previewFiles = new Map<string, string>();
    private readonly metrics: MetricLookup;

    constructor(options: DashboardPanelOptions) {
        super('dashboard', options.extensionUri, { viewType: DASHBOARD_VIEW_TYPE, title: 'Flow Training', bundle: 'dashboard', buildHtml: buildDashboardHtml });
        this.metrics = options.metrics ?? builtinMetrics;
        this.disposables.push(vscode.window.registerWebviewPanelSerializer(DASHBOARD_VIEW_TYPE, {
            deserializeWebviewPanel: async (panel, persisted: unknown) => {
                const saved = persisted as DashboardPersistedState | undefined;
                // A run that was going on when the window went away did not finish in this one.
                if (saved?.version === 2 && this.state === EMPTY_DASHBOARD) {
                    this.state = saved.state.status === 'running' ? { ...saved.state, status: 'cancelled' } : saved.state;
                }
                this.adopt(panel);
            },
        }));
    }

    protected async process(event: RunEvent): Promise<void> {
        if (event.event === 'run-start') this.previewFiles.clear();
        const training = (event.event === 'progress' && event.metrics !== undefined) || event.event === 'preview';
        if (training && !this.opened.has(event.runId)) {
            this.opened.add(event.runId);
            if (!this.panel) this.show(true);
        }
        let src: string | undefined;
        if (event.event === 'preview') {
            src = await readDataUri(event.path);
            this.previewFiles.set(`${event.node}@${event.step}`, event.path);
        }
        const message = dashboardEventMessage(event, this.metrics, src);
        this.state = reduceDashboard(this.state, message);
        if (this.panel && this.ready) void this.panel.webview.postMessage(message);
    }

    protected onMessage(message: unknown): void {
        if (!isDashboardViewMessage(message)) return;
        if (message.type === 'ready') {
            this.ready = true;
            void this.panel?.webview.postMessage({ type: 'init', state: this.state } satisfies DashboardHostMessage);
            return;
        }
        const file = this.previewFiles.get(`${message.node}@${message.step}`);
        if (!file || !existsSync(file)) {
            void vscode.window.showInformationMessage('Flow Studio: that preview grid was a temporary file of the run and is gone.');
            return;
        }
        void vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file), { viewColumn: otherColumn(this.panel), preview: true });
    }
}
