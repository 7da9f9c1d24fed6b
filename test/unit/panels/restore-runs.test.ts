import assert from 'node:assert/strict';
import { groupIntoRuns, restoreRuns, RUN_GAP_MS } from '../../../client/src/panels/restore-runs.js';
import type { ScannedImage } from '../../../client/src/panels/output-scanner.js';
import { scanOutputFolder } from '../../../client/src/panels/output-scanner.js';
import type { OutputRun } from '../../../webview/src/outputs/contract.js';
import { EMPTY_OUTPUTS, reduceOutputs, toPersisted } from '../../../webview/src/outputs/state.js';
import { EVENT_FIXTURES, loadEvents } from './event-fixtures.js';
import { join } from 'node:path';

function image(relativePath: string, mtimeMs: number, seed: number | undefined, saver = 'SaveImages#1'): ScannedImage {
    const base = { path: `/out/${relativePath}`, relativePath, mtimeMs, width: 8, height: 8 };
    if (seed === undefined) return base;
    return {
        ...base,
        prompt: {
            workflow: 'Digits', file: 'digits.flow', node: saver,
            nodes: {
                samples: { type: 'SampleGAN', label: 'samples', params: { seed, count: 2 } },
                // Every PNG of a run carries the whole workflow: both savers.
                'SaveImages#1': { type: 'SaveImages', label: 'SaveImages#1', params: {}, wires: { images: { node: 'samples', output: 'images' } } },
                'SaveImages#2': { type: 'SaveImages', label: 'grid-saver', params: {}, wires: { images: { node: 'samples', output: 'images' } } },
            },
        },
    };
}

describe('restoring Outputs runs from the output folder', () => {
    it('groups files written together with the same arguments into one run, by saving node', () => {
        const t = 1_700_000_000_000;
        const runs = groupIntoRuns([
            image('d/s_00002.png', t + 20, 1), image('d/s_00001.png', t + 10, 1), image('d/g_00001.png', t + 30, 1, 'SaveImages#2'),
            // Different seed: another run.
            image('d/s_00003.png', t + 1000, 2),
            // Same arguments, but much later: another run.
            image('d/s_00004.png', t + 1000 + RUN_GAP_MS + 1, 2),
            // Not written by the engine: grouped by folder.
            image('misc/x.png', t + 5, undefined),
        ], '/out');
        assert.deepEqual(runs.map(r => [r.workflow, r.status, r.nodes.map(n => `${n.label}:${n.images.map(i => i.path.split('/').pop()).join(',')}`)]), [
            ['out', 'restored', ['misc:x.png']],
            ['Digits', 'restored', ['SaveImages#1:s_00001.png,s_00002.png', 'grid-saver:g_00001.png']],
            ['Digits', 'restored', ['SaveImages#1:s_00003.png']],
            ['Digits', 'restored', ['SaveImages#1:s_00004.png']],
        ]);
        assert.deepEqual(runs[1].nodes[0].images[0].args, { node: 'samples', type: 'SampleGAN', seed: 1, count: 2 });
        assert.equal(runs[1].file, 'digits.flow');
        assert.equal(runs[1].startedAt, t + 10);
        assert.equal(runs[1].endedAt, t + 30);
        assert.equal(new Set(runs.map(r => r.runId)).size, runs.length, 'run ids are unique');
    });

    it('keeps persisted runs (id, status, grouping) for images still on disk and groups the rest', () => {
        const t = 1_700_000_000_000;
        const persisted: OutputRun[] = [{
            runId: 'live-1', workflow: 'Digits', status: 'running', startedAt: t, errors: [], planned: {}, currentNode: 'samples',
            nodes: [{ id: 'SaveImages#1', label: 'SaveImages#1', type: 'SaveImages', images: [
                { path: '/out/d/s_00001.png', src: 'https://old-uri', width: 8, height: 8, saved: true, time: t },
                { path: '/out/d/deleted.png', src: 'https://old-uri', width: 8, height: 8, saved: true, time: t },
            ] }],
        }, {
            runId: 'gone', workflow: 'Digits', status: 'success', startedAt: t - 10, errors: [], planned: {},
            nodes: [{ id: 'n', label: 'n', type: '', images: [{ path: '/out/d/also-deleted.png', src: '', width: 1, height: 1, saved: true, time: t }] }],
        }];
        const runs = restoreRuns(persisted, [{ root: '/out', images: [image('d/s_00001.png', t + 10, 1), image('d/s_00009.png', t + 99_000_000, 3)] }]);
        assert.deepEqual(runs.map(r => r.runId), [`restored:Digits:${t + 99_000_000}`, 'live-1']);
        const kept = runs[1];
        assert.equal(kept.status, 'cancelled', 'a run cut off by the reload is not shown as running');
        assert.equal(kept.currentNode, undefined);
        assert.deepEqual(kept.nodes[0].images.map(i => [i.path, i.src]), [['/out/d/s_00001.png', '']]);
    });

    it('round-trips the recorded run: live state -> persisted -> restored from disk', async () => {
        const events = loadEvents('quickstart');
        const live = events.reduce((s, event) => reduceOutputs(s, { type: 'event', event, src: event.event === 'image' ? 'uri' : undefined }), EMPTY_OUTPUTS);
        const persisted = toPersisted(live, []);
        const root = join(EVENT_FIXTURES, 'quickstart/output');
        const restored = restoreRuns(JSON.parse(JSON.stringify(persisted.runs)), [{ root, images: await scanOutputFolder(root) }]);
        assert.equal(restored.length, 1);
        assert.equal(restored[0].runId, live.runs[0].runId);
        assert.equal(restored[0].status, 'success');
        assert.deepEqual(restored[0].nodes.map(n => n.images.map(i => i.path)), live.runs[0].nodes.map(n => n.images.map(i => i.path)));
        // Without the persisted state, the scan alone rebuilds one run with the same groups.
        const scanned = restoreRuns([], [{ root, images: await scanOutputFolder(root) }]);
        assert.equal(scanned.length, 1);
        assert.equal(scanned[0].workflow, 'Quickstart');
        // A fresh checkout gives every fixture the same mtime, so node order is not part of the contract here.
        const byId = [...scanned[0].nodes].sort((a, b) => a.id.localeCompare(b.id));
        assert.deepEqual(byId.map(n => [n.id, n.images.length]), [['SaveImages#1', 16], ['SaveImages#2', 1]]);
        assert.deepEqual(byId[0].images[0].args, live.runs[0].nodes.find(n => n.id === 'SaveImages#1')!.images[0].args);
    });
});
