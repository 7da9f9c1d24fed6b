/**
 * Starts the Flow language server (dist/server/main.cjs, a Langium server) in its own Node
 * process and connects VS Code to it over node IPC.
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
    LanguageClient,
    TransportKind,
    type LanguageClientOptions,
    type ServerOptions,
} from 'vscode-languageclient/node';

/** Also the settings prefix: vscode-languageclient reads `flowstudio.trace.server` itself. */
import { WATCHED_GLOBS, type FlowInitializationOptions } from '../../catalog/src/lsp-protocol.js';
import { languageSettings } from './language-settings.js';


export const CLIENT_ID = 'flowstudio';
export const SERVER_RELATIVE_PATH = 'dist/server/main.cjs';

export function createLanguageClient(context: vscode.ExtensionContext): LanguageClient {
    const serverModule = context.asAbsolutePath(SERVER_RELATIVE_PATH);
    if (!fs.existsSync(serverModule)) {
        throw new Error(`the language server is missing (${serverModule}); run \`npm run build\` in the extension folder.`);
    }
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc },
        debug: {
            module: serverModule,
            transport: TransportKind.ipc,
            options: { execArgv: ['--nolazy', '--inspect=6009'] },
        },
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [
            { scheme: 'file', language: 'flow' },
            { scheme: 'untitled', language: 'flow' },
        ],
        // A log channel is also written to the extension host's log folder, where the e2e
        // harness collects it when a test fails.
        outputChannel: vscode.window.createOutputChannel('Flow Language Server', { log: true }),
        synchronize: {
            // Imports make diagnostics depend on other .flow files, open or not; workspace node
            // packs define node types.
            fileEvents: WATCHED_GLOBS.map(glob => vscode.workspace.createFileSystemWatcher(glob)),
        },
        // Node packs are code: the server loads them only in a trusted workspace.
        initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted, ...languageSettings() } satisfies FlowInitializationOptions,
    };
    return new LanguageClient(CLIENT_ID, 'Flow Language Server', serverOptions, clientOptions);
}
