/**
 * The "Flow Graph" custom editor (`flowstudio.graph`, priority `option`: Open With, the Open
 * Graph CodeLens and "Open Graph View to the Side"). One GraphSession per open view.
 */
import * as vscode from 'vscode';
import { FileRunStates } from './run-states.js';
import { GraphSession, type GraphSessionDeps } from './graph-session.js';

export const GRAPH_VIEW_TYPE = 'flowstudio.graph';

export class GraphEditorProvider implements vscode.CustomTextEditorProvider {
    private constructor(private readonly deps: GraphSessionDeps) {}

    static register(context: vscode.ExtensionContext, deps: Omit<GraphSessionDeps, 'runStates'>): void {
        const runStates = new FileRunStates(deps.runs);
        const provider = new GraphEditorProvider({ ...deps, runStates });
        context.subscriptions.push(runStates, vscode.window.registerCustomEditorProvider(GRAPH_VIEW_TYPE, provider, {
            // Kept alive behind other tabs (the run panels open right of a visible graph view,
            // but it may be behind another tab): it keeps animating the run, and coming back
            // costs no re-layout.
            webviewOptions: { retainContextWhenHidden: true },
            supportsMultipleEditorsPerDocument: true,
        }));
    }

    resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
        const session = new GraphSession(document, panel, this.deps);
        panel.onDidDispose(() => session.dispose());
    }
}
