/**
 * The latest run state of every `.flow` file run in this window, kept from the first event,
 * so a graph view opened during (or after) a run starts with a snapshot of it. Image fields
 * hold file paths here; each view turns them into its own webview URIs.
 */
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { RunEvent } from '../../../catalog/src/run-events.js';
import type { RunState } from '../../../webview/src/graph/contract.js';
import { applyRunEvent, emptyRunState } from '../../../webview/src/graph/run-state.js';
import type { ActiveRuns } from '../run/active-runs.js';

/** The file a run event's image lives in (preview grids and saved or previewed images). */
export function imagePathOf(event: RunEvent): string | undefined {
    return event.event === 'preview' || event.event === 'image' ? event.path : undefined;
}

export function fileKey(file: string): string {
    return path.resolve(file);
}

export class FileRunStates implements vscode.Disposable {
    private readonly states = new Map<string, RunState>();
    private readonly subscription: vscode.Disposable;

    constructor(runs: ActiveRuns) {
        this.subscription = runs.onEvent(({ run, event }) => {
            const key = fileKey(run.request.file);
            this.states.set(key, applyRunEvent(this.states.get(key) ?? emptyRunState(), event, imagePathOf(event)));
        });
    }

    /** The state of the last run of `file` (idle when it never ran in this window). */
    get(file: string): RunState {
        return this.states.get(fileKey(file)) ?? emptyRunState();
    }

    dispose(): void {
        this.subscription.dispose();
    }
}
