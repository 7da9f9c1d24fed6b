/**
 * The "Flow Studio Engine" output channel: everything the engine printed that is not a run
 * event (its whole stderr), per run, and the failures of runs that ended without `run-end` — an
 * error notification with the engine's own message and a Show Log button, and the status bar
 * left on the failure instead of a spinner.
 */
import * as vscode from 'vscode';
import type { ActiveRuns } from './active-runs.js';
import { runName } from './run-request.js';

export const SHOW_ENGINE_LOG_COMMAND = 'flowstudio.showEngineLog';

export function registerEngineLog(context: vscode.ExtensionContext, runs: ActiveRuns): vscode.OutputChannel {
    const channel = vscode.window.createOutputChannel('Flow Studio Engine');
    context.subscriptions.push(channel,
        vscode.commands.registerCommand(SHOW_ENGINE_LOG_COMMAND, () => channel.show(true)),
        runs.onDidStart((run) => channel.appendLine(`[${new Date().toISOString()}] ${runName(run.request)}: started (${run.request.file})`)),
        runs.onText(({ run, text, stream }) => channel.appendLine(`[${runName(run.request)}${stream === 'stderr' ? ' stderr' : ''}] ${text}`)),
        runs.onDidFail(({ run, message }) => {
            channel.appendLine(`[${runName(run.request)}] FAILED: ${message}`);
            void vscode.window.showErrorMessage(`Flow Studio: ${runName(run.request)} did not run: ${message}`, 'Show Log').then((choice) => {
                if (choice === 'Show Log') channel.show(true);
            });
        }),
    );
    return channel;
}
