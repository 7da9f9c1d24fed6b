/**
 * "Flow Studio: Run With Values…": pick a node and one of its widget arguments, then give it
 * one value (`--set`), several comma-separated values or a file of them, one per line
 * (`--sweep`: one run per combination and a labelled comparison grid in the Outputs panel);
 * repeat for more arguments, then run through the `flowstudio` task like any other run.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { GRAPH_REQUEST, type GraphRequestParams, type GraphRequestResult } from '../../../catalog/src/lsp-protocol.js';
import type { WorkflowGraph } from '../../../catalog/src/graph.js';
import { activeFlowUri } from './run-commands.js';
import { TASK_TYPE, type FlowTaskProperties } from './run-request.js';
import { taskFile, type FlowTaskProvider } from './task-provider.js';
import { formatValue, setText, sweepFileText, sweepText, valueTargets, type ValueTarget } from './value-targets.js';

export const RUN_WITH_VALUES_COMMAND = 'flowstudio.runWithValues';

type ClientAccess = () => Promise<LanguageClient | undefined>;

export function registerRunWithValuesCommand(context: vscode.ExtensionContext, tasks: FlowTaskProvider, client: ClientAccess): void {
    context.subscriptions.push(vscode.commands.registerCommand(RUN_WITH_VALUES_COMMAND, (target?: unknown, workflow?: unknown) =>
        runWithValues(tasks, client, target, workflow).catch(error => {
            void vscode.window.showErrorMessage(`Flow Studio: ${error instanceof Error ? error.message : String(error)}`);
        })));
}

async function runWithValues(tasks: FlowTaskProvider, client: ClientAccess, target: unknown, workflowName: unknown): Promise<void> {
    if (!vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage('Flow Studio: running workflows is disabled in untrusted workspaces.');
        return;
    }
    const uri = target instanceof vscode.Uri ? target : typeof target === 'string' ? vscode.Uri.parse(target) : activeFlowUri();
    if (!uri) {
        void vscode.window.showInformationMessage('Flow Studio: open a .flow file to run one of its workflows with values.');
        return;
    }
    const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
    if (open?.isDirty) await open.save();
    const language = await client();
    if (!language) throw new Error('the language server is not running, so the workflow\'s nodes are unknown.');
    const graph = await language.sendRequest<GraphRequestResult>(GRAPH_REQUEST, { uri: uri.toString() } satisfies GraphRequestParams);
    const workflows = graph?.workflows ?? [];
    if (workflows.length === 0) {
        void vscode.window.showWarningMessage('Flow Studio: this file declares no workflow to run.');
        return;
    }
    const workflow = typeof workflowName === 'string' ? workflows.find(w => w.name === workflowName)
        : workflows.length === 1 ? workflows[0]
        : (await vscode.window.showQuickPick(workflows.map(w => ({ label: w.name, workflow: w })), { title: 'Flow Studio: Run With Values', placeHolder: 'Workflow to run' }))?.workflow;
    if (!workflow) return;

    const set: string[] = [];
    const sweep: string[] = [];
    for (;;) {
        const given = await askValue(workflow, [...set, ...sweep].map(t => t.slice(0, t.indexOf('='))));
        if (!given) return; // Escape anywhere: nothing runs
        (given.kind === 'set' ? set : sweep).push(given.text);
        const next = await vscode.window.showQuickPick([
            { label: `$(play) Run`, description: summary(set, sweep), run: true },
            { label: '$(add) Give another argument a value…', run: false },
        ], { title: 'Flow Studio: Run With Values', placeHolder: summary(set, sweep) });
        if (!next) return;
        if (next.run) break;
    }
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const definition: FlowTaskProperties = {
        type: TASK_TYPE, file: folder ? taskFile(uri, folder) : uri.fsPath, workflow: workflow.name,
        ...(set.length ? { set } : {}), ...(sweep.length ? { sweep } : {}),
    };
    await vscode.tasks.executeTask(tasks.createTask(definition, folder ?? vscode.TaskScope.Workspace));
}

function summary(set: string[], sweep: string[]): string {
    return [...set.map(s => `set ${s}`), ...sweep.map(s => `sweep ${s}`)].join('; ');
}

/** One node argument and its value(s), as `--set` or `--sweep` text; undefined when cancelled. */
async function askValue(workflow: WorkflowGraph, taken: string[]): Promise<{ kind: 'set' | 'sweep'; text: string } | undefined> {
    const title = 'Flow Studio: Run With Values';
    const targets = valueTargets(workflow);
    if (targets.length === 0) throw new Error(`workflow ${workflow.name} has no node with a constant argument to change.`);
    const picked = await vscode.window.showQuickPick(targets.map(t => ({
        label: t.node, description: t.type, detail: t.args.map(a => `${a.name}: ${ellipsis(formatValue(a.value), 24)}`).join('  ·  '), target: t,
    })), { title, placeHolder: 'Node whose argument gets values', matchOnDescription: true, matchOnDetail: true });
    if (!picked) return undefined;
    const target: ValueTarget = picked.target;
    const arg = (await vscode.window.showQuickPick(target.args.filter(a => !taken.includes(`${target.node}.${a.name}`)).map(a => ({
        label: a.name, description: `${ellipsis(formatValue(a.value), 60)}${a.defaulted ? ' (default)' : ''}`, arg: a,
    })), { title, placeHolder: `Argument of ${target.node} (${target.type})` }))?.arg;
    if (!arg) return undefined;
    const name = `${target.node}.${arg.name}`;
    const mode = await vscode.window.showQuickPick([
        { label: 'One value', detail: `Runs once with ${name} set to it`, how: 'set' as const },
        { label: 'Several values', detail: 'Comma-separated (quote a value that holds a comma): one run each, and a comparison grid', how: 'list' as const },
        { label: 'Values from a file', detail: 'One value per non-empty line (prompts, say): one run each, and a comparison grid', how: 'file' as const },
    ], { title, placeHolder: `Values for ${name}` });
    if (!mode) return undefined;
    if (mode.how === 'file') {
        const file = (await vscode.window.showOpenDialog({ title: `Values for ${name}, one per line`, canSelectMany: false, openLabel: 'Use these values' }))?.[0];
        return file ? { kind: 'sweep', text: sweepFileText(target.node, arg.name, file.fsPath) } : undefined;
    }
    const value = await vscode.window.showInputBox({
        title, prompt: mode.how === 'set' ? `Value for ${name}` : `Values for ${name}, separated by commas`,
        value: mode.how === 'set' ? formatValue(arg.value) : '', ignoreFocusOut: true,
        validateInput: text => (text.trim() === '' ? 'Give a value.' : undefined),
    });
    if (value === undefined) return undefined;
    return mode.how === 'set' ? { kind: 'set', text: setText(target.node, arg.name, value) } : { kind: 'sweep', text: sweepText(target.node, arg.name, value) };
}

function ellipsis(text: string, max: number): string {
    return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
