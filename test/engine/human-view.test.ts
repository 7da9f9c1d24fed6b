/** The human view of `flowstudio run` and its argument parsing. */
import * as assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { RunEvent } from '../../catalog/src/run-events.js';
import { parseRunArgs } from '../../cli/src/commands/run.js';
import { formatDuration, HumanRenderer, progressBar } from '../../cli/src/render/human.js';

class Sink extends Writable {
    text = '';
    override _write(chunk: Buffer, _enc: string, done: () => void): void {
        this.text += chunk.toString();
        done();
    }
}

const range = { start: { line: 4, character: 4 }, end: { line: 4, character: 30 } };
const base = { runId: 'r', time: 0 };
const events: RunEvent[] = [
    { ...base, event: 'run-start', version: 1, workflow: 'W', file: '/w/a.flow', backend: 'wasm', outputDir: '/w/flow-output/W', nodes: [
        { id: 'digits', type: 'LoadMNIST', label: 'digits', uri: 'file:///w/a.flow', range },
        { id: 'trained', type: 'TrainGAN', label: 'trained', uri: 'file:///w/a.flow', range },
        { id: 'SaveImages#1', type: 'SaveImages', label: 'SaveImages#1', uri: 'file:///w/a.flow', range },
    ] },
    { ...base, event: 'node-cached', node: 'digits', type: 'LoadMNIST', source: 'disk' },
    { ...base, event: 'node-start', node: 'trained', type: 'TrainGAN' },
    { ...base, event: 'progress', node: 'trained', value: 5, max: 10, metrics: { dLoss: 1.234567, gLoss: 0.5, epoch: 1, step: 5 }, etaMs: 65_000 },
    { ...base, event: 'node-end', node: 'trained', type: 'TrainGAN', ms: 1500 },
    { ...base, event: 'node-start', node: 'SaveImages#1', type: 'SaveImages' },
    { ...base, event: 'image', node: 'SaveImages#1', path: '/w/flow-output/W/s_00001.png', width: 28, height: 28, saved: true },
    { ...base, event: 'image', node: 'SaveImages#1', path: '/w/flow-output/W/s_00002.png', width: 28, height: 28, saved: true },
    { ...base, event: 'node-end', node: 'SaveImages#1', type: 'SaveImages', ms: 12 },
    { ...base, event: 'error', node: 'trained', message: 'trained (TrainGAN): boom', uri: 'file:///w/a.flow', range, code: 'nan-loss' },
    { ...base, event: 'run-end', status: 'success', ms: 2000, executed: 2, cached: 1 },
];

describe('flowstudio run: human view', () => {
    it('prints one line per node, progress with losses and ETA, image summaries and FILE:LINE:COL errors', () => {
        const out = new Sink(), err = new Sink();
        const view = new HumanRenderer({ out, err, tty: false, cwd: '/w' });
        events.forEach(e => view.handle(e));
        assert.match(out.text, /Running W \(a\.flow\) on wasm: 3 nodes/);
        assert.match(out.text, /↺ digits\s+LoadMNIST\s+cached/);
        assert.match(out.text, /\[############------------\] 5\/10 {2}epoch 1 {2}dLoss 1\.235 {2}gLoss 0\.500 {2}ETA 1m05s/);
        assert.match(out.text, /✓ trained\s+TrainGAN\s+1\.5s/);
        assert.match(out.text, /2 images saved: flow-output\/W/);
        assert.match(err.text, /^a\.flow:5:5: error: trained \(TrainGAN\): boom \[nan-loss\]$/m);
        assert.match(out.text, /Done in 2\.0s \(2 ran, 1 cached\)\. Outputs: flow-output\/W/);
    });

    it('rewrites one live line on terminals', () => {
        const out = new Sink(), err = new Sink();
        const view = new HumanRenderer({ out, err, tty: true, cwd: '/w' });
        events.slice(0, 5).forEach(e => view.handle(e));
        assert.ok(out.text.includes('\r\x1b[2K'));
    });

    it('formats durations and bars', () => {
        assert.equal(formatDuration(999), '999ms');
        assert.equal(formatDuration(61_000), '1m01s');
        assert.equal(formatDuration(3_723_000), '1h02m');
        assert.equal(progressBar(1, 4, 8), '[##------]');
    });

    it('parses the run options', () => {
        assert.deepEqual(parseRunArgs(['a.flow', '--workflow', 'W', '--out=o', '--json', '--backend', 'cpu', '--no-cache', '--cache-dir', 'c', '--cache-size', '1']), {
            json: true, noCache: true, file: 'a.flow', workflow: 'W', outDir: 'o', backend: 'cpu', cacheDir: 'c', cacheSizeLimit: 1024 * 1024, trustWorkspaceNodes: false, set: [], sweep: [],
        });
        assert.deepEqual(parseRunArgs(['a.flow', '--set', 'k.cfg=2', '--set=n.text=a=b', '--sweep', 'k.seed=1,2']).set, ['k.cfg=2', 'n.text=a=b']);
        assert.equal(parseRunArgs(['a.flow', '--trust-workspace-nodes']).trustWorkspaceNodes, true);
        const comfy = parseRunArgs(['a.flow', '--engine', 'comfyui', '--server', 'http://h:8188', '--default-engine=local']);
        assert.deepEqual([comfy.engine, comfy.defaultEngine, comfy.server], ['comfyui', 'local', 'http://h:8188']);
        assert.equal(parseRunArgs(['a.flow', '--comfyui-server', 'http://h:1']).server, 'http://h:1');
        assert.throws(() => parseRunArgs(['a.flow', '--engine', 'gpu']), /--engine takes one of local, comfyui \(got gpu\)/);
        assert.throws(() => parseRunArgs([]), /missing FILE/);
        assert.throws(() => parseRunArgs(['a.flow', '--out']), /--out needs a value/);
        assert.throws(() => parseRunArgs(['a.flow', 'b.flow']), /one FILE only/);
    });
});
