/**
 * ComfyUI workflows in VS Code: "Open as Flow" for ComfyUI `.json` files (offered when one
 * opens, recognised by its shape) and PNGs, "Export to ComfyUI…" and "Copy as ComfyUI API JSON"
 * for `.flow` files, and dropping a ComfyUI PNG or JSON into a `.flow` editor to import it. The
 * work is done by `flowstudio import|export` in a child process.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isComfyWorkflow } from '../../../comfyui/src/import/detect.js';
import { findWorkflowNames } from '../run/workflow-scan.js';
import { failure, runCli } from './cli-call.js';
import { ComfyDropProvider } from './drop-provider.js';

export const OPEN_AS_FLOW_COMMAND = 'flowstudio.openAsFlow';
export const EXPORT_COMFYUI_COMMAND = 'flowstudio.exportComfyUI';
export const COPY_COMFY_API_COMMAND = 'flowstudio.copyComfyApiJson';
const CONTEXT_KEY = 'flowstudio.comfyWorkflow';
/** Larger JSON files are not parsed just to see whether they are workflows. */
const MAX_SNIFF_BYTES = 20 * 1024 * 1024;

export function registerComfyUI(context: vscode.ExtensionContext): void {
    const cli = context.asAbsolutePath('bin/flowstudio.js');
    const offered = new Set<string>();
    const sniff = (doc: vscode.TextDocument | undefined): boolean => {
        if (!doc || doc.languageId !== 'json' && doc.languageId !== 'jsonc') return false;
        const text = doc.getText();
        if (text.length > MAX_SNIFF_BYTES) return false;
        try {
            return isComfyWorkflow(JSON.parse(text));
        } catch {
            return false;
        }
    };
    const offer = (doc: vscode.TextDocument) => {
        if (offered.has(doc.uri.toString()) || !sniff(doc)) return;
        offered.add(doc.uri.toString());
        void vscode.window.showInformationMessage(`${path.basename(doc.uri.fsPath)} is a ComfyUI workflow.`, 'Open as Flow').then(choice => {
            if (choice) void openAsFlow(cli, doc.uri);
        });
    };
    const updateContext = () => void vscode.commands.executeCommand('setContext', CONTEXT_KEY, sniff(vscode.window.activeTextEditor?.document));
    vscode.workspace.textDocuments.forEach(offer);
    updateContext();
    context.subscriptions.push(
        vscode.workspace.onDidOpenTextDocument(offer),
        vscode.window.onDidChangeActiveTextEditor(updateContext),
        vscode.commands.registerCommand(OPEN_AS_FLOW_COMMAND, (uri?: vscode.Uri) => openAsFlow(cli, uri ?? vscode.window.activeTextEditor?.document.uri)),
        vscode.commands.registerCommand(EXPORT_COMFYUI_COMMAND, (uri?: vscode.Uri) => exportToComfyUI(cli, uri)),
        vscode.commands.registerCommand(COPY_COMFY_API_COMMAND, (uri?: vscode.Uri) => copyApiJson(cli, uri)),
        vscode.languages.registerDocumentDropEditProvider({ language: 'flow' }, new ComfyDropProvider(cli, objectInfoArgs), {
            dropMimeTypes: ['text/uri-list', 'files', 'image/png', 'application/json'],
        }),
    );
}

/** `--object-info FILE` when the workspace has a saved ComfyUI node list. */
export async function objectInfoArgs(): Promise<string[]> {
    const found = await vscode.workspace.findFiles('**/object_info.json', '**/node_modules/**', 1);
    return found.length ? ['--object-info', found[0].fsPath] : [];
}

