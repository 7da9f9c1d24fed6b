/**
 * The Outputs view state as a pure reducer of host messages: the host keeps one copy (to
 * re-send when the panel opens again) and the view another (to render), and since both run
 * the same function on the same messages they agree. Runs are newest first; older runs drop
 * off beyond MAX_RUNS so a long session cannot grow without bound.
 */
import type { RunEvent } from '../../../catalog/src/run-events.js';
import type { OutputImage, OutputNodeGroup, OutputRun, OutputsHostMessage, OutputsPersistedState, OutputsState } from './contract.js';

export const MAX_RUNS = 30;
export const MAX_IMAGES_PER_NODE = 512;
const MAX_ERRORS = 5;

export const EMPTY_OUTPUTS: OutputsState = { runs: [] };

export function reduceOutputs(state: OutputsState, message: OutputsHostMessage): OutputsState {
    switch (message.type) {
        case 'init': return message.state;
        case 'restored': return mergeRuns(state, message.runs);
        case 'event': return applyEvent(state, message.event, message.src);
    }
}

export function applyEvent(state: OutputsState, event: RunEvent, src?: string): OutputsState {
    if (event.event === 'sweep-start') {
        const run: OutputRun = {
            runId: event.runId, workflow: `${event.workflow} · sweep of ${event.axes.map(a => `${a.node}.${a.arg}`).join(' × ')}`,
            file: event.file, outputDir: event.outputDir, status: 'running', startedAt: event.time, errors: [], nodes: [], planned: {}, combinations: {},
        };
        return { runs: [run, ...state.runs.filter(r => r.runId !== event.runId)].slice(0, MAX_RUNS) };
    }
    // A combination of a sweep shows in the sweep's entry.
    const sweep = state.runs.find(r => r.combinations && (r.runId === (event.event === 'run-start' ? event.sweep?.id : undefined) || event.runId in r.combinations));
    if (sweep && sweep.runId !== event.runId) {
        const next = updateCombination(sweep, event, src);
        return next === sweep ? state : { runs: state.runs.map(r => (r === sweep ? next : r)) };
    }
    if (event.event === 'run-start') {
        const planned: OutputRun['planned'] = {};
        for (const n of event.nodes) planned[n.id] = { label: n.label, type: n.type };
        const run: OutputRun = {
            runId: event.runId, workflow: event.workflow, file: event.file, outputDir: event.outputDir,
            status: 'running', startedAt: event.time, errors: [], nodes: [], planned,
        };
        return { runs: [run, ...state.runs.filter(r => r.runId !== event.runId)].slice(0, MAX_RUNS) };
    }
    const existing = state.runs.find(r => r.runId === event.runId);
    // Events of a run whose start we missed (panel created mid-run): start it here.
    const run: OutputRun = existing ?? {
        runId: event.runId, workflow: '', status: 'running', startedAt: event.time, errors: [], nodes: [], planned: {},
    };
    const next = updateRun(run, event, src);
    if (next === run && existing) return state;
    const runs = existing ? state.runs.map(r => (r === existing ? next : r)) : [next, ...state.runs].slice(0, MAX_RUNS);
    return { runs: event.event === 'image' ? withoutRestoredCopy(runs, event.runId, event.path) : runs };
}

/**
 * A live run owns its images: the same file found by the folder scan (which can finish while
 * the run is still reporting) leaves the restored run it was grouped into.
 */
function withoutRestoredCopy(runs: OutputRun[], runId: string, path: string): OutputRun[] {
    return runs.flatMap(r => {
        if (r.status !== 'restored' || r.runId === runId || !r.nodes.some(n => n.images.some(i => i.path === path))) return [r];
        const nodes = r.nodes.map(n => ({ ...n, images: n.images.filter(i => i.path !== path) })).filter(n => n.images.length > 0);
        return nodes.length > 0 ? [{ ...r, nodes }] : [];
    });
}

function updateRun(run: OutputRun, event: RunEvent, src: string | undefined): OutputRun {
    switch (event.event) {
        case 'node-start': return { ...run, currentNode: event.node };
        case 'image': {
            if (event.grid) return withGrid(run, event, src);
            const image: OutputImage = {
                path: event.path, src: src ?? '', width: event.width, height: event.height, saved: event.saved,
                ...(event.args ? { args: event.args } : {}), time: event.time,
            };
            const known = run.nodes.find(n => n.id === event.node);
            const planned = run.planned[event.node];
            const group: OutputNodeGroup = known ?? { id: event.node, label: planned?.label ?? event.node, type: planned?.type ?? '', images: [] };
            const withImage = { ...group, images: [...group.images.filter(i => i.path !== image.path), image].slice(-MAX_IMAGES_PER_NODE) };
            const nodes = known ? run.nodes.map(n => (n === known ? withImage : n)) : [...run.nodes, withImage];
            return { ...run, nodes };
        }
        case 'error':
            return run.errors.length >= MAX_ERRORS ? run : { ...run, errors: [...run.errors, event.node ? `${labelOf(run, event.node)}: ${event.message}` : event.message] };
        case 'run-end':
        case 'sweep-end': {
            const { currentNode: _, ...rest } = run;
            return { ...rest, status: event.status, endedAt: event.time };
        }
        default:
            return run;
    }
}

