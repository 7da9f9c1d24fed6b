/**
 * Flow Studio extension entry point: starts the language server, registers the `flowstudio`
 * task type and the run commands, the run panels (Outputs, Training dashboard) fed with the
 * runs' events, and the Flow Graph custom editor.
 * Bundled by scripts/bundle.mjs into dist/client/extension.cjs (the manifest's `main`).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { WORKSPACE_TRUSTED_NOTIFICATION } from '../../catalog/src/lsp-protocol.js';
import { GraphEditorProvider } from './graph/graph-editor-provider.js';
import { registerOpenGraphCommand } from './graph/open-graph.js';
import { createLanguageClient } from './language-client.js';
import { registerRunPanels } from './panels/index.js';
import { ActiveRuns } from './run/active-runs.js';
import { registerEngineLog } from './run/engine-log.js';
import { registerRunCommands } from './run/run-commands.js';
import { TASK_TYPE } from './run/run-request.js';
import { registerRunStatus } from './run/run-status.js';
import { registerRunWithValuesCommand } from './run/run-with-values.js';
import { FlowTaskProvider } from './run/task-provider.js';

export const RESTART_SERVER_COMMAND = 'flowstudio.restartServer';

let client: LanguageClient | undefined;

/** What other extensions (and the e2e bridge) can reach through `extension.exports`. */
export interface FlowStudioApi {
    readonly languageClient: LanguageClient | undefined;
    /** Runs in progress; panels subscribe to their events. */
    readonly runs: ActiveRuns;
    /** How long activation took, and the language server's start within it (`npm run bench`). */
    readonly startup: { activateMs: number; serverStartMs?: number };
}

export async function activate(context: vscode.ExtensionContext): Promise<FlowStudioApi> {
    const activationStarted = performance.now();
    const startup: { activateMs: number; serverStartMs?: number } = { activateMs: 0 };
    const runs = new ActiveRuns();
    const tasks = new FlowTaskProvider(context.asAbsolutePath('bin/flowstudio.js'), runs);
    context.subscriptions.push(runs, vscode.tasks.registerTaskProvider(TASK_TYPE, tasks));
    registerRunCommands(context, tasks, runs);
    registerRunStatus(context, runs);
    registerEngineLog(context, runs);

    // The Outputs panel opens beside the editor when a run starts, the dashboard when a
    // training node reports progress (both decide that themselves from the events).
    const panels = registerRunPanels(context);
    context.subscriptions.push(runs.onEvent(({ event }) => panels.feed(event)));

    // The graph view asks the server for graphs; it may open (restored editors) before the
    // server has started, so it waits for the start.
    let clientStarted: (value: LanguageClient | undefined) => void = () => undefined;
    const clientReady = new Promise<LanguageClient | undefined>((resolve) => { clientStarted = resolve; });
    GraphEditorProvider.register(context, {
        extensionUri: context.extensionUri,
        runs,
        client: async () => { await clientReady; return client?.isRunning() ? client : undefined; },
    });
    registerOpenGraphCommand(context);
    registerRunWithValuesCommand(context, tasks, async () => { await clientReady; return client?.isRunning() ? client : undefined; });

    context.subscriptions.push(
        vscode.commands.registerCommand(RESTART_SERVER_COMMAND, async () => {
            if (!client) return;
            await client.restart();
            void vscode.window.setStatusBarMessage('Flow Studio: language server restarted', 3000);
        }),
    );
    try {
        client = createLanguageClient(context);
        const serverStarted = performance.now();
        await client.start();
        // Trusting the workspace later lets its node packs load without a restart.
        context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification(WORKSPACE_TRUSTED_NOTIFICATION)));
        startup.serverStartMs = performance.now() - serverStarted;
    } catch (error) {
        // Keep the extension (grammar, commands) usable even when the server cannot start.
        const message = error instanceof Error ? error.message : String(error);
        void vscode.window.showErrorMessage(`Flow Studio: the language server did not start: ${message}`);
    } finally {
        clientStarted(client);
    }
    startup.activateMs = performance.now() - activationStarted;
    return { get languageClient() { return client; }, runs, startup };
}

export async function deactivate(): Promise<void> {
    const running = client;
    client = undefined;
    if (running?.isRunning()) await running.stop();
}
