/**
 * One graph view of one `.flow` document (webview/src/graph/README.md, host side): shows the
 * language server's graph, turns the view's edit intents into a WorkspaceEdit (the text stays
 * the source of truth: undo, dirty state and save behave as for typing), syncs the selection
 * both ways, and animates the runs of the file.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { FlowGraph, SourceRange, SubgraphGraph } from '../../../catalog/src/graph.js';
import type { CatalogJson } from '../../../catalog/src/catalog.js';
import type { EngineName } from '../../../catalog/src/engines.js';
import type { NodeSchema } from '../../../catalog/src/schema.js';
import {
    GRAPH_CHANGED_NOTIFICATION, GRAPH_REQUEST, type GraphChangedParams, type GraphRequestParams, type GraphRequestResult,
} from '../../../catalog/src/lsp-protocol.js';
import type { RunEvent } from '../../../catalog/src/run-events.js';
import { computeEdits, EditError } from '../../../editing/src/index.js';
import {
    GRAPH_VIEW_CONTRACT_VERSION, isEditIntent, packGraph, type HostToViewMessage, type RunState, type ViewToHostMessage,
} from '../../../webview/src/graph/contract.js';
import { buildGraphHtml } from '../../../webview/src/graph/html.js';
import { makeNonce } from '../../../webview/src/shared/csp.js';
import { readDataUri, ResourceRoots } from '../panels/image-source.js';
import type { ActiveRuns } from '../run/active-runs.js';
import { bodyRequests } from './body-requests.js';
import { catalogsOf } from './catalog-cache.js';
import { nodeAt } from './node-at.js';
import { fileKey, imagePathOf, type FileRunStates } from './run-states.js';

export interface GraphSessionDeps {
    extensionUri: vscode.Uri;
    /** The running language client (waits for its start; undefined when it could not start). */
    client: () => Promise<LanguageClient | undefined>;
    runs: ActiveRuns;
    runStates: FileRunStates;
}

type ImportedSubgraph = SubgraphGraph & { uri: string };

interface Shown {
    graph: FlowGraph;
    version: number;
    imported: ImportedSubgraph[];
    /** Every node type of the catalogs the view got (edits insert nodes with their schemas). */
    nodes: NodeSchema[];
}

export class GraphSession implements vscode.Disposable {
    private shown: Shown | undefined;
    private ready = false;
    private disposed = false;
    private readonly disposables: vscode.Disposable[] = [];
    /** Folders the view may load images from, besides the extension's dist/. */
    private readonly roots: ResourceRoots;
    /** Updates run one at a time; a request arriving meanwhile is coalesced into one more. */
    private updating: Promise<void> | undefined;
    private updateAgain = false;
    /** Run events are posted in order, though reading preview images is async. */
    private runQueue: Promise<void> = Promise.resolve();
    /** The body whose node was last highlighted from the text cursor (to clear it). */
    private highlightedBody: string | undefined;
    /**
     * The document version the server last said it validated. The graph request answers with
     * the server's current build, which lags the text while a change is queued there: a graph
     * is only trusted for the version the server has validated (edits are computed against it).
     */
    private serverVersion: number | undefined;

