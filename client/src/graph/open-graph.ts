/**
 * "Flow Studio: Open Graph View to the Side": the Flow Graph custom editor beside the text.
 * Invoked from the palette and the editor title (a Uri or nothing) and from the server's
 * "Open Graph" CodeLens (the document URI as a string, and the workflow name: the view shows
 * that workflow; without a name it shows the file's first workflow, or the one it showed).
 */
import * as vscode from 'vscode';
import { OPEN_GRAPH_COMMAND } from '../../../catalog/src/lsp-protocol.js';
import { bodyRequests } from './body-requests.js';
import { GRAPH_VIEW_TYPE } from './graph-editor-provider.js';

export function registerOpenGraphCommand(context: vscode.ExtensionContext): void {
    context.subscriptions.push(vscode.commands.registerCommand(OPEN_GRAPH_COMMAND, async (target?: unknown, workflow?: unknown) => {
        const uri = targetUri(target);
        if (!uri) {
            void vscode.window.showInformationMessage('Flow Studio: open a .flow file to see its graph.');
            return;
        }
        // before openWith: a view that is already open reveals itself instead of loading
        if (typeof workflow === 'string' && workflow) bodyRequests.request(uri.toString(), workflow);
        await vscode.commands.executeCommand('vscode.openWith', uri, GRAPH_VIEW_TYPE,
            { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false });
    }));
}

function targetUri(target: unknown): vscode.Uri | undefined {
    if (target instanceof vscode.Uri) return target;
    if (typeof target === 'string') return vscode.Uri.parse(target);
    const document = vscode.window.activeTextEditor?.document;
    return document?.languageId === 'flow' ? document.uri : undefined;
}
