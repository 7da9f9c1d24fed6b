/**
 * Client of the test bridge extension (test/e2e/bridge/extension.cjs): exact workbench state
 * and VS Code API calls over loopback HTTP, instead of scraping the page.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface DiagnosticInfo {
    severity: 'error' | 'warning' | 'info' | 'hint';
    message: string;
    source?: string;
    code?: string | number;
    /** [startLine, startCharacter, endLine, endCharacter], 0-based. */
    range: [number, number, number, number];
}

export interface WorkbenchState {
    at: number;
    diagnostics: { uri: string; items: DiagnosticInfo[] }[];
    activeEditor?: { uri: string; languageId: string; isDirty: boolean; selection: number[]; text: string };
    visibleEditors: string[];
    terminals: { name: string; exitStatus?: number }[];
    activeExtensions: string[];
    flowStudio?: { id: string; active: boolean; languageClientRunning: boolean; startup?: { activateMs: number; serverStartMs?: number } };
}

export interface CompletionInfo {
    label: string;
    kind?: string;
    detail?: string;
    documentation?: string;
    insertText?: string;
}

export interface TaskInfo { name: string; source: string; detail?: string; definition: Record<string, unknown> }

export interface HoverInfo { range?: number[]; contents: string[] }

export class Bridge {
    private constructor(private readonly port: number, private readonly token: string) {}

    /** Waits for the bridge's ready file written after `since` (it activates on startup finished). */
    static async connect(dir: string, since: number, timeout = 60_000): Promise<Bridge> {
        const file = path.join(dir, 'bridge-ready.json');
        const deadline = Date.now() + timeout;
        while (Date.now() < deadline) {
            if (fs.existsSync(file)) {
                const ready = JSON.parse(fs.readFileSync(file, 'utf8')) as { port: number; token: string; at: number };
                if (ready.at >= since) return new Bridge(ready.port, ready.token);
            }
            await sleep(200);
        }
        throw new Error(`e2e bridge did not start within ${timeout} ms (no fresh ${file})`);
    }

    async call<T>(method: string, params: unknown = {}): Promise<T> {
        const response = await fetch(`http://127.0.0.1:${this.port}/rpc`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-bridge-token': this.token },
            body: JSON.stringify({ method, params }),
        });
        const body = await response.json() as { result?: T; error?: string };
        if (!response.ok || body.error) throw new Error(`bridge ${method}: ${body.error ?? response.status}`);
        return body.result as T;
    }

    state(): Promise<WorkbenchState> {
        return this.call('state');
    }

    /** Runs a VS Code command; pass `{ $uri }` / `{ $position: [l, c] }` objects for Uri/Position args. */
    executeCommand<T = unknown>(command: string, ...args: unknown[]): Promise<T> {
        return this.call('executeCommand', { command, args });
    }

    completions(uri: string, line: number, character: number): Promise<CompletionInfo[]> {
        return this.call('completions', { uri, line, character });
    }

    hovers(uri: string, line: number, character: number): Promise<HoverInfo[]> {
        return this.call('hovers', { uri, line, character });
    }

    /** Tasks as Run Task lists them (all providers, or one task type). */
    tasks(type?: string): Promise<TaskInfo[]> {
        return this.call('tasks', { type });
    }

    /** Starts a task by name (a tasks.json label, or e.g. "run DigitsGan"). */
    runTask(name: string, type?: string): Promise<boolean> {
        return this.call('runTask', { name, type });
    }

    /** Tasks running now. */
    taskExecutions(): Promise<{ name: string; definition: Record<string, unknown> }[]> {
        return this.call('taskExecutions');
    }

    /** Diagnostics of one document (by URI suffix, e.g. "digits-gan.flow"). */
    async diagnostics(uriSuffix: string): Promise<DiagnosticInfo[]> {
        const state = await this.state();
        return state.diagnostics.find((d) => d.uri.endsWith(uriSuffix))?.items ?? [];
    }

    /** Polls the state until `predicate` holds; returns the state that satisfied it. */
    async waitFor(predicate: (state: WorkbenchState) => boolean, what: string, timeout = 30_000): Promise<WorkbenchState> {
        const deadline = Date.now() + timeout;
        let last: WorkbenchState | undefined;
        while (Date.now() < deadline) {
            last = await this.state();
            if (predicate(last)) return last;
            await sleep(200);
        }
        throw new Error(`timeout after ${timeout} ms waiting for ${what}; last state: ${JSON.stringify(last?.diagnostics)}`);
    }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