    constructor(
        private readonly document: vscode.TextDocument,
        private readonly panel: vscode.WebviewPanel,
        private readonly deps: GraphSessionDeps,
    ) {
        this.roots = new ResourceRoots(defaultOutputRoots(document.uri));
        const webview = panel.webview;
        webview.options = this.webviewOptions();
        webview.html = buildGraphHtml({
            scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(deps.extensionUri, 'dist', 'webview', 'graph.js')).toString(),
            cspSource: webview.cspSource,
            nonce: makeNonce(),
            title: path.basename(document.uri.path),
        });
        const stopBodyRequests = bodyRequests.onRequest(uri => { if (uri === document.uri.toString()) this.requestUpdate(); });
        this.disposables.push(
            { dispose: stopBodyRequests },
            webview.onDidReceiveMessage((m: ViewToHostMessage) => this.onMessage(m).catch(error => this.report(error))),
            vscode.window.onDidChangeTextEditorSelection(e => {
                if (e.textEditor.document === document) this.highlightAt(e.selections[0].active);
            }),
            deps.runs.onEvent(({ run, event }) => {
                if (fileKey(run.request.file) !== fileKey(document.uri.fsPath)) return;
                this.runQueue = this.runQueue.then(() => this.forwardRunEvent(event)).catch(error => this.report(error));
            }),
        );
        void this.subscribeToServer();
    }

    dispose(): void {
        this.disposed = true;
        for (const d of this.disposables.splice(0)) d.dispose();
    }

    private async subscribeToServer(): Promise<void> {
        const client = await this.deps.client();
        if (!client || this.disposed) return;
        this.disposables.push(client.onNotification(GRAPH_CHANGED_NOTIFICATION, (p: GraphChangedParams) => {
            if (p.uri !== this.document.uri.toString()) return;
            this.serverVersion = p.version;
            this.requestUpdate();
        }));
    }

    // ------------------------------------------------------------ graph

    private requestUpdate(): void {
        if (!this.ready) return; // `ready` triggers the first update
        if (this.updating) {
            this.updateAgain = true;
            return;
        }
        this.updating = this.update()
            .catch(error => this.report(error))
            .finally(() => {
                this.updating = undefined;
                if (this.updateAgain) {
                    this.updateAgain = false;
                    this.requestUpdate();
                }
            });
    }

    private async update(): Promise<void> {
        const client = await this.deps.client();
        if (!client || this.disposed) return;
        const version = this.document.version;
        // The server has not validated this text yet: its notification brings the next update.
        if (this.serverVersion !== undefined && this.serverVersion !== version) return;
        const uri = this.document.uri.toString();
        const graph = await client.sendRequest<GraphRequestResult>(GRAPH_REQUEST, { uri } satisfies GraphRequestParams);
        // A newer edit is on its way: its graphChanged notification brings the next update.
        if (!graph || version !== this.document.version || this.disposed) return;
        const importedUris = new Set(allNodes(graph).map(n => n.subgraph?.uri).filter((u): u is string => !!u && u !== graph.uri));
        const imported = (await Promise.all([...importedUris].map(async other => {
            const g = await client.sendRequest<GraphRequestResult>(GRAPH_REQUEST, { uri: other } satisfies GraphRequestParams);
            return (g?.subgraphs ?? []).map(s => ({ ...s, uri: other }));
        }))).flat();
        // The default engine's catalog, and those of the other engines the workflows run on.
        const catalogs = catalogsOf(client);
        const catalog = await catalogs.get();
        const engineCatalogs: Partial<Record<EngineName, CatalogJson>> = {};
        for (const engine of new Set(graph.workflows.map(w => w.engine).filter(e => e && e !== catalog.engine))) {
            engineCatalogs[engine] = await catalogs.get(engine);
        }
        if (version !== this.document.version || this.disposed) return;
        const nodes = [...catalog.nodes, ...Object.values(engineCatalogs).flatMap(c => c?.nodes ?? [])];
        this.shown = { graph, version, imported, nodes };
        // the workflow an "Open Graph" CodeLens asked for, if any (once)
        const body = bodyRequests.take(uri);
        await this.post({ type: 'update', graph: packGraph(graph), catalog, engineCatalogs, imported, documentVersion: version, ...(body ? { body } : {}) });
        const editor = vscode.window.visibleTextEditors.find(e => e.document === this.document);
        if (editor) this.highlightAt(editor.selection.active);
    }

    // ------------------------------------------------------------ view -> host

    private async onMessage(message: ViewToHostMessage): Promise<void> {
        if (!message || typeof message !== 'object') return;
        switch (message.type) {
            case 'ready':
                if (message.contractVersion !== GRAPH_VIEW_CONTRACT_VERSION) {
                    void vscode.window.showErrorMessage('Flow Studio: the graph view bundle does not match the extension; run `npm run build`.');
                    return;
                }
                this.ready = true;
                this.requestUpdate();
                await this.postSnapshot();
                return;
            case 'selectNode':
                if (message.range) this.revealInText(message.range);
                return;
            case 'reveal':
                await vscode.window.showTextDocument(vscode.Uri.parse(message.uri), {
                    viewColumn: this.textColumn() ?? vscode.ViewColumn.Beside, selection: toRange(message.range),
                });
                return;
        }
        if (!isEditIntent(message)) return;
        const shown = this.shown;
        // Stale: the view was showing an older text; it redraws with the current one soon.
        if (!shown || message.documentVersion !== shown.version || this.document.version !== shown.version) return;
        try {
            const edits = computeEdits(this.document.getText(), shown.graph, message, { catalog: shown.nodes, subgraphs: shown.imported });
            if (edits.length === 0) return;
            const edit = new vscode.WorkspaceEdit();
            for (const e of edits) edit.replace(this.document.uri, toRange(e.range), e.newText);
            if (!await vscode.workspace.applyEdit(edit)) {
                void vscode.window.showWarningMessage(`Flow Studio: VS Code refused the edit of ${path.basename(this.document.uri.fsPath)} (is it read-only?).`);
            }
        } catch (error) {
            if (error instanceof EditError) void vscode.window.showWarningMessage(`Flow Studio: ${error.message}`);
            else throw error;
        }
    }

    /** Selecting a node in the view moves the text editor's cursor to its statement. */
    private revealInText(range: SourceRange): void {
        const editor = vscode.window.visibleTextEditors.find(e => e.document === this.document);
        if (!editor) return;
        const start = new vscode.Position(range.start.line, range.start.character);
        editor.selection = new vscode.Selection(start, start);
        // the statement's start: revealing a long statement's whole range scrolls sideways
        editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }

    private textColumn(): vscode.ViewColumn | undefined {
        return vscode.window.visibleTextEditors.find(e => e.document === this.document)?.viewColumn;
    }

    // ------------------------------------------------------------ text -> view

    private highlightAt(position: vscode.Position): void {
        if (!this.shown || !this.ready) return;
        const at = nodeAt(this.shown.graph, { line: position.line, character: position.character });
        if (at) {
            if (this.highlightedBody && this.highlightedBody !== at.body) void this.post({ type: 'highlight', body: this.highlightedBody });
            this.highlightedBody = at.body;
            void this.post({ type: 'highlight', body: at.body, nodeId: at.nodeId });
        } else if (this.highlightedBody) {
            void this.post({ type: 'highlight', body: this.highlightedBody });
            this.highlightedBody = undefined;
        }
    }

    // ------------------------------------------------------------ runs

    private async forwardRunEvent(event: RunEvent): Promise<void> {
        if (event.event === 'run-start') this.addRoot(event.outputDir);
        if (!this.ready || this.disposed) return;
        const file = imagePathOf(event);
        const imageUri = file ? await this.imageSource(file) : undefined;
        await this.post({ type: 'runEvent', event, ...(imageUri ? { imageUri } : {}) });
    }

    /** A view opened during or after a run starts from the run's state. */
    private async postSnapshot(): Promise<void> {
        const state = this.deps.runStates.get(this.document.uri.fsPath);
        if (state.status === 'idle') return;
        const nodes: RunState['nodes'] = {};
        for (const [id, s] of Object.entries(state.nodes)) {
            // imageUri holds a file path in the shared state (see run-states.ts)
            const imageUri = s.imageUri ? await this.imageSource(s.imageUri) : undefined;
            nodes[id] = { ...s, imageUri: imageUri || undefined };
        }
        await this.post({ type: 'runSnapshot', state: { ...state, nodes } });
    }

    /**
     * A URI the view can load: output images through `asWebviewUri` (their folder is a
     * resource root), the engine's temporary previews inlined (they live outside the roots).
     */
    private async imageSource(file: string): Promise<string | undefined> {
        if (this.roots.covers(file)) return this.panel.webview.asWebviewUri(vscode.Uri.file(file)).toString();
        return (await readDataUri(file)) || undefined;
    }

    private addRoot(dir: string): void {
        if (this.roots.add(dir)) this.panel.webview.options = this.webviewOptions();
    }

    private webviewOptions(): vscode.WebviewOptions {
        return {
            enableScripts: true,
            localResourceRoots: [vscode.Uri.joinPath(this.deps.extensionUri, 'dist'), ...[...this.roots].map(r => vscode.Uri.file(r))],
        };
    }

    // ------------------------------------------------------------ plumbing

    private async post(message: HostToViewMessage): Promise<void> {
        if (this.disposed) return;
        await this.panel.webview.postMessage(message);
    }

    private report(error: unknown): void {
        if (this.disposed) return;
        const message = error instanceof Error ? error.message : String(error);
        console.error(`Flow Studio graph view (${this.document.uri.fsPath}): ${error instanceof Error ? error.stack : message}`);
        void vscode.window.showErrorMessage(`Flow Studio graph view: ${message}`);
    }
}

/** Where runs of this file write by default (the setting, or `flow-output/` next to the file). */
function defaultOutputRoots(uri: vscode.Uri): string[] {
    const roots = [path.join(path.dirname(uri.fsPath), 'flow-output')];
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const setting = vscode.workspace.getConfiguration('flowstudio', uri).get<string>('outputDirectory', '').trim();
    if (setting) roots.push(path.resolve(folder?.uri.fsPath ?? path.dirname(uri.fsPath), setting));
    return roots;
}

function allNodes(graph: FlowGraph) {
    return [...graph.workflows, ...graph.subgraphs].flatMap(b => b.nodes);
}

function toRange(r: SourceRange): vscode.Range {
    return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}
