/**
 * Shows a run where the user looks: a status bar item with the running node and its progress
 * (click to stop; once it ends, its result, click to see its outputs), a progress notification with Cancel, and runtime errors as diagnostics on
 * the failing node (their own collection, cleared when the next run starts).
 */
import * as vscode from 'vscode';
import type { RunEvent } from '../../../catalog/src/run-events.js';
import type { ActiveRun, ActiveRuns } from './active-runs.js';
import { SHOW_OUTPUTS_COMMAND } from '../panels/index.js';
import { SHOW_ENGINE_LOG_COMMAND } from './engine-log.js';
import { STOP_RUN_COMMAND } from './run-commands.js';
import { runName } from './run-request.js';
import { percent } from './terminal-format.js';

/** How long the result of the last run stays in the status bar, clickable to open its outputs. */
const RESULT_SHOWN_MS = 60_000;

export function registerRunStatus(context: vscode.ExtensionContext, runs: ActiveRuns): void {
    const item = vscode.window.createStatusBarItem('flowstudio.run', vscode.StatusBarAlignment.Left, 10);
    item.name = 'Flow Studio Run';
    const diagnostics = vscode.languages.createDiagnosticCollection('flowstudio-run');
    const progress = new Map<ActiveRun, ReturnType<typeof showProgressNotification>>();
    /** Runs that are sweeps: their combinations' run-end is not the end. */
    const sweeps = new Set<ActiveRun>();
    let hideTimer: NodeJS.Timeout | undefined;

    context.subscriptions.push(item, diagnostics,
        runs.onDidStart((run) => {
            void vscode.commands.executeCommand('setContext', 'flowstudio.running', true);
            clearTimeout(hideTimer);
            diagnostics.clear();
            item.text = `$(sync~spin) ${runName(run.request)}: starting`;
            item.tooltip = 'Flow Studio: click to stop the run';
            item.command = STOP_RUN_COMMAND;
            item.show();
            progress.set(run, showProgressNotification(run));
        }),
        runs.onEvent(({ run, event }) => {
            if (event.event === 'sweep-start') sweeps.add(run);
            progress.get(run)?.onEvent(event);
            const text = statusText(run, event, sweeps.has(run));
            if (text) item.text = text;
            if (event.event === 'sweep-end' || (event.event === 'run-end' && !sweeps.has(run))) {
                item.command = SHOW_OUTPUTS_COMMAND;
                item.tooltip = 'Flow Studio: show the outputs of the run';
            }
            if (event.event === 'error' && event.uri && event.range) {
                const uri = vscode.Uri.parse(event.uri);
                const { start, end } = event.range;
                const diagnostic = new vscode.Diagnostic(new vscode.Range(start.line, start.character, end.line, end.character),
                    event.message, vscode.DiagnosticSeverity.Error);
                diagnostic.source = 'flowstudio run';
                diagnostic.code = event.code ?? 'runtime-error';
                diagnostics.set(uri, [...(diagnostics.get(uri) ?? []), diagnostic]);
            }
        }),
        runs.onDidFail(({ run, message }) => {
            item.text = `$(error) ${runName(run.request)}: engine failed`;
            item.tooltip = `Flow Studio: ${message} (click to show the engine log)`;
            item.command = SHOW_ENGINE_LOG_COMMAND;
        }),
        runs.onDidEnd((run) => {
            sweeps.delete(run);
            progress.get(run)?.finish();
            progress.delete(run);
            if (runs.all().length > 0) return;
            void vscode.commands.executeCommand('setContext', 'flowstudio.running', false);
            hideTimer = setTimeout(() => item.hide(), RESULT_SHOWN_MS);
        }),
    );
}

function statusText(run: ActiveRun, event: RunEvent, sweeping: boolean): string | undefined {
    const name = runName(run.request);
    switch (event.event) {
        case 'run-start': return event.sweep ? `$(sync~spin) ${name}: combination ${event.sweep.index + 1}/${event.sweep.count}`
            : event.engine === 'comfyui' ? `$(cloud) ${name}: on ${event.backend}` : undefined;
        case 'node-start': return `$(sync~spin) ${name}: ${event.node}`;
        case 'progress': return `$(sync~spin) ${name}: ${event.node} ${percent(event.value, event.max)}%`;
        case 'run-end':
            if (sweeping) return undefined;
            // falls through: a run that is not part of a sweep ends here
        case 'sweep-end':
            return event.status === 'success' ? `$(check) ${name}: finished`
                : event.status === 'cancelled' ? `$(circle-slash) ${name}: cancelled`
                : `$(error) ${name}: failed`;
        default: return undefined;
    }
}

/** A cancellable notification that follows the run, fed with its events until `finish`. */
function showProgressNotification(run: ActiveRun): { onEvent(event: RunEvent): void; finish(): void } {
    let report: (value: { message?: string; increment?: number }) => void = () => undefined;
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => { finish = resolve; });
    void vscode.window.withProgress({
        location: vscode.ProgressLocation.Notification,
        title: `Flow Studio: running ${runName(run.request)}`,
        cancellable: true,
    }, (progress, token) => {
        report = (value) => progress.report(value);
        token.onCancellationRequested(() => run.cancel());
        return finished;
    });
    let total = 0;
    let done = 0;
    /** Combinations of a sweep: each is one share of the bar. */
    let combinations = 0;
    return {
        finish,
        onEvent(event) {
            if (combinations > 0) {
                if (event.event === 'run-start' && event.sweep) report({ message: `combination ${event.sweep.index + 1}/${combinations}: ${event.sweep.values.map(v => `${v.arg}=${v.value}`).join(', ')}` });
                else if (event.event === 'run-end') report({ increment: 100 / combinations });
                else if (event.event === 'sweep-end') finish();
                return;
            }
            switch (event.event) {
                case 'sweep-start': combinations = event.combinations; break;
                case 'run-start': total = event.nodes.length; break;
                case 'node-start': report({ message: event.node }); break;
                case 'node-cached':
                case 'node-end':
                    done++;
                    report({ increment: total ? 100 / total : 0, message: `${done}/${total} nodes` });
                    break;
                case 'progress':
                    report({ message: `${event.node} ${percent(event.value, event.max)}%` });
                    break;
                case 'run-end': finish(); break;
                default: break;
            }
        },
    };
}