/** An event of one combination's run, folded into its sweep's entry. */
function updateCombination(sweep: OutputRun, event: RunEvent, src: string | undefined): OutputRun {
    switch (event.event) {
        case 'run-start': {
            const planned = { ...sweep.planned };
            for (const n of event.nodes) planned[n.id] = { label: n.label, type: n.type };
            const values = event.sweep ? `${event.sweep.index + 1}/${event.sweep.count}: ${event.sweep.values.map(v => `${v.arg}=${v.value}`).join(', ')}` : event.runId;
            return { ...sweep, planned, combinations: { ...sweep.combinations, [event.runId]: values } };
        }
        case 'image': {
            // One group per node and combination, named by the combination's values.
            const id = `${event.node}@${event.runId}`;
            const label = `${labelOf(sweep, event.node)} · ${sweep.combinations?.[event.runId] ?? event.runId}`;
            const planned = { ...sweep.planned, [id]: { label, type: sweep.planned[event.node]?.type ?? '' } };
            return updateRun({ ...sweep, planned }, { ...event, node: id }, src);
        }
        case 'run-end': return sweep;
        default: return updateRun(sweep, event, src);
    }
}

function labelOf(run: OutputRun, node: string): string {
    return run.planned[node]?.label ?? node;
}

/** A sweep's comparison grid: first in its entry, in a group of its own. */
function withGrid(run: OutputRun, event: Extract<RunEvent, { event: 'image' }>, src: string | undefined): OutputRun {
    const image: OutputImage = { path: event.path, src: src ?? '', width: event.width, height: event.height, saved: event.saved, time: event.time };
    const grid = event.grid!;
    const axes = [grid.rows, grid.columns].filter(Boolean).join(' × ');
    const known = run.nodes.find(n => n.id === SWEEP_GRID_GROUP);
    const group: OutputNodeGroup = known ?? { id: SWEEP_GRID_GROUP, label: 'Sweep grid', type: axes, images: [] };
    const withImage = { ...group, images: [...group.images.filter(i => i.path !== image.path), image] };
    return { ...run, nodes: [withImage, ...run.nodes.filter(n => n !== known)] };
}

/** The group of a sweep's comparison grids. */
export const SWEEP_GRID_GROUP = 'sweep';

/**
 * Adds restored runs that the state does not have yet (by run id; images already shown by a
 * live run are not repeated), keeping newest-first order.
 */
export function mergeRuns(state: OutputsState, restored: OutputRun[]): OutputsState {
    const shown = new Set(state.runs.flatMap(r => r.nodes.flatMap(n => n.images.map(i => i.path))));
    const ids = new Set(state.runs.map(r => r.runId));
    const added = restored
        .filter(r => !ids.has(r.runId))
        .map(r => ({ ...r, nodes: r.nodes.map(n => ({ ...n, images: n.images.filter(i => !shown.has(i.path)) })).filter(n => n.images.length > 0) }))
        .filter(r => r.nodes.length > 0 || r.errors.length > 0);
    if (added.length === 0) return state;
    const runs = [...state.runs, ...added].sort((a, b) => b.startedAt - a.startedAt).slice(0, MAX_RUNS);
    return { runs };
}

/** The state as persisted by the view: `data:` images dropped (temporary, and heavy). */
export function toPersisted(state: OutputsState, collapsed: Iterable<string>): OutputsPersistedState {
    const runs = state.runs.map(r => ({
        ...r, nodes: r.nodes.map(n => ({ ...n, images: n.images.filter(i => !i.src.startsWith('data:')) })).filter(n => n.images.length > 0),
    }));
    const ids = new Set(runs.map(r => r.runId));
    return { version: 1, runs, collapsed: [...collapsed].filter(id => ids.has(id)) };
}

/** Every image of the state in display order (runs newest first, nodes, images), for the lightbox. */
export function allImages(state: OutputsState): Array<{ run: OutputRun; node: OutputNodeGroup; image: OutputImage }> {
    return state.runs.flatMap(run => run.nodes.flatMap(node => node.images.map(image => ({ run, node, image }))));
}

/** Run summary for the header: `3 nodes · 17 images`. */
export function imageCount(run: OutputRun): number {
    return run.nodes.reduce((k, n) => k + n.images.length, 0);
}
