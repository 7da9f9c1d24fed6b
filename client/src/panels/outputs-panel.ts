/**
 * The Outputs panel on the host side: opens beside the editor (right of a visible graph
 * view) when a run starts, forwards run events (with webview-loadable image URIs) to the
 * view, acts on its file requests, and
 * after a reload rebuilds the history from the output folders (output-scanner, restore-runs).
 * The host reduces the same messages as the view (webview/src/outputs/state.ts), so a panel
 * opened later, or re-created, gets the whole history in one `init`.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunEvent } from '../../../catalog/src/run-events.js';
import {
    isOutputsViewMessage, OUTPUTS_VIEW_TYPE, type OutputRun, type OutputsHostMessage, type OutputsPersistedState, type OutputsState,
} from '../../../webview/src/outputs/contract.js';
import { buildOutputsHtml } from '../../../webview/src/outputs/html.js';
import { allImages, EMPTY_OUTPUTS, reduceOutputs } from '../../../webview/src/outputs/state.js';
import { readDataUri, ResourceRoots } from './image-source.js';
import { outputRoots } from './output-roots.js';
import { scanOutputFolder } from './output-scanner.js';
import { otherColumn, panelOptions } from './panel-html.js';
import { restoreRuns } from './restore-runs.js';
import { RunPanel } from './run-panel.js';

export interface OutputsPanelOptions {
    extensionUri: vscode.Uri;
}

export class OutputsPanel extends RunPanel {
    private state: OutputsState = EMPTY_OUTPUTS;
    private readonly roots = new ResourceRoots();
    private historyLoaded = false;
    /** Runs whose first image brought the panel to the front (once per run). */
    private readonly surfaced = new Set<string>();

    constructor(options: OutputsPanelOptions) {
        super('outputs panel', options.extensionUri, { viewType: OUTPUTS_VIEW_TYPE, title: 'Flow Outputs', bundle: 'outputs', buildHtml: buildOutputsHtml });
        // The configured roots are found when the history loads (before the panel shows it).
        this.disposables.push(vscode.window.registerWebviewPanelSerializer(OUTPUTS_VIEW_TYPE, {
            deserializeWebviewPanel: async (panel, persisted: unknown) => {
                const saved = isPersisted(persisted) ? persisted : undefined;
                for (const run of saved?.runs ?? []) if (run.outputDir && path.isAbsolute(run.outputDir)) this.addRoot(run.outputDir);
                // Scan first, so the view's first `init` already has the history.
                await this.loadHistory(saved?.runs ?? []);
                this.adopt(panel);
            },
        }));
    }

    /**
     * Opens (or reveals) the panel beside the active editor, or right of a visible graph
     * view (which animates the run, so it is not covered). Runs open it on their start
     * (without focus); closing it keeps it closed until the next run starts.
     */
    override show(preserveFocus = false): void {
        if (!this.panel && !this.historyLoaded) void this.loadHistory([]);
        super.show(preserveFocus);
    }

    protected async process(event: RunEvent): Promise<void> {
        let src: string | undefined;
        if (event.event === 'run-start' || event.event === 'sweep-start') {
            this.addRoot(event.outputDir);
            if (!this.panel) this.show(true);
        } else if (event.event === 'image') {
            // Saved images are served from the output folder; temporary ones are inlined.
            src = this.roots.covers(event.path) ? '' : await readDataUri(event.path);
            // The training dashboard shares the column and may have covered the panel: the
            // first image of a run brings it back to the front (but a closed panel stays closed).
            if (this.panel && !this.surfaced.has(event.runId)) {
                this.surfaced.add(event.runId);
                if (!this.panel.visible) this.panel.reveal(undefined, true);
            }
        }
        this.apply({ type: 'event', event, ...(src !== undefined ? { src } : {}) });
    }

    private apply(message: OutputsHostMessage): void {
        this.state = reduceOutputs(this.state, message);
        if (!this.panel || !this.ready) return;
        if (message.type === 'event' && message.event.event === 'image' && message.src === '') {
            void this.panel.webview.postMessage({ ...message, src: this.sourceOf(message.event.path) });
        } else if (message.type === 'restored') {
            void this.panel.webview.postMessage({ type: 'restored', runs: this.withSources(message.runs) });
        } else {
            void this.panel.webview.postMessage(message);
        }
    }

    private async loadHistory(persisted: OutputRun[]): Promise<void> {
        this.historyLoaded = true;
        for (const root of await this.configuredRoots()) this.addRoot(root);
        // A folder inside another one is scanned with it, not twice.
        const scans = await Promise.all(this.roots.outermost().map(async root => ({ root, images: await scanOutputFolder(root) })));
        this.apply({ type: 'restored', runs: restoreRuns(persisted, scans) });
    }

    protected onMessage(message: unknown): void {
        if (!isOutputsViewMessage(message)) return;
        if (message.type === 'ready') {
            this.ready = true;
            void this.panel?.webview.postMessage({ type: 'init', state: { runs: this.withSources(this.state.runs) } } satisfies OutputsHostMessage);
            return;
        }
        // Act only on files the panel shows: the view is not trusted with arbitrary paths.
        if (!allImages(this.state).some(e => e.image.path === message.path)) {
            void vscode.window.showWarningMessage(`Flow Studio: ${message.path} is not an output of a run shown in the panel.`);
            return;
        }
        const uri = vscode.Uri.file(message.path);
        switch (message.type) {
            case 'open-file':
                void vscode.commands.executeCommand('vscode.open', uri, { viewColumn: otherColumn(this.panel), preview: true });
                break;
            case 'reveal':
                if (message.target === 'explorer' && vscode.workspace.getWorkspaceFolder(uri)) void vscode.commands.executeCommand('revealInExplorer', uri);
                else void vscode.commands.executeCommand('revealFileInOS', uri);
                break;
            case 'copy-path':
                void vscode.env.clipboard.writeText(message.path).then(() => vscode.window.setStatusBarMessage(`Copied ${path.basename(message.path)} path`, 3000));
                break;
        }
    }

    private withSources(runs: OutputRun[]): OutputRun[] {
        return runs.map(run => ({
            ...run,
            nodes: run.nodes.map(n => ({
                ...n, images: n.images.map(i => (i.src.startsWith('data:') ? i : { ...i, src: this.sourceOf(i.path) })),
            })),
        }));
    }

    private sourceOf(file: string): string {
        if (!this.panel || !this.roots.covers(file)) return '';
        return this.panel.webview.asWebviewUri(vscode.Uri.file(file)).toString();
    }

    protected override resourceRoots(): Iterable<string> {
        return this.roots;
    }

    private addRoot(dir: string): void {
        if (this.roots.add(dir) && this.panel) this.panel.webview.options = panelOptions(this.extensionUri, this.roots);
    }

    /** `flowstudio.outputDirectory` of each workspace folder, or its `flow-output` folders when the setting is empty. */
    private async configuredRoots(): Promise<string[]> {
        const perFolder = await Promise.all((vscode.workspace.workspaceFolders ?? []).map(folder => {
            const setting = vscode.workspace.getConfiguration('flowstudio', folder.uri).get<string>('outputDirectory', '');
            return outputRoots(folder.uri.fsPath, setting);
        }));
        return perFolder.flat();
    }
}

function isPersisted(value: unknown): value is OutputsPersistedState {
    return !!value && typeof value === 'object' && (value as OutputsPersistedState).version === 1 && Array.isArray((value as OutputsPersistedState).runs);
}
