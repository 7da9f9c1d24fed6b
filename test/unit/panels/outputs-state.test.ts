import assert from 'node:assert/strict';
import type { RunEvent } from '../../../catalog/src/run-events.js';
import type { OutputRun, OutputsState } from '../../../webview/src/outputs/contract.js';
import { allImages, applyEvent, EMPTY_OUTPUTS, imageCount, MAX_RUNS, mergeRuns, reduceOutputs, toPersisted } from '../../../webview/src/outputs/state.js';
import { asRun, loadEvents } from './event-fixtures.js';

const feed = (events: RunEvent[], state: OutputsState = EMPTY_OUTPUTS) =>
    events.reduce((s, event) => reduceOutputs(s, { type: 'event', event, ...(event.event === 'image' ? { src: `uri:${event.path}` } : {}) }), state);

describe('outputs panel state', () => {
    const quickstart = loadEvents('quickstart');

    it('groups the recorded quickstart images by run and node, with their arguments', () => {
        const state = feed(quickstart);
        assert.equal(state.runs.length, 1);
        const run = state.runs[0];
        assert.equal(run.workflow, 'Quickstart');
        assert.equal(run.status, 'success');
        assert.equal(run.currentNode, undefined);
        assert.ok(run.endedAt! > run.startedAt);
        const images = quickstart.filter(e => e.event === 'image');
        assert.equal(imageCount(run), images.length);
        assert.deepEqual(run.nodes.map(n => [n.id, n.type, n.images.length]), [['SaveImages#1', 'SaveImages', 16], ['SaveImages#2', 'SaveImages', 1]]);
        const first = run.nodes[0].images[0];
        assert.match(first.path, /sample_00001\.png$/);
        assert.equal(first.src, `uri:${first.path}`);
        assert.deepEqual(first.args, { node: 'samples', type: 'SampleGAN', count: 16, seed: 42 });
        assert.equal(run.nodes[1].images[0].args?.type, 'ImageGrid');
    });

    it('shows the running node while running and ignores progress and previews', () => {
        const upToTraining = quickstart.slice(0, quickstart.findIndex(e => e.event === 'progress') + 5);
        const state = feed(upToTraining);
        assert.equal(state.runs[0].status, 'running');
        assert.equal(state.runs[0].currentNode, 'trained');
        const again = feed(quickstart.filter(e => e.event === 'progress' || e.event === 'preview'), state);
        assert.equal(again, state, 'progress and preview events leave the state untouched');
    });

    it('puts newer runs first and caps the history', () => {
        let state = feed(quickstart);
        state = feed(asRun(quickstart, 'second', 60_000), state);
        assert.deepEqual(state.runs.map(r => r.runId), ['second', quickstart[0].runId]);
        for (let i = 0; i < MAX_RUNS + 3; i++) state = feed(asRun(quickstart.slice(0, 1), `r${i}`, 120_000 + i), state);
        assert.equal(state.runs.length, MAX_RUNS);
        assert.equal(state.runs[0].runId, `r${MAX_RUNS + 2}`);
    });

    it('records errors and cancellations', () => {
        const start = quickstart[0];
        const base = { runId: 'x', time: start.time };
        const state = feed([
            { ...start, runId: 'x' },
            { ...base, event: 'node-start', node: 'trained', type: 'TrainGAN' },
            { ...base, event: 'error', node: 'trained', message: 'out of memory' },
            { ...base, event: 'error', message: 'run failed' },
            { ...base, event: 'run-end', status: 'cancelled', ms: 5, executed: 1, cached: 0 },
        ]);
        assert.deepEqual(state.runs[0].errors, ['trained: out of memory', 'run failed']);
        assert.equal(state.runs[0].status, 'cancelled');
    });

    it('starts a run whose run-start it missed', () => {
        const image = quickstart.find(e => e.event === 'image')!;
        const state = applyEvent(EMPTY_OUTPUTS, image, 'data:image/png;base64,AA');
        assert.equal(state.runs.length, 1);
        assert.equal(state.runs[0].nodes[0].label, 'SaveImages#1');
        assert.equal(state.runs[0].status, 'running');
    });

    it('replaces an image reported twice (cache replay) instead of repeating it', () => {
        const image = quickstart.find(e => e.event === 'image')!;
        const state = feed([quickstart[0], image, { ...image, time: image.time + 1 }]);
        assert.equal(imageCount(state.runs[0]), 1);
    });

    it('merges restored runs under live ones without repeating shown images', () => {
        const live = feed(quickstart);
        const shown = live.runs[0].nodes[0].images[0];
        const restored: OutputRun[] = [
            { runId: 'old', workflow: 'Quickstart', status: 'restored', startedAt: 1, errors: [], planned: {},
                nodes: [{ id: 'SaveImages#1', label: 'SaveImages#1', type: 'SaveImages', images: [{ ...shown }, { ...shown, path: '/elsewhere/a.png' }] }] },
            { runId: live.runs[0].runId, workflow: 'dup', status: 'restored', startedAt: 2, errors: [], planned: {}, nodes: [] },
            { runId: 'empty', workflow: 'x', status: 'restored', startedAt: 3, errors: [], planned: {}, nodes: [{ id: 'n', label: 'n', type: '', images: [{ ...shown }] }] },
        ];
        const merged = mergeRuns(live, restored);
        assert.deepEqual(merged.runs.map(r => r.runId), [live.runs[0].runId, 'old']);
        assert.deepEqual(merged.runs[1].nodes[0].images.map(i => i.path), ['/elsewhere/a.png']);
        assert.equal(reduceOutputs(live, { type: 'restored', runs: [] }), live);
    });

    it('takes images found by the folder scan away from the restored run when a live run reports them', () => {
        const live = feed(quickstart);
        const scanned: OutputRun = { ...live.runs[0], runId: 'restored:Quickstart:1', status: 'restored', startedAt: 1 };
        // The scan finished first (the run had written its files, the events were still coming).
        let state = mergeRuns(EMPTY_OUTPUTS, [scanned]);
        const images = quickstart.filter(e => e.event === 'image');
        state = feed(quickstart.slice(0, quickstart.indexOf(images[3])), state);
        assert.deepEqual(state.runs.map(r => [r.runId, imageCount(r)]), [[quickstart[0].runId, 3], ['restored:Quickstart:1', 14]]);
        state = feed(quickstart.slice(quickstart.indexOf(images[3])), state);
        assert.deepEqual(state.runs.map(r => [r.runId, imageCount(r)]), [[quickstart[0].runId, 17]]);
    });

    it('persists without data: images and forgets collapsed ids of runs that are gone', () => {
        const image = quickstart.find(e => e.event === 'image')!;
        let state = applyEvent(EMPTY_OUTPUTS, quickstart[0]);
        state = applyEvent(state, image, 'data:image/png;base64,AA');
        state = applyEvent(state, { ...image, path: '/out/b.png' }, 'https://webview/b.png');
        const persisted = toPersisted(state, [quickstart[0].runId, 'gone']);
        assert.deepEqual(allImages({ runs: persisted.runs }).map(e => e.image.path), ['/out/b.png']);
        assert.deepEqual(persisted.collapsed, [quickstart[0].runId]);
        assert.equal(reduceOutputs(EMPTY_OUTPUTS, { type: 'init', state: { runs: persisted.runs } }).runs.length, 1);
    });
});
