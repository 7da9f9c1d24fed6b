/**
 * Dropping a ComfyUI PNG (its `workflow` chunk) or workflow JSON into a `.flow` editor appends
 * the imported workflow to the file, named after the dropped file and clear of the file's own
 * workflow names.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { upperCamel } from '../../../comfyui/src/import/names.js';
import { findWorkflowNames } from '../run/workflow-scan.js';
import { failure, freshName, runCli } from './cli-call.js';

const IMPORTABLE = /\.(png|json)$/i;

export class ComfyDropProvider implements vscode.DocumentDropEditProvider {
    constructor(private readonly cli: string, private readonly objectInfoArgs: () => Promise<string[]>) {}

    async provideDocumentDropEdits(document: vscode.TextDocument, _position: vscode.Position, data: vscode.DataTransfer, token: vscode.CancellationToken): Promise<vscode.DocumentDropEdit | undefined> {
        const source = await this.droppedFile(data);
        if (!source || token.isCancellationRequested) return undefined;
        try {
            const name = freshName(upperCamel(path.basename(source.name, path.extname(source.name)), 'Imported'), findWorkflowNames(document.getText()));
            const result = await runCli(this.cli, ['import', source.file, '-o', '-', '--name', name, ...(await this.objectInfoArgs())], path.dirname(document.uri.fsPath));
            if (token.isCancellationRequested) return undefined;
            if (result.code !== 0) {
                void vscode.window.showErrorMessage(`Flow Studio: could not import ${source.name}: ${failure(result)}`);
                return undefined;
            }
            // Appended at the end: a workflow cannot sit inside another one, wherever the drop landed.
            const end = document.lineAt(document.lineCount - 1).range.end;
            const edit = new vscode.WorkspaceEdit();
            edit.insert(document.uri, end, `${document.getText().endsWith('\n') || document.getText() === '' ? '' : '\n'}\n${result.stdout}`);
            const drop = new vscode.DocumentDropEdit('');
            drop.title = `Import ComfyUI workflow ${source.name}`;
            drop.additionalEdit = edit;
            return drop;
        } finally {
            await source.cleanup();
        }
    }

    /** The first PNG or JSON dropped: a file of the workspace (uri-list) or one from outside (its bytes, written to a temp file). */
    private async droppedFile(data: vscode.DataTransfer): Promise<{ file: string; name: string; cleanup(): Promise<void> } | undefined> {
        const list = await data.get('text/uri-list')?.asString();
        for (const line of (list ?? '').split(/\r?\n/)) {
            if (!line.trim() || line.startsWith('#')) continue;
            const uri = vscode.Uri.parse(line.trim());
            if (uri.scheme === 'file' && IMPORTABLE.test(uri.fsPath)) return { file: uri.fsPath, name: path.basename(uri.fsPath), cleanup: async () => undefined };
        }
        for (const [, item] of data) {
            const file = item.asFile();
            if (!file || !IMPORTABLE.test(file.name)) continue;
            if (file.uri?.scheme === 'file') return { file: file.uri.fsPath, name: file.name, cleanup: async () => undefined };
            const dir = await mkdtemp(path.join(os.tmpdir(), 'flowstudio-drop-'));
            const tmp = path.join(dir, path.basename(file.name));
            await writeFile(tmp, await file.data());
            return { file: tmp, name: file.name, cleanup: () => rm(dir, { recursive: true, force: true }) };
        }
        return undefined;
    }
}
