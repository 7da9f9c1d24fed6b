import assert from 'node:assert/strict';
import type { RunEvent } from '../../../catalog/src/run-events.js';
import { RunEventRenderer } from '../../../client/src/run/event-renderer.js';
import { fitToWidth, formatDuration, formatMetric, progressBar, visibleLength } from '../../../client/src/run/terminal-format.js';

const base = { runId: 'r1', time: 0 };
const range = { start: { line: 6, character: 4 }, end: { line: 6, character: 30 } };
const plain = (s: string) => s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');

/** What a terminal would finally show: apply \r (back to line start) and erase-line. */
function screen(output: string): string[] {
    const lines: string[] = [''];
    for (const part of plain(output).split(/(\r\n|\r)/)) {
        if (part === '\r\n') lines.push('');
        else if (part === '\r') lines[lines.length - 1] = '';
        else lines[lines.length - 1] += part;
    }
    return lines.filter((l, i) => l !== '' || i < lines.length - 1);
}

function render(events: RunEvent[]): string[] {
    const renderer = new RunEventRenderer();
    return screen(events.map((e) => renderer.render(e)).join(''));
}

const start: RunEvent = {
    ...base, event: 'run-start', version: 1, workflow: 'DigitsGan', file: '/ws/digits-gan.flow', backend: 'cpu',
    outputDir: '/ws/flow-output/run-1',
    nodes: [
        { id: 'digits', type: 'LoadMNIST', label: 'digits', uri: 'file:///ws/digits-gan.flow', range },
        { id: 'trained', type: 'TrainGAN', label: 'trained', uri: 'file:///ws/digits-gan.flow', range },
        { id: 'SaveImages#1', type: 'SaveImages', label: 'SaveImages', uri: 'file:///ws/digits-gan.flow', range },
    ],
};

describe('client: run event renderer', () => {
    it('prints one line per node: cached, progress rewritten in place, finished with time and images, then a summary', () => {
        const lines = render([
            start,
            { ...base, event: 'node-cached', node: 'digits', type: 'LoadMNIST', source: 'disk' },
            { ...base, event: 'node-start', node: 'trained', type: 'TrainGAN' },
            { ...base, event: 'progress', node: 'trained', value: 10, max: 100, metrics: { dLoss: 0.69314, gLoss: 1.25 }, etaMs: 90_000 },
            { ...base, event: 'progress', node: 'trained', value: 50, max: 100, metrics: { dLoss: 0.5, gLoss: 1.5, epoch: 2 }, etaMs: 45_000 },
            { ...base, event: 'node-end', node: 'trained', type: 'TrainGAN', ms: 12_345 },
            { ...base, event: 'node-start', node: 'SaveImages#1', type: 'SaveImages' },
            { ...base, event: 'image', node: 'SaveImages#1', path: '/ws/flow-output/a.png', width: 28, height: 28, saved: true },
            { ...base, event: 'image', node: 'SaveImages#1', path: '/ws/flow-output/b.png', width: 28, height: 28, saved: true },
            { ...base, event: 'node-end', node: 'SaveImages#1', type: 'SaveImages', ms: 40 },
            { ...base, event: 'run-end', status: 'success', ms: 83_000, executed: 2, cached: 1 },
        ]);
        assert.deepEqual(lines, [
            'Running DigitsGan (/ws/digits-gan.flow)',
            '3 nodes, backend cpu, outputs in /ws/flow-output/run-1',
            '○ digits LoadMNIST cached (disk)',
            '✓ trained TrainGAN 12.3 s',
            '✓ SaveImages 40 ms  2 images',
            'Finished in 1m 23s: 2 executed, 1 cached, 2 images saved',
            'Outputs: /ws/flow-output/run-1',
        ]);
    });

    it('shows the latest progress with bar, metrics and ETA while a node runs', () => {
        const lines = render([
            start,
            { ...base, event: 'node-start', node: 'trained', type: 'TrainGAN' },
            { ...base, event: 'progress', node: 'trained', value: 50, max: 100, metrics: { dLoss: 0.5, gLoss: 1.5, epoch: 2 }, etaMs: 45_000 },
        ]);
        assert.equal(lines.at(-1), `▶ trained TrainGAN  ${progressBar(50, 100)}  50%  50/100  dLoss 0.5000  gLoss 1.500  epoch 2  ETA 45.0 s`);
    });

    it('keeps the progress line narrower than the terminal, so that \\r can rewrite it', () => {
        const renderer = new RunEventRenderer();
        renderer.columns = 40;
        renderer.render(start);
        renderer.render({ ...base, event: 'node-start', node: 'trained', type: 'TrainGAN' });
        const out = renderer.render({ ...base, event: 'progress', node: 'trained', value: 5, max: 25000, metrics: { dLoss: 1.386, step: 5 }, etaMs: 3_600_000 });
        assert.ok(out.startsWith('\r\x1b[2K'));
        assert.equal(visibleLength(out.slice('\r\x1b[2K'.length)), 39);
        assert.ok(plain(out).endsWith('…'));
        assert.ok(!plain(out).includes('step'), 'step repeats value/max');
    });

    it('reports errors with node, code and line, and a cancelled run', () => {
        const lines = render([
            start,
            { ...base, event: 'node-start', node: 'trained', type: 'TrainGAN' },
            { ...base, event: 'progress', node: 'trained', value: 5, max: 100 },
            { ...base, event: 'error', node: 'trained', message: 'out of memory', code: 'runtime-error', uri: 'file:///ws/digits-gan.flow', range },
            { ...base, event: 'run-end', status: 'cancelled', ms: 1500, executed: 0, cached: 0 },
        ]);
        assert.ok(lines.some((l) => l.startsWith('▶ trained TrainGAN')), 'the progress line stays');
        assert.ok(lines.includes('✗ trained TrainGAN: out of memory [runtime-error] (ws/digits-gan.flow:7)'), lines.join('\n'));
        assert.equal(lines.at(-1), 'Cancelled in 1.5 s: 0 executed, 0 cached');
    });
});

describe('client: terminal formatting', () => {
    it('formats durations, bars and metrics', () => {
        assert.equal(formatDuration(950), '950 ms');
        assert.equal(formatDuration(12_340), '12.3 s');
        assert.equal(formatDuration(83_000), '1m 23s');
        assert.equal(formatDuration(3_960_000), '1h 06m');
        assert.equal(progressBar(0, 10, 4), '[░░░░]');
        assert.equal(progressBar(5, 10, 4), '[██░░]');
        assert.equal(progressBar(20, 10, 4), '[████]');
        assert.equal(formatMetric(3), '3');
        assert.equal(formatMetric(0.693147), '0.6931');
        assert.equal(formatMetric(0.0002), '2.00e-4');
        assert.equal(fitToWidth('\x1b[1mabcdef\x1b[22m', 4), '\x1b[1mabc…\x1b[0m');
        assert.equal(fitToWidth('\x1b[1mabcd\x1b[22m', 4), '\x1b[1mabcd\x1b[22m');
        assert.equal(visibleLength('\x1b[31m█░\x1b[39m'), 2);
    });
});
