/**
 * The settings the language server reads (`flowstudio.engine`, `flowstudio.comfyui.server`): sent
 * at start in the initialization options and again whenever they change; and "Flow Studio: Refresh
 * ComfyUI Nodes", which has the server fetch the ComfyUI node list again.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import {
    REFRESH_COMFYUI_NODES_REQUEST, SETTINGS_NOTIFICATION, type FlowSettings, type RefreshComfyuiNodesResult,
} from '../../catalog/src/lsp-protocol.js';

export const REFRESH_COMFYUI_NODES_COMMAND = 'flowstudio.refreshComfyuiNodes';

export function languageSettings(): FlowSettings {
    const config = vscode.workspace.getConfiguration('flowstudio');
    const engine = config.get<string>('engine');
    const comfyuiServer = config.get<string>('comfyui.server');
    return { ...(engine ? { engine } : {}), ...(comfyuiServer ? { comfyuiServer } : {}) };
}

export function registerLanguageSettings(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
    context.subscriptions.push(
        vscode.workspace.onDidChangeConfiguration(e => {
            if (e.affectsConfiguration('flowstudio.engine') || e.affectsConfiguration('flowstudio.comfyui.server')) {
                void client()?.sendNotification(SETTINGS_NOTIFICATION, languageSettings());
            }
        }),
        vscode.commands.registerCommand(REFRESH_COMFYUI_NODES_COMMAND, async () => {
            const running = client();
            if (!running?.isRunning()) {
                void vscode.window.showWarningMessage('Flow Studio: the language server is not running.');
                return undefined;
            }
            const result = await vscode.window.withProgress(
                { location: vscode.ProgressLocation.Window, title: 'Flow Studio: fetching ComfyUI nodes' },
                () => running.sendRequest<RefreshComfyuiNodesResult>(REFRESH_COMFYUI_NODES_REQUEST),
            );
            if (result.nodes > 0) {
                const warn = result.problems.length ? ` (${result.problems.join('; ')})` : '';
                void vscode.window.showInformationMessage(`Flow Studio: ${result.nodes} ComfyUI nodes from ${result.source}${warn}.`);
            } else {
                void vscode.window.showWarningMessage(`Flow Studio: no ComfyUI nodes loaded: ${result.problems.join('; ') || 'set flowstudio.comfyui.server, or save the server\'s /object_info as .flowstudio/comfyui/object_info.json'}.`);
            }
            return result;
        }),
    );
}
