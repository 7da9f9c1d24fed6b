/**
 * Commands whose feature has not landed yet. They are registered (the server's CodeLenses and
 * the editor title button invoke them) but say plainly that the feature is not there yet and
 * what to use meanwhile, instead of pretending to work. (Open Graph: until the graph view lands.)
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { OPEN_GRAPH_COMMAND } from '../../catalog/src/lsp-protocol.js';

export function registerPlaceholderCommands(context: vscode.ExtensionContext): void {
    context.subscriptions.push(
        vscode.commands.registerCommand(OPEN_GRAPH_COMMAND, (target?: unknown) => {
            const file = describeTarget(target);
            void vscode.window.showInformationMessage(
                `Flow Studio: the graph view is not available yet. Use \`npx flowstudio graph ${file} --json\` to see the resolved graph meanwhile.`,
            );
        }),
    );
}

/** A short, quotable file path for the message (CodeLens and menus pass a URI or its string). */
export function describeTarget(target: unknown): string {
    const uri = target instanceof vscode.Uri ? target
        : typeof target === 'string' ? vscode.Uri.parse(target)
        : vscode.window.activeTextEditor?.document.uri;
    if (!uri) return 'FILE';
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? path.relative(folder.uri.fsPath, uri.fsPath) : uri.fsPath;
}
