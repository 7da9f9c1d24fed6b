/**
 * Runs `flowstudio run ... --json` in a child process (never in the extension host) and
 * reports its run events line by line. Cancelling sends SIGINT, which the engine handles by
 * finishing cleanly with a `run-end` "cancelled" event; SIGKILL follows if it does not exit.
 * No vscode import.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseRunEvent, type RunEvent } from '../../../catalog/src/run-events.js';

export interface RunProcessHandlers {
    onEvent(event: RunEvent): void;
    /** Output that is not a run event: stderr, and stray stdout lines. */
    onText(text: string, stream: 'stdout' | 'stderr'): void;
    onExit(code: number | null, signal: NodeJS.Signals | null): void;
}

export interface RunProcessOptions {
    /** The CLI entry (the extension's bin/flowstudio.js). */
    cli: string;
    args: string[];
    cwd: string;
    env?: NodeJS.ProcessEnv;
    /** Node executable; default: `node` on PATH, else this process's runtime. */
    node?: string;
    /** How long after SIGINT before SIGKILL. */
    killAfterMs?: number;
}

export class RunProcess {
    private readonly child: ChildProcess;
    private killTimer: NodeJS.Timeout | undefined;
    private exited = false;

    constructor(private readonly options: RunProcessOptions, handlers: RunProcessHandlers) {
        const { command, env } = nodeCommand(options.node, { ...process.env, ...options.env });
        this.child = spawn(command, [options.cli, ...options.args], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
        forEachLine(this.child.stdout!, (line) => {
            const event = parseRunEvent(line);
            if (event) handlers.onEvent(event);
            else if (line.trim()) handlers.onText(line, 'stdout');
        });
        forEachLine(this.child.stderr!, (line) => handlers.onText(line, 'stderr'));
        this.child.on('error', (error) => handlers.onText(`could not start ${command}: ${error.message}`, 'stderr'));
        this.child.on('close', (code, signal) => {
            this.exited = true;
            clearTimeout(this.killTimer);
            handlers.onExit(code, signal);
        });
    }

    get pid(): number | undefined {
        return this.child.pid;
    }

    get running(): boolean {
        return !this.exited;
    }

    /** Asks the engine to stop (SIGINT); kills it if it has not exited after `killAfterMs`. */
    cancel(): void {
        if (this.exited || this.killTimer) return;
        this.child.kill('SIGINT');
        this.killTimer = setTimeout(() => { if (!this.exited) this.child.kill('SIGKILL'); }, this.options.killAfterMs ?? 30_000);
    }
}

/**
 * The workspace's Node (`node` on PATH) runs the engine; when there is none, the extension
 * host's own runtime does, as plain Node (ELECTRON_RUN_AS_NODE matters in desktop VS Code).
 */
export function nodeCommand(explicit: string | undefined, env: NodeJS.ProcessEnv): { command: string; env: NodeJS.ProcessEnv } {
    if (explicit) return { command: explicit, env };
    const onPath = findOnPath('node', env.PATH ?? '');
    if (onPath) return { command: onPath, env };
    return { command: process.execPath, env: { ...env, ELECTRON_RUN_AS_NODE: '1' } };
}

function findOnPath(name: string, searchPath: string): string | undefined {
    for (const dir of searchPath.split(path.delimiter)) {
        if (!dir) continue;
        const candidate = path.join(dir, name);
        try {
            fs.accessSync(candidate, fs.constants.X_OK);
            if (fs.statSync(candidate).isFile()) return candidate;
        } catch {
            // not here
        }
    }
    return undefined;
}

function forEachLine(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) onLine(line.replace(/\r$/, ''));
    });
    stream.on('end', () => { if (pending) onLine(pending); pending = ''; });
}

/** One line for a notification: the engine's own last words, or how it ended. */
export function engineFailureMessage(how: string, stderrTail: readonly string[]): string {
    const said = stderrTail.map(line => line.trim()).filter(Boolean);
    const last = said.find(line => /error|cannot|could not|not found|no such/i.test(line)) ?? said[said.length - 1];
    return last ? `the engine ${how}: ${last.replace(/^flowstudio:\s*/, '')}` : `the engine ${how} before finishing the run`;
}
