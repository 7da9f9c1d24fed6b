/** Creates the shared webview plumbing of both panels: options, HTML with a fresh nonce. */
import * as vscode from 'vscode';
import { makeNonce } from '../../../webview/src/shared/csp.js';
import { GRAPH_VIEW_TYPE } from '../graph/graph-editor-provider.js';
import { columnBesideGraph } from './panel-column.js';

export function distUri(extensionUri: vscode.Uri): vscode.Uri {
    return vscode.Uri.joinPath(extensionUri, 'dist');
}

/** Scripts only, and resources only from the extension's dist/ and the given folders. */
export function panelOptions(extensionUri: vscode.Uri, roots: Iterable<string>): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
        enableScripts: true,
        enableCommandUris: false,
        localResourceRoots: [distUri(extensionUri), ...[...roots].map(r => vscode.Uri.file(r))],
    };
}

export type HtmlBuilder = (o: { scriptUri: string; cspSource: string; nonce: string }) => string;

export function setPanelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, bundle: 'outputs' | 'dashboard', build: HtmlBuilder): void {
    const script = webview.asWebviewUri(vscode.Uri.joinPath(distUri(extensionUri), 'webview', `${bundle}.js`));
    webview.html = build({ scriptUri: script.toString(), cspSource: webview.cspSource, nonce: makeNonce() });
}

/** Where to open a file from a panel so that it does not cover the panel. */
export function otherColumn(panel: vscode.WebviewPanel | undefined): vscode.ViewColumn {
    return panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
}

/** Where a run panel opens: beside the active editor, or right of a visible graph view (panel-column.ts). */
export function runPanelColumn(): vscode.ViewColumn {
    const groups = vscode.window.tabGroups.all.map(group => {
        const input = group.activeTab?.input;
        return { column: group.viewColumn, showsGraph: input instanceof vscode.TabInputCustom && input.viewType === GRAPH_VIEW_TYPE };
    });
    return (columnBesideGraph(groups) as vscode.ViewColumn | undefined) ?? vscode.ViewColumn.Beside;
}
