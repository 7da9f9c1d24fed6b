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
