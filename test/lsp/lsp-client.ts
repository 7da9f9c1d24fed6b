/** A minimal LSP client over a spawned `flowstudio lsp --stdio`, for protocol-level tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export class LspClient {
    readonly connection: MessageConnection;
    private readonly child: ChildProcess;
    private readonly diagnostics = new Map<string, { version?: number; items: Diagnostic[]; count: number }>();
    private readonly waiters: Array<() => void> = [];
    readonly notifications: Array<{ method: string; params: unknown }> = [];
    /** What the server registered dynamically (client/registerCapability). */
    readonly registrations: Array<{ method: string; registerOptions?: unknown }> = [];

    /** The server's stderr lines, when constructed with `captureStderr` (else it goes to this process's stderr). */
    readonly stderr: string[] = [];

    /** `server`: the script and its arguments (default: the CLI's `lsp --stdio`; `['dist/server/main.cjs', '--stdio']` is what VS Code runs). */
    constructor(cwd: string, options: { captureStderr?: boolean; server?: string[] } = {}) {
        // FLOWSTUDIO_LSP_NODE_ARGS: extra Node flags for the server, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it.
        const nodeArgs = (process.env.FLOWSTUDIO_LSP_NODE_ARGS ?? '').split(' ').filter(Boolean);
        this.child = spawn(process.execPath, [...nodeArgs, ...(options.server ?? ['bin/flowstudio.js', 'lsp', '--stdio'])], { cwd, stdio: ['pipe', 'pipe', options.captureStderr ? 'pipe' : 'inherit'] });
        this.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => this.stderr.push(...chunk.split('\n').filter(Boolean)));
        this.child.on('error', () => undefined);
        this.child.stdin?.on('error', () => undefined);
        this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
        this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
            this.diagnostics.set(p.uri, { version: p.version, items: p.diagnostics, count: (this.diagnostics.get(p.uri)?.count ?? 0) + 1 });
            this.waiters.splice(0).forEach(w => w());
        });
        this.connection.onNotification((method, params) => {
            this.notifications.push({ method, params });
            this.waiters.splice(0).forEach(w => w());
        });
        this.connection.onRequest('client/registerCapability', (p: { registrations: Array<{ method: string; registerOptions?: unknown }> }) => {
            this.registrations.push(...p.registrations);
            return null;
        });
        this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
        this.connection.onRequest('window/workDoneProgress/create', () => null);
        this.connection.listen();
    }

    async initialize(rootUri: string, initializationOptions?: unknown): Promise<unknown> {
        const result = await this.connection.sendRequest('initialize', {
            processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'ws' }], initializationOptions,
            capabilities: {
                textDocument: { completion: { completionItem: { snippetSupport: true } }, hover: { contentFormat: ['markdown'] } },
                workspace: { workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
            },
        });
        await this.connection.sendNotification('initialized', {});
        return result;
    }

    open(uri: string, text: string, version = 1): Promise<void> {
        return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'flow', version, text } });
    }

    change(uri: string, text: string, version: number): Promise<void> {
        return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    }

    /** Resolves with the diagnostics published for `uri` once `predicate` holds (or throws after a timeout). */
    async waitForDiagnostics(uri: string, predicate: (d: Diagnostic[], version?: number) => boolean = () => true, timeoutMs = 20000): Promise<Diagnostic[]> {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            const current = this.diagnostics.get(uri);
            if (current && predicate(current.items, current.version)) return current.items;
            if (Date.now() > deadline) throw new Error(`no matching diagnostics for ${uri}; last: ${JSON.stringify(current)}`);
            await new Promise<void>(resolve => { this.waiters.push(resolve); setTimeout(resolve, 200); });
        }
    }

    /** How many times diagnostics were published for `uri` (to wait for the next publication). */
    publications(uri: string): number {
        return this.diagnostics.get(uri)?.count ?? 0;
    }

    /** Resolves with the next diagnostics published for `uri` after `after` publications. */
    async waitForNextDiagnostics(uri: string, after: number, timeoutMs = 20000): Promise<Diagnostic[]> {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            const current = this.diagnostics.get(uri);
            if (current && current.count > after) return current.items;
            if (Date.now() > deadline) throw new Error(`no new diagnostics for ${uri} after ${after} publications`);
            await new Promise<void>(resolve => { this.waiters.push(resolve); setTimeout(resolve, 200); });
        }
    }

    /** The server's process id (benchmarks read its CPU time). */
    get pid(): number | undefined {
        return this.child.pid;
    }

    /** The server process ended (crashed or exited). */
    get exited(): boolean {
        return this.child.exitCode !== null || this.child.signalCode !== null;
    }

    async waitForNotification(method: string, predicate: (p: unknown) => boolean, timeoutMs = 20000): Promise<unknown> {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            const found = this.notifications.find(n => n.method === method && predicate(n.params));
            if (found) return found.params;
            if (Date.now() > deadline) throw new Error(`no ${method} notification`);
            await new Promise<void>(resolve => { this.waiters.push(resolve); setTimeout(resolve, 200); });
        }
    }

    request<R>(method: string, params: unknown): Promise<R> {
        return this.connection.sendRequest(method, params) as Promise<R>;
    }

    /** Ends the server at once (after a hang). */
    kill(): void {
        this.connection.dispose();
        this.child.kill('SIGKILL');
    }

    async shutdown(): Promise<void> {
        try {
            await this.connection.sendRequest('shutdown');
            await this.connection.sendNotification('exit');
        } catch { /* already gone */ }
        this.connection.dispose();
        await new Promise<void>(resolve => {
            if (this.child.exitCode !== null) return resolve();
            const timer = setTimeout(() => { this.child.kill('SIGKILL'); resolve(); }, 3000);
            this.child.once('exit', () => { clearTimeout(timer); resolve(); });
        });
    }
}
