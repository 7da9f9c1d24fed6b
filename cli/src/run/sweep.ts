/**
 * `flowstudio run --sweep`: one run of the workflow per combination of the swept values, in
 * one process and through one executor whose result memory every combination shares (what is
 * upstream of the swept arguments runs once; the disk cache serves later sweeps), then a
 * labelled comparison grid of their images (sweep-grid.ts). The first axis is the rows, the
 * second the columns, further axes give one grid per combination of their values; a single
 * axis is one row. Events: `sweep-start`, each combination's own run (its `run-start` says
 * which combination it is), the grids' `image` events, `sweep-end` (docs/run-events.md).
 */
import type { ExecGraph } from '../../../catalog/src/graph.js';
import type { ParamValue } from '../../../catalog/src/index.js';
import type { ExecRequest, Executor } from '../../../catalog/src/executor.js';
import type { ImageEvent, RunEvent, SweepCombination } from '../../../catalog/src/run-events.js';
import { withValues, type ArgValues } from './set-values.js';
import { combinationIndices, saveSweepGrids, type CombinationImages } from './sweep-grid.js';

/** Combinations beyond this are refused: a typo in a file of prompts should not start a day of work. */
export const MAX_COMBINATIONS = 1024;

export interface SweepRequest {
    executor: Executor;
    /** The run as one combination would be, without its graph's swept values and run id. */
    base: Omit<ExecRequest, 'runId' | 'emit' | 'graph'>;
    graph: ExecGraph;
    axes: ArgValues[];
    /** The sweep's id (its own events; combinations are `<id>.<n>`). */
    sweepId: string;
    emit: (event: RunEvent) => void;
    signal?: AbortSignal;
}

export interface SweepOutcome {
    status: 'success' | 'error' | 'cancelled';
    executed: string[];
    cached: string[];
    completed: number;
    combinations: number;
    grids: string[];
    message?: string;
}

export function checkSweepSize(axes: readonly ArgValues[]): string | undefined {
    const count = axes.reduce((n, a) => n * a.values.length, 1);
    return count > MAX_COMBINATIONS ? `the sweep has ${count} combinations; at most ${MAX_COMBINATIONS} run in one sweep (fewer values, or several sweeps)` : undefined;
}

export async function runSweep(request: SweepRequest): Promise<SweepOutcome> {
    const started = Date.now();
    const { axes, sweepId } = request;
    const stamp = (body: Record<string, unknown>): RunEvent => ({ ...body, runId: sweepId, time: Date.now() } as unknown as RunEvent);
    const combos = combinationIndices(axes.map(a => a.values.length));
    request.emit(stamp({
        event: 'sweep-start', workflow: request.base.workflow, file: request.base.flowFile, outputDir: request.base.outputDir,
        axes: axes.map(a => ({ node: a.node, arg: a.arg, values: a.labels })), combinations: combos.length,
    }));
    const executed: string[] = [];
    const cached: string[] = [];
    const results: CombinationImages[] = [];
    let status: SweepOutcome['status'] = 'success';
    let message: string | undefined;
    for (const [index, picks] of combos.entries()) {
        // A run of cached or quick nodes can be one chain of promise callbacks from start to end:
        // give the event loop a turn, so that a SIGINT that came during the last combination is seen.
        await new Promise(resolve => setImmediate(resolve));
        if (request.signal?.aborted) {
            status = 'cancelled';
            break;
        }
        const combination: SweepCombination = {
            id: sweepId, index, count: combos.length,
            values: axes.map((a, k) => ({ node: a.node, arg: a.arg, value: a.labels[picks[k]] })),
        };
        const values: Array<{ node: string; arg: string; value: ParamValue }> = axes.map((a, k) => ({ node: a.node, arg: a.arg, value: a.values[picks[k]] }));
        const images: ImageEvent[] = [];
        const result = await request.executor.execute({
            ...request.base,
            graph: withValues(request.graph, values),
            runId: `${sweepId}.${index + 1}`,
            signal: request.signal,
            emit: event => {
                if (event.event === 'image') images.push(event);
                request.emit(event.event === 'run-start' ? { ...event, sweep: combination } : event);
            },
        });
        executed.push(...result.executed);
        cached.push(...result.cached);
        if (result.status !== 'success') {
            status = result.status;
            message = result.message;
            break;
        }
        results.push({ picks, images });
    }
    const grids: string[] = [];
    if (status === 'success') {
        try {
            for (const grid of await saveSweepGrids({ ...request.base, axes, combinations: results })) {
                grids.push(grid.path);
                request.emit(stamp({ event: 'image', node: 'sweep', path: grid.path, width: grid.width, height: grid.height, saved: true, grid: grid.info }));
            }
        } catch (e) {
            status = 'error';
            message = `the sweep's comparison grid could not be saved: ${(e as Error).message}`;
            request.emit(stamp({ event: 'error', message, code: (e as { code?: string }).code ?? 'sweep-grid' }));
        }
    }
    request.emit(stamp({ event: 'sweep-end', status, ms: Date.now() - started, completed: results.length, combinations: combos.length, grids }));
    return { status, executed, cached, completed: results.length, combinations: combos.length, grids, ...(message ? { message } : {}) };
}
