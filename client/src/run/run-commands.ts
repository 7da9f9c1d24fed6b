/**
 * Palette, CodeLens and editor-title commands that start and stop runs. Runs always go through
 * the `flowstudio` task, so they appear in the terminal and Tasks UI like tasks.json runs.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RUN_WORKFLOW_COMMAND } from '../../../catalog/src/lsp-protocol.js';
import type { ActiveRun, ActiveRuns } from './active-runs.js';
import { effectiveCacheDir, resolveRunRequest, runName, TASK_TYPE, type FlowTaskProperties } from './run-request.js';
import { readSettings, taskFile, type FlowTaskProvider } from './task-provider.js';
import { findWorkflowNames } from './workflow-scan.js';

export const RUN_NO_CACHE_COMMAND = 'flowstudio.runWorkflowNoCache';
export const STOP_RUN_COMMAND = 'flowstudio.stopRun';
export const CLEAR_CACHE_COMMAND = 'flowstudio.clearCache';

export function registerRunCommands(context: vscode.ExtensionContext, tasks: FlowTaskProvider, runs: ActiveRuns): void {
    context.subscriptions.push(
        // CodeLens arguments: (uri string, workflow name); editor title: (Uri); palette: ().
        vscode.commands.registerCommand(RUN_WORKFLOW_COMMAND, (target?: unknown, workflow?: unknown) =>
            runWorkflow(tasks, target, workflow, false)),
        vscode.commands.registerCommand(RUN_NO_CACHE_COMMAND, (target?: unknown, workflow?: unknown) =>
            runWorkflow(tasks, target, workflow, true)),
        vscode.commands.registerCommand(STOP_RUN_COMMAND, () => stopRun(runs)),
        vscode.commands.registerCommand(CLEAR_CACHE_COMMAND, () => clearCache(runs)),
    );
}

async function runWorkflow(tasks: FlowTaskProvider, target: unknown, workflow: unknown, noCache: boolean): Promise<void> {
    if (!vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage('Flow Studio: running workflows is disabled in untrusted workspaces.');
        return;
    }
    const uri = target instanceof vscode.Uri ? target
        : typeof target === 'string' ? vscode.Uri.parse(target)
        : activeFlowUri();
    if (!uri) {
        void vscode.window.showInformationMessage('Flow Studio: open a .flow file to run one of its workflows.');
        return;
    }
    // The engine reads the file from disk: run what the user sees.
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open?.isDirty) await open.save();

    const name = typeof workflow === 'string' ? workflow : await chooseWorkflow(uri);
    if (!name) return;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const file = folder ? taskFile(uri, folder) : uri.fsPath;
    const definition: FlowTaskProperties = { type: TASK_TYPE, file, workflow: name, ...(noCache ? { noCache: true } : {}) };
    await vscode.tasks.executeTask(tasks.createTask(definition, folder ?? vscode.TaskScope.Workspace));
}

/**
 * The .flow document of the active editor: a text editor, or a custom editor such as the
 * Flow Graph view (which is not a text editor, so `activeTextEditor` is undefined then).
 */
export function activeFlowUri(): vscode.Uri | undefined {
    const document = vscode.window.activeTextEditor?.document;
    if (document?.languageId === 'flow') return document.uri;
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    if (input instanceof vscode.TabInputCustom && input.uri.path.endsWith('.flow')) return input.uri;
    return undefined;
}

async function chooseWorkflow(uri: vscode.Uri): Promise<string | undefined> {
    const names = findWorkflowNames(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    if (names.length === 0) {
        void vscode.window.showWarningMessage(`Flow Studio: ${path.basename(uri.fsPath)} declares no workflow to run.`);
        return undefined;
    }
    if (names.length === 1) return names[0];
    return vscode.window.showQuickPick(names, { title: 'Flow Studio: Run Workflow', placeHolder: 'Workflow to run' });
}

async function stopRun(runs: ActiveRuns): Promise<void> {
    const active = runs.all();
    if (active.length === 0) {
        void vscode.window.showInformationMessage('Flow Studio: no workflow is running.');
        return;
    }
    const run = active.length === 1 ? active[0] : (await vscode.window.showQuickPick(
        active.map((r) => ({ label: runName(r.request), description: r.request.file, run: r })),
        { title: 'Flow Studio: Stop Run' }))?.run;
    run?.cancel();
}

async function clearCache(runs: ActiveRuns): Promise<void> {
    if (runs.all().length > 0) {
        void vscode.window.showWarningMessage('Flow Studio: a workflow is running; stop it before clearing the cache.');
        return;
    }
    // the cache of the active .flow file (by default it sits next to the file)
    const active = vscode.window.activeTextEditor?.document;
    const folder = active ? vscode.workspace.getWorkspaceFolder(active.uri) : vscode.workspace.workspaceFolders?.[0];
    const file = active?.languageId === 'flow' ? active.uri.fsPath : path.join(folder?.uri.fsPath ?? '.', 'any.flow');
    const cacheDir = effectiveCacheDir(resolveRunRequest({ type: TASK_TYPE, file }, folder?.uri.fsPath, readSettings(folder)));
    const answer = await vscode.window.showWarningMessage(`Delete the Flow Studio node cache in ${cacheDir}?`,
        { modal: true, detail: 'The next runs recompute every node.' }, 'Delete');
    if (answer !== 'Delete') return;
    await fs.rm(cacheDir, { recursive: true, force: true });
    void vscode.window.showInformationMessage(`Flow Studio: cache cleared (${cacheDir}).`);
}

export type { ActiveRun };
