/**
 * Recorded run event streams (test/fixtures/events/<name>.jsonl, made by record.mjs from real
 * runs) with their paths made absolute, so tests use them like live events.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRunEvent, type RunEvent } from '../../../catalog/src/run-events.js';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const EVENT_FIXTURES = join(REPO, 'test/fixtures/events');

export function loadEvents(name: string): RunEvent[] {
    const text = readFileSync(join(EVENT_FIXTURES, `${name}.jsonl`), 'utf8');
    const abs = (p: string) => (isAbsolute(p) ? p : join(EVENT_FIXTURES, p));
    return text.split('\n').map(parseRunEvent).filter((e): e is RunEvent => e !== undefined).map(e => {
        if (e.event === 'run-start') return { ...e, outputDir: abs(e.outputDir), file: abs(e.file.startsWith('examples/') ? join('../../..', e.file) : e.file) };
        if (e.event === 'image' || e.event === 'preview') return { ...e, path: abs(e.path) };
        return e;
    });
}

/** The same stream as another run: new run id, times shifted. */
export function asRun(events: RunEvent[], runId: string, shiftMs: number): RunEvent[] {
    return events.map(e => ({ ...e, runId, time: e.time + shiftMs }));
}

export interface SyntheticTraining {
    runId: string;
    /** Node id and type of the trainer. */
    node: string;
    type: string;
    steps: number;
    /** What its progress event at `step` (1-based) reports. */
    metrics: (step: number) => Record<string, number>;
    time?: number;
}

/**
 * A run of one training node for trainers without a recorded run (TrainDiffusion, a pack's
 * trainer): run-start, node-start, a progress event per step, node-end, run-end.
 */
export function trainingRun(t: SyntheticTraining): RunEvent[] {
    const time = t.time ?? Date.UTC(2026, 0, 1);
    const range = { start: { line: 3, character: 4 }, end: { line: 3, character: 40 } };
    const events: RunEvent[] = [
        {
            event: 'run-start', runId: t.runId, time, version: 1, workflow: 'Training', file: '/w/train.flow', backend: 'cpu', outputDir: '/w/out',
            nodes: [{ id: t.node, type: t.type, label: t.node, uri: 'file:///w/train.flow', range }],
        },
        { event: 'node-start', runId: t.runId, time: time + 1, node: t.node, type: t.type },
    ];
    for (let step = 1; step <= t.steps; step++) {
        events.push({
            event: 'progress', runId: t.runId, time: time + 1 + step * 100, node: t.node, value: step, max: t.steps,
            metrics: { ...t.metrics(step), step }, etaMs: (t.steps - step) * 100,
        });
    }
    const end = time + 2 + t.steps * 100;
    events.push(
        { event: 'node-end', runId: t.runId, time: end, node: t.node, type: t.type, ms: end - time },
        { event: 'run-end', runId: t.runId, time: end + 1, status: 'success', ms: end + 1 - time, executed: 1, cached: 0 },
    );
    return events;
}
