/**
 * The Pseudoterminal of a `flowstudio` task: starts the engine in a child process, renders its
 * run events (one line per node, progress bars, losses, ETA, cached nodes, a summary), and
 * cancels the run on Ctrl+C or when the task is terminated.
 */
import * as vscode from 'vscode';
import type { RunEvent } from '../../../catalog/src/run-events.js';
import type { ActiveRun, ActiveRuns } from './active-runs.js';
import { RunEventRenderer } from './event-renderer.js';
import { engineFailureMessage, RunProcess } from './run-process.js';
import { runCommandArgs, runKey, runName, type RunRequest } from './run-request.js';
import { ansi } from './terminal-format.js';

const EOL = '\r\n';

export class RunTerminal implements vscode.Pseudoterminal, ActiveRun {
    private readonly writer = new vscode.EventEmitter<string>();
    private readonly closer = new vscode.EventEmitter<number>();
    readonly onDidWrite = this.writer.event;
    readonly onDidClose = this.closer.event;
    readonly key: string;
    private readonly renderer = new RunEventRenderer();
    private process: RunProcess | undefined;
    private status: 'success' | 'error' | 'cancelled' | undefined;
    /** The engine's last stderr lines: what a failed start says. */
    private readonly stderrTail: string[] = [];

    constructor(readonly request: RunRequest, private readonly cli: string, private readonly runs: ActiveRuns) {
        this.key = runKey(request);
    }

    open(initialDimensions: vscode.TerminalDimensions | undefined): void {
        this.renderer.columns = initialDimensions?.columns ?? 0;
        const running = this.runs.find(this.request);
        if (running) {
            this.writer.fire(ansi.red(`${runName(this.request)} is already running in this window; stop it first (Flow Studio: Stop Run) or wait for it to finish.`) + EOL);
            this.closer.fire(1);
            return;
        }
        this.runs.add(this);
        this.writer.fire(ansi.dim(`$ flowstudio ${runCommandArgs(this.request).join(' ')}`) + EOL);
        this.process = new RunProcess({ cli: this.cli, args: runCommandArgs(this.request), cwd: this.request.cwd, node: this.request.node }, {
            onEvent: (event) => this.onEvent(event),
            onText: (text, stream) => this.onText(text, stream),
            onExit: (code, signal) => this.onExit(code, signal),
        });
    }

    setDimensions(dimensions: vscode.TerminalDimensions): void {
        this.renderer.columns = dimensions.columns;
    }

    /** Ctrl+C in the terminal cancels the run, as in a shell. */
    handleInput(data: string): void {
        if (data === '\x03') this.cancel();
    }

    /** The task was terminated (or the terminal closed): stop the engine. */
    close(): void {
        this.cancel();
    }

    cancel(): void {
        if (!this.process?.running) return;
        this.writer.fire(EOL + ansi.yellow('Cancelling…') + EOL);
        this.process.cancel();
    }

    private onEvent(event: RunEvent): void {
        // A sweep's combinations each end with run-end; its own sweep-end comes last and says how it went.
        if (event.event === 'run-end' || event.event === 'sweep-end') this.status = event.status;
        const text = this.renderer.render(event);
        if (text) this.writer.fire(text);
        this.runs.emit(this, event);
    }

    private onText(text: string, stream: 'stdout' | 'stderr'): void {
        this.writer.fire((stream === 'stderr' ? ansi.yellow(text) : text) + EOL);
        if (stream === 'stderr') {
            this.stderrTail.push(text);
            if (this.stderrTail.length > 20) this.stderrTail.shift();
        }
        this.runs.text(this, text, stream);
    }

    private onExit(code: number | null, signal: NodeJS.Signals | null): void {
        if (!this.status) {
            // the engine ended without its run-end event: say how, here and where the user looks
            const how = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
            this.writer.fire(ansi.red(`The engine ${how} before finishing the run.`) + EOL);
            this.runs.fail(this, engineFailureMessage(how, this.stderrTail));
        }
        this.runs.remove(this);
        this.closer.fire(this.status === 'success' ? 0 : code || 1);
    }
}
