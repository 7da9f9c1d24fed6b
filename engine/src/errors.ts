/** Errors the engine reports: what went wrong, at which node and where in the .flow file. */
import type { SourceRange } from '../../catalog/src/graph.js';

/** A failure a user can act on (bad input, size mismatch, ...), raised by node implementations. */
export class FlowError extends Error {
    constructor(message: string, readonly code?: string) {
        super(message);
        this.name = 'FlowError';
    }
}

/** A failure attributed to one node of the workflow. */
export class NodeError extends Error {
    constructor(
        message: string,
        readonly node: string,
        readonly label: string,
        readonly uri: string,
        readonly range: SourceRange,
        readonly code?: string,
        options?: { cause?: unknown },
    ) {
        super(message, options);
        this.name = 'NodeError';
    }
}

/** Thrown when the run's AbortSignal fires; carries no node blame. */
export class CancelledError extends Error {
    constructor() {
        super('run cancelled');
        this.name = 'CancelledError';
    }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
    if (signal?.aborted) throw new CancelledError();
}

export function isCancellation(e: unknown): boolean {
    return e instanceof CancelledError || (e instanceof Error && e.name === 'AbortError');
}
