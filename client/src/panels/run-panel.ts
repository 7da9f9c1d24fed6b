/**
 * What the Outputs panel and the training dashboard share on the host side: at most one
 * webview panel (created beside the editor or adopted from a reload, with its options, HTML
 * and subscriptions), run events handled one after the other (handling may read files, and
 * the views depend on their order), and disposal.
 */
import * as vscode from 'vscode';
import type { RunEvent } from '../../../catalog/src/run-events.js';
import { panelOptions, runPanelColumn, setPanelHtml, type HtmlBuilder } from './panel-html.js';

/** Which view a run panel shows. */
export interface RunPanelView {
    viewType: string;
    title: string;
    /** The view's script: dist/webview/<bundle>.js. */
    bundle: 'outputs' | 'dashboard';
    buildHtml: HtmlBuilder;
}

export abstract class RunPanel implements vscode.Disposable {
    protected panel: vscode.WebviewPanel | undefined;
    /** The view has said it is ready for messages. */
    protected ready = false;
    protected readonly disposables: vscode.Disposable[] = [];
    private queue: Promise<void> = Promise.resolve();

    constructor(private readonly label: string, protected readonly extensionUri: vscode.Uri, private readonly view: RunPanelView) {}

    /** Feeds one run event (call it for every event of every run, in order). */
    feed(event: RunEvent): void {
        this.queue = this.queue.then(() => this.process(event)).catch(error => {
            console.error(`Flow Studio ${this.label}: ${error instanceof Error ? error.stack : error}`);
        });
    }

    /** Resolves when every event fed so far is handled (tests, and ordered shutdown). */
    settled(): Promise<void> {
        return this.queue;
    }

    get isOpen(): boolean {
        return this.panel !== undefined;
    }

    /**
     * Opens (or reveals) the panel beside the active editor, or right of a visible graph
     * view (which animates the run, so it is not covered).
     */
    show(preserveFocus = false): void {
        if (this.panel) {
            this.panel.reveal(undefined, preserveFocus);
            return;
        }
        const panel = vscode.window.createWebviewPanel(
            this.view.viewType, this.view.title, { viewColumn: runPanelColumn(), preserveFocus },
            panelOptions(this.extensionUri, this.resourceRoots()),
        );
        this.adopt(panel);
    }

    dispose(): void {
        this.panel?.dispose();
        for (const d of this.disposables) d.dispose();
    }

    /** Makes `panel` (new, or restored after a reload) this panel's view. */
    protected adopt(panel: vscode.WebviewPanel): void {
        this.panel = panel;
        this.ready = false;
        panel.webview.options = panelOptions(this.extensionUri, this.resourceRoots());
        setPanelHtml(panel.webview, this.extensionUri, this.view.bundle, this.view.buildHtml);
        const subscriptions = [
            panel.webview.onDidReceiveMessage(message => this.onMessage(message)),
            // A hidden panel loses its document (no retainContextWhenHidden), and the document
            // VS Code makes when it shows again says `ready` before it has the history. Until
            // then nothing is posted: messages to a hidden webview are dropped, and messages
            // that reach the new document before `init` would show runs without what came
            // before (their start, say).
            panel.onDidChangeViewState(() => {
                if (!panel.visible && this.panel === panel) this.ready = false;
            }),
            panel.onDidDispose(() => {
                if (this.panel !== panel) return;
                this.panel = undefined;
                this.ready = false;
                for (const s of subscriptions) s.dispose();
            }),
        ];
    }

    /** Folders the view may load files from, besides the extension's dist/. */
    protected resourceRoots(): Iterable<string> {
        return [];
    }

    protected abstract onMessage(message: unknown): void;

    protected abstract process(event: RunEvent): Promise<void>;
}
