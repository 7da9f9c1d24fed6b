/**
 * The runs in progress in this window, one per workflow: a second run of the same workflow is
 * refused (it would race the first on the cache and the output folder). Everything that shows
 * a run (terminal, status bar, diagnostics, later the panels) listens to `onEvent`.
 */
import * as vscode from 'vscode';
import type { RunEvent } from '../../../catalog/src/run-events.js';
import { runKey, type RunRequest } from './run-request.js';

export interface ActiveRun {
    readonly key: string;
    readonly request: RunRequest;
    /** Asks the engine to stop (SIGINT). */
    cancel(): void;
}

export interface RunEventEnvelope { run: ActiveRun; event: RunEvent }

/** Engine output that is not a run event (stderr, stray stdout): kept whole in the engine log. */
export interface RunTextEnvelope { run: ActiveRun; text: string; stream: 'stdout' | 'stderr' }

/** The engine ended without its `run-end` event: it could not start, crashed or was killed. */
export interface RunFailure { run: ActiveRun; message: string }

export class ActiveRuns implements vscode.Disposable {
    private readonly runs = new Map<string, ActiveRun>();
    private readonly events = new vscode.EventEmitter<RunEventEnvelope>();
    private readonly started = new vscode.EventEmitter<ActiveRun>();
    private readonly ended = new vscode.EventEmitter<ActiveRun>();
    private readonly texts = new vscode.EventEmitter<RunTextEnvelope>();
    private readonly failures = new vscode.EventEmitter<RunFailure>();
    readonly onText = this.texts.event;
    readonly onDidFail = this.failures.event;
    readonly onEvent = this.events.event;
    readonly onDidStart = this.started.event;
    readonly onDidEnd = this.ended.event;

    /** The run of this workflow in progress, if any. */
    find(request: Pick<RunRequest, 'file' | 'workflow'>): ActiveRun | undefined {
        return this.runs.get(runKey(request));
    }

    all(): ActiveRun[] {
        return [...this.runs.values()];
    }

    /** Registers a run; throws when the same workflow is already running. */
    add(run: ActiveRun): void {
        if (this.runs.has(run.key)) throw new Error('already running');
        this.runs.set(run.key, run);
        this.started.fire(run);
    }

    emit(run: ActiveRun, event: RunEvent): void {
        this.events.fire({ run, event });
    }

    text(run: ActiveRun, text: string, stream: 'stdout' | 'stderr'): void {
        this.texts.fire({ run, text, stream });
    }

    /** Reports a run that ended without `run-end`; call before `remove`. */
    fail(run: ActiveRun, message: string): void {
        this.failures.fire({ run, message });
    }

    remove(run: ActiveRun): void {
        if (this.runs.get(run.key) !== run) return;
        this.runs.delete(run.key);
        this.ended.fire(run);
    }

    dispose(): void {
        for (const run of this.runs.values()) run.cancel();
        this.events.dispose();
        this.started.dispose();
        this.ended.dispose();
        this.texts.dispose();
        this.failures.dispose();
    }
}
