import assert from 'node:assert/strict';
import type { RunEvent } from '../../../catalog/src/run-events.js';
import { applyRunEvent, emptyRunState, stateForNode } from '../../../webview/src/graph/run-state.js';

const base = { runId: 'r1', time: 0 };
const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };

function fold(events: RunEvent[], images: Record<number, string> = {}) {
    return events.reduce((s, e, i) => applyRunEvent(s, e, images[i]), emptyRunState());
}

describe('graph webview: run states from run events', () => {
    const start: RunEvent = {
        ...base, event: 'run-start', version: 1, workflow: 'W', file: '/w.flow', backend: 'cpu', outputDir: '/out',
        nodes: ['a', 'b', 'sheet/grid', 'sheet/up'].map(id => ({ id, type: 'T', label: id, uri: 'file:///w.flow', range })),
    };

    it('queues planned nodes, then tracks running, progress with metrics, cached, done and images', () => {
        const s = fold([
            start,
            { ...base, event: 'node-cached', node: 'a', type: 'T', source: 'disk' },
            { ...base, event: 'node-start', node: 'b', type: 'TrainGAN' },
            { ...base, event: 'progress', node: 'b', value: 25, max: 100, metrics: { dLoss: 0.7, gLoss: 1.2 } },
            { ...base, event: 'preview', node: 'b', path: '/tmp/p.png', step: 25, width: 64, height: 64 },
        ], { 4: 'https://webview/p.png' });
        assert.equal(s.status, 'running');
        assert.deepEqual(s.nodes.a, { status: 'cached', progress: undefined });
        assert.equal(s.nodes.b.status, 'running');
        assert.equal(s.nodes.b.progress, 0.25);
        assert.deepEqual(s.nodes.b.metrics, { dLoss: 0.7, gLoss: 1.2 });
        assert.equal(s.nodes.b.imageUri, 'https://webview/p.png');
        assert.equal(s.nodes['sheet/grid'].status, 'queued');
        const done = fold([start, { ...base, event: 'node-start', node: 'b', type: 'T' }, { ...base, event: 'node-end', node: 'b', type: 'T', ms: 12 }]);
        assert.deepEqual(done.nodes.b, { status: 'done', progress: 1, ms: 12 });
    });

    it('combines inner nodes into their subgraph instance', () => {
        const s = fold([
            start,
            { ...base, event: 'node-start', node: 'sheet/grid', type: 'ImageGrid' },
            { ...base, event: 'node-end', node: 'sheet/grid', type: 'ImageGrid', ms: 3 },
            { ...base, event: 'node-start', node: 'sheet/up', type: 'Upscale' },
        ]);
        const sheet = stateForNode(s, 'sheet')!;
        assert.equal(sheet.status, 'running');
        assert.equal(sheet.progress, 0.5);
        assert.equal(stateForNode(s, 'nothing'), undefined);
    });

    it('marks errors, ends runs, and ignores events of other runs', () => {
        const s = fold([
            start,
            { ...base, event: 'node-start', node: 'b', type: 'T' },
            { ...base, event: 'error', node: 'b', message: 'out of memory' },
            { ...base, event: 'run-end', status: 'error', ms: 5, executed: 1, cached: 0 },
            { ...base, runId: 'other', event: 'node-start', node: 'a', type: 'T' },
        ]);
        assert.equal(s.status, 'error');
        assert.deepEqual(s.nodes.b, { status: 'error', progress: 0, message: 'out of memory' });
        assert.deepEqual(s.nodes.a, { status: 'queued', progress: undefined }, 'never ran: back to queued, other run ignored');
        const ok = fold([start, { ...base, event: 'run-end', status: 'success', ms: 5, executed: 0, cached: 0 }]);
        assert.equal(ok.status, 'success');
    });
});
