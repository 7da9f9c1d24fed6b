/**
 * Task type `flowstudio` (properties file, workflow, backend, noCache): one auto-detected task
 * per workflow in the workspace ("Flow Studio: run DigitsGan"), and tasks.json entries resolved
 * to the same CustomExecution, whose Pseudoterminal runs the engine in a child process.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ActiveRuns } from './active-runs.js';
import { RunTerminal } from './run-terminal.js';
import { resolveRunRequest, taskLabel, TASK_TYPE, type Backend, type FlowTaskProperties, type RunEngine, type RunSettings } from './run-request.js';
import { ansi } from './terminal-format.js';
import { findWorkflowNames, pickWorkflow } from './workflow-scan.js';

/** Folders never scanned for workflows (dependencies, run outputs, the cache). */
const SCAN_EXCLUDE = '**/{node_modules,.git,.flowstudio,flow-output,.e2e}/**';

export class FlowTaskProvider implements vscode.TaskProvider {
    constructor(private readonly cli: string, private readonly runs: ActiveRuns) {}

    async provideTasks(token?: vscode.CancellationToken): Promise<vscode.Task[]> {
        const files = await vscode.workspace.findFiles('**/*.flow', SCAN_EXCLUDE, undefined, token);
        const tasks: vscode.Task[] = [];
        for (const uri of files.sort((a, b) => a.fsPath.localeCompare(b.fsPath))) {
            const folder = vscode.workspace.getWorkspaceFolder(uri);
            if (!folder) continue;
            const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
            const file = taskFile(uri, folder);
            for (const workflow of findWorkflowNames(text)) {
                tasks.push(this.createTask({ type: TASK_TYPE, file, workflow }, folder));
            }
        }
        return tasks;
    }

    resolveTask(task: vscode.Task): vscode.Task | undefined {
        const definition = task.definition as FlowTaskProperties;
        if (definition.type !== TASK_TYPE || typeof definition.file !== 'string') return undefined;
        // VS Code requires the resolved task to keep the very same definition object.
        return this.createTask(definition, task.scope);
    }

    createTask(definition: FlowTaskProperties, scope: vscode.Task['scope'] = vscode.TaskScope.Workspace): vscode.Task {
        const folder = isFolder(scope) ? scope : undefined;
        const task = new vscode.Task(definition, scope ?? vscode.TaskScope.Workspace, taskLabel(definition), 'Flow Studio',
            new vscode.CustomExecution(async (resolved) => this.terminalFor(resolved as FlowTaskProperties, folder)));
        task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, clear: true, echo: false };
        task.detail = `${definition.file}${definition.workflow ? ` › ${definition.workflow}` : ''}`;
        return task;
    }

    private async terminalFor(definition: FlowTaskProperties, folder: vscode.WorkspaceFolder | undefined): Promise<vscode.Pseudoterminal> {
        try {
            if (!vscode.workspace.isTrusted) {
                throw new Error('Running workflows is disabled in untrusted workspaces (Workspaces: Manage Workspace Trust).');
            }
            const workspaceFolder = folder ?? vscode.workspace.workspaceFolders?.[0];
            const request = resolveRunRequest(definition, workspaceFolder?.uri.fsPath, readSettings(workspaceFolder));
            const names = findWorkflowNames(await fs.readFile(request.file, 'utf8').catch(() => {
                throw new Error(`Cannot read ${request.file}: does the task's "file" exist?`);
            }));
            request.workflow = pickWorkflow(names, request.workflow, definition.file);
            return new RunTerminal(request, this.cli, this.runs);
        } catch (error) {
            return new MessageTerminal(error instanceof Error ? error.message : String(error));
        }
    }
}

/** A task's `file`: the .flow file relative to its workspace folder, `/`-separated. */
export function taskFile(uri: vscode.Uri, folder: vscode.WorkspaceFolder): string {
    return path.relative(folder.uri.fsPath, uri.fsPath).split(path.sep).join('/');
}

export function readSettings(folder: vscode.WorkspaceFolder | undefined): RunSettings {
    const config = vscode.workspace.getConfiguration('flowstudio', folder?.uri);
    return {
        backend: config.get<Backend>('backend', 'auto'),
        outputDirectory: config.get<string>('outputDirectory', ''),
        cacheDirectory: config.get<string>('cacheDirectory', ''),
        cacheSizeLimit: config.get<number>('cacheSizeLimit', 2048),
        nodePath: config.get<string>('nodePath', ''),
        engine: config.get<RunEngine>('engine', 'local'),
        comfyuiServer: config.get<string>('comfyui.server', ''),
    };
}

function isFolder(scope: vscode.Task['scope']): scope is vscode.WorkspaceFolder {
    return typeof scope === 'object' && scope !== null && 'uri' in scope;
}

/** A task terminal that only explains why nothing runs (bad definition, untrusted workspace...). */
class MessageTerminal implements vscode.Pseudoterminal {
    private readonly writer = new vscode.EventEmitter<string>();
    private readonly closer = new vscode.EventEmitter<number>();
    readonly onDidWrite = this.writer.event;
    readonly onDidClose = this.closer.event;

    constructor(private readonly message: string) {}

    open(): void {
        this.writer.fire(ansi.red(`Flow Studio: ${this.message}`) + '\r\n');
        this.closer.fire(1);
    }

    close(): void {}
}
