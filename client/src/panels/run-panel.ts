/**
 * What the Outputs panel and the training dashboard share on the host side: at most one
 * webview panel, run events handled one after the other (handling may read files, and the
 * views depend on their order), and disposal.
 */
import type * as vscode from 'vscode';
import type { RunEvent } from '../../../catalog/src/run-events.js';

export abstract class RunPanel implements vscode.Disposable {
    protected panel: vscode.WebviewPanel | undefined;
    /** The view has said it is ready for messages. */
    protected ready = false;
    protected readonly disposables: vscode.Disposable[] = [];
    private queue: Promise<void> = Promise.resolve();

    constructor(private readonly label: string) {}

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

    dispose(): void {
        this.panel?.dispose();
        for (const d of this.disposables) d.dispose();
    }

    /**
     * A hidden panel loses its document (no retainContextWhenHidden), and the document VS Code
     * makes when it shows again says `ready` before it has the history. Until then nothing is
     * posted: messages to a hidden webview are dropped, and messages that reach the new
     * document before `init` would show runs without what came before (their start, say).
     */
    protected forgetViewWhenHidden(panel: vscode.WebviewPanel): vscode.Disposable {
        return panel.onDidChangeViewState(() => {
            if (!panel.visible && this.panel === panel) this.ready = false;
        });
    }

    protected abstract process(event: RunEvent): Promise<void>;
}