async function openAsFlow(cli: string, uri: vscode.Uri | undefined): Promise<void> {
    if (!uri || uri.scheme !== 'file') {
        void vscode.window.showErrorMessage('Flow Studio: Open as Flow needs a ComfyUI .json or .png file on disk.');
        return;
    }
    const file = uri.fsPath;
    const out = path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.flow`);
    const args = ['import', file, '-o', out, ...(await objectInfoArgs())];
    if (await exists(vscode.Uri.file(out))) {
        const choice = await vscode.window.showWarningMessage(`${path.basename(out)} exists. Replace it with the import of ${path.basename(file)}?`, { modal: true }, 'Replace');
        if (choice !== 'Replace') return;
        args.push('--force');
    }
    const result = await runCli(cli, args, path.dirname(file));
    if (result.code !== 0) {
        void vscode.window.showErrorMessage(`Flow Studio: could not import ${path.basename(file)}: ${failure(result)}`);
        return;
    }
    await vscode.window.showTextDocument(vscode.Uri.file(out));
    const problems = /(\d+) problem\(s\)/.exec(result.stderr)?.[1];
    if (problems && problems !== '0') {
        void vscode.window.showWarningMessage(`Flow Studio: ${problems} thing(s) in ${path.basename(file)} cannot be said in .flow; they are listed at the top of ${path.basename(out)}.`);
    }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
    try {
        await vscode.workspace.fs.stat(uri);
        return true;
    } catch {
        return false;
    }
}

/** The `.flow` document a command works on (saved, so the CLI reads what the user sees). */
async function flowDocument(uri: vscode.Uri | undefined): Promise<vscode.TextDocument | undefined> {
    const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== 'flow' || doc.uri.scheme !== 'file') {
        void vscode.window.showErrorMessage('Flow Studio: open a saved .flow file to export it to ComfyUI.');
        return undefined;
    }
    if (doc.isDirty && !(await doc.save())) return undefined;
    return doc;
}

async function pickWorkflowOf(doc: vscode.TextDocument): Promise<string | undefined | null> {
    const names = findWorkflowNames(doc.getText());
    if (names.length <= 1) return names[0];
    const picked = await vscode.window.showQuickPick(names, { placeHolder: 'Which workflow?' });
    return picked ?? null;
}

async function exportToComfyUI(cli: string, uri: vscode.Uri | undefined): Promise<void> {
    const doc = await flowDocument(uri);
    if (!doc) return;
    const format = await vscode.window.showQuickPick([
        { label: 'API prompt', description: 'what ComfyUI\'s POST /prompt takes', format: 'api' as const },
        { label: 'UI workflow', description: 'opens in ComfyUI\'s editor, laid out like the graph view', format: 'ui' as const },
    ], { placeHolder: 'Export as' });
    if (!format) return;
    const workflow = await pickWorkflowOf(doc);
    if (workflow === null) return;
    const base = path.basename(doc.uri.fsPath, '.flow');
    const target = await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.file(path.join(path.dirname(doc.uri.fsPath), `${workflow ?? base}${format.format === 'api' ? '.api' : ''}.json`)),
        filters: { 'ComfyUI workflow': ['json'] },
        title: 'Export to ComfyUI',
    });
    if (!target) return;
    // The save dialog has asked about replacing an existing file.
    const args = ['export', doc.uri.fsPath, '--format', format.format, '-o', target.fsPath, '--force', ...(workflow ? ['--workflow', workflow] : []), ...(await objectInfoArgs())];
    const result = await runCli(cli, args, path.dirname(doc.uri.fsPath));
    if (result.code !== 0) void vscode.window.showErrorMessage(`Flow Studio: export to ComfyUI failed: ${failure(result)}`);
    else void vscode.window.showInformationMessage(`Flow Studio: exported ${workflow ?? base} to ${path.basename(target.fsPath)}.`);
}

async function copyApiJson(cli: string, uri: vscode.Uri | undefined): Promise<void> {
    const doc = await flowDocument(uri);
    if (!doc) return;
    const workflow = await pickWorkflowOf(doc);
    if (workflow === null) return;
    const args = ['export', doc.uri.fsPath, '--format', 'api', ...(workflow ? ['--workflow', workflow] : []), ...(await objectInfoArgs())];
    const result = await runCli(cli, args, path.dirname(doc.uri.fsPath));
    if (result.code !== 0) {
        void vscode.window.showErrorMessage(`Flow Studio: cannot copy as ComfyUI API JSON: ${failure(result)}`);
        return;
    }
    await vscode.env.clipboard.writeText(result.stdout);
    void vscode.window.setStatusBarMessage('Flow Studio: ComfyUI API JSON copied', 3000);
}

