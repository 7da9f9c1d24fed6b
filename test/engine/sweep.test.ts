/** `flowstudio run --set/--sweep`: checked values, one run per combination, the comparison grid. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { decodePng, readPngText, type RawImage } from '../../engine/src/util/png.js';
import { ADVANCE, drawable, drawText, GLYPH_HEIGHT, GLYPH_WIDTH, glyphRows, textWidth, wrapText } from '../../engine/src/image/bitmap-font.js';
import { composeXYGrid } from '../../engine/src/image/xy-grid.js';
import type { RunEvent } from '../../catalog/src/run-events.js';
import { HumanRenderer } from '../../cli/src/render/human.js';
import { RunEventRenderer } from '../../client/src/run/event-renderer.js';
import { EMPTY_OUTPUTS, reduceOutputs } from '../../webview/src/outputs/state.js';
import { applyRunEvent, emptyRunState } from '../../webview/src/graph/run-state.js';
import { scanOutputFolder } from '../../client/src/panels/output-scanner.js';
import { restoreRuns } from '../../client/src/panels/restore-runs.js';
import { eventsOf, run, spawnCli, tempDir, writeFlow } from './helpers.js';

const SHAPES = `workflow Shapes {
    shapes = SyntheticShapes(count: 4, size: 16, seed: 0)
    big = Resize(dataset: shapes, width: 24, height: 24, mode: "nearest")
    picked = DatasetImages(dataset: big, count: 2)
    grid = ImageGrid(images: picked, columns: 2, padding: 2)
    SaveImages(images: grid, prefix: "cells/cell")
}
`;

describe('sweeps and --set', function () {
    this.timeout(180_000);

    it('--set errors name the node and the argument: wrong type, range, choice, unknown names with did-you-mean, wires', async () => {
        const dir = tempDir();
        const file = writeFlow(dir, 'shapes.flow', SHAPES);
        const failing = async (set: string[], sweep: string[] = []) => {
            const result = await run({ file, set, sweep, noCache: true });
            assert.equal(result.status, 'error');
            assert.equal(eventsOf(result.events, 'run-start').length, 0, 'nothing runs');
            const error = eventsOf(result.events, 'error')[0];
            return { message: error.message, code: error.code };
        };
        assert.deepEqual(await failing(['big.width=abc']),
            { message: `--set big.width=abc: Resize 'big' argument 'width' expects an INT, got "abc"`, code: 'wrong-value-type' });
        assert.deepEqual(await failing(['big.width=2.5']),
            { message: `--set big.width=2.5: Resize 'big' argument 'width' expects an INT, got "2.5"`, code: 'wrong-value-type' });
        assert.deepEqual(await failing(['big.width=0']),
            { message: `--set big.width=0: Resize 'big' argument 'width' must be 1..4096 (got 0)`, code: 'out-of-range' });
        assert.deepEqual(await failing(['big.mode=nearst']),
            { message: `--set big.mode=nearst: Resize 'big' argument 'mode' must be one of "bilinear", "nearest" (got "nearst") (did you mean 'nearest'?)`, code: 'invalid-choice' });
        assert.deepEqual(await failing(['bgi.width=3']),
            { message: `--set bgi.width=3: workflow Shapes has no node 'bgi' (did you mean 'big'?)`, code: 'unknown-node' });
        assert.deepEqual(await failing(['big.widht=3']),
            { message: `--set big.widht=3: Resize 'big' has no argument 'widht' (did you mean 'width'?)`, code: 'unknown-argument' });
        assert.match((await failing(['big.dataset=shapes'])).message, /Resize 'big' argument 'dataset' is an input wire; wires cannot be set/);
        assert.match((await failing(['SaveImages#1.prefix=../out'])).message, /SaveImages 'SaveImages#1' argument 'prefix' leaves the output folder/);
        assert.match((await failing(['big.width'])).message, /expected NODE.ARG=VALUE/);
        assert.match((await failing([], ['grid.padding=1,x'])).message, /--sweep grid.padding=1,x: ImageGrid 'grid' argument 'padding' expects an INT, got "x"/);
        assert.match((await failing(['grid.padding=1'], ['grid.padding=1,2'])).message, /both set and swept/);
        assert.match((await failing([], ['shapes.seed=@missing.txt'])).message, /cannot read .*missing\.txt \(no such file\)/);
        const many = (n: number) => Array.from({ length: n }, (_, i) => i).join(',');
        assert.deepEqual(await failing([], [`shapes.seed=${many(33)}`, `grid.padding=${many(32)}`]),
            { message: 'the sweep has 1056 combinations; at most 1024 run in one sweep (fewer values, or several sweeps)', code: 'invalid-sweep' });
        assert.match((await failing([], ['grid.padding=1,,2'])).message, /give one or more values separated by commas/);
    });

    it('--set changes the value a node runs with (and its cache key): an INT, and a STRING from @file', async () => {
        const dir = tempDir();
        const file = writeFlow(dir, 'shapes.flow', SHAPES);
        fs.writeFileSync(path.join(dir, 'prefix.txt'), 'custom/name\n');
        const result = await run({ file, set: ['big.width=30', `SaveImages#1.prefix=@${path.join(dir, 'prefix.txt')}`], cacheDir: path.join(dir, 'cache') });
        assert.equal(result.status, 'success', result.message);
        const saved = eventsOf(result.events, 'image').filter(i => i.saved);
        assert.equal(saved.length, 1);
        assert.equal(saved[0].path, path.join(dir, 'flow-output', 'Shapes', 'custom', 'name_00001.png'));
        assert.equal(saved[0].width, 30 * 2 + 2, 'two 30-pixel images and the padding');
    });

    it('a 2x3 sweep runs upstream nodes once and saves a labelled 2x3 grid whose cells are the saved outputs', async () => {
        const dir = tempDir();
        const file = writeFlow(dir, 'shapes.flow', SHAPES);
        const tensorsBefore = tf.memory().numTensors;
        const result = await run({ file, sweep: ['big.mode=nearest,bilinear', 'grid.padding=0,2,4'], noCache: true });
        assert.equal(result.status, 'success', result.message);
        assert.equal(tf.memory().numTensors, tensorsBefore, 'the results every combination shared are freed when the sweep ends');
        const starts = eventsOf(result.events, 'node-start');
        const count = (node: string) => starts.filter(s => s.node === node).length;
        assert.deepEqual([count('shapes'), count('big'), count('picked'), count('grid'), count('SaveImages#1')], [1, 2, 2, 6, 6]);

        const sweepStart = eventsOf(result.events, 'sweep-start');
        assert.equal(sweepStart.length, 1);
        assert.deepEqual(sweepStart[0].axes, [{ node: 'big', arg: 'mode', values: ['nearest', 'bilinear'] }, { node: 'grid', arg: 'padding', values: ['0', '2', '4'] }]);
        assert.equal(sweepStart[0].combinations, 6);
        const runStarts = eventsOf(result.events, 'run-start');
        assert.deepEqual(runStarts.map(r => r.sweep?.index), [0, 1, 2, 3, 4, 5]);
        assert.deepEqual(runStarts[4].sweep?.values, [{ node: 'big', arg: 'mode', value: 'bilinear' }, { node: 'grid', arg: 'padding', value: '2' }]);
        assert.equal(new Set(runStarts.map(r => r.runId)).size, 6, 'each combination is its own run');
        assert.equal(eventsOf(result.events, 'run-end').filter(e => e.status === 'success').length, 6);
        const end = eventsOf(result.events, 'sweep-end')[0];
        assert.deepEqual([end.status, end.completed, end.combinations, end.grids.length], ['success', 6, 6, 1]);
        assert.equal(result.events.at(-1)?.event, 'sweep-end');

        // Every combination kept its output.
        const saved = eventsOf(result.events, 'image').filter(i => i.saved && !i.grid);
        assert.equal(new Set(saved.map(s => s.path)).size, 6);
        const gridEvent = eventsOf(result.events, 'image').find(i => i.grid)!;
        assert.equal(gridEvent.runId, sweepStart[0].runId);
        assert.deepEqual(gridEvent.grid, { rows: 'big.mode', columns: 'grid.padding', rowCount: 2, columnCount: 3 });
        assert.equal(gridEvent.path, path.join(dir, 'flow-output', 'Shapes', 'sweeps', 'sweep_00001.png'));

        const bytes = fs.readFileSync(gridEvent.path);
        const png = decodePng(bytes);
        assert.deepEqual([png.width, png.height], [gridEvent.width, gridEvent.height]);
        const text = readPngText(bytes);
        assert.equal(text.workflow, SHAPES);
        const description = JSON.parse(text.sweep);
        assert.equal(description.cells.length, 2);
        assert.equal(description.cells[0].length, 3);
        const { layout } = description;
        // Label bands hold drawn (dark) pixels; the grid is as wide and tall as its parts.
        const dark = (r: { x: number; y: number; width: number; height: number }) => {
            let n = 0;
            for (let y = r.y; y < r.y + r.height; y++) for (let x = r.x; x < r.x + r.width; x++) if (png.rgba[(y * png.width + x) * 4] < 100) n++;
            return n;
        };
        assert.ok(dark(layout.columnBand) > 100, 'column labels are drawn');
        assert.ok(dark(layout.rowBand) > 100, 'row labels are drawn');
        assert.ok(png.width >= layout.rowBand.width + 3 * layout.cells[0][0].width);
        // Each cell is its combination's saved image, enlarged by a whole factor.
        for (let r = 0; r < 2; r++) {
            for (let c = 0; c < 3; c++) {
                const cell = layout.cells[r][c];
                const cellFile = path.join(dir, 'flow-output', 'Shapes', description.cells[r][c][0]);
                assert.equal(cellFile, saved[r * 3 + c].path, 'cells in combination order, rows first');
                const image = decodePng(fs.readFileSync(cellFile));
                let mismatches = 0;
                for (let y = 0; y < image.height; y++) {
                    for (let x = 0; x < image.width; x++) {
                        const g = ((cell.y + y * cell.scale) * png.width + cell.x + x * cell.scale) * 4;
                        const s = (y * image.width + x) * 4;
                        if (png.rgba[g] !== image.rgba[s] || png.rgba[g + 1] !== image.rgba[s + 1] || png.rgba[g + 2] !== image.rgba[s + 2]) mismatches++;
                    }
                }
                assert.equal(mismatches, 0, `cell ${r},${c}`);
            }
        }
        // A cell's width follows its padding: the three columns saved images of different widths.
        assert.deepEqual(saved.slice(0, 3).map(s => s.width), [48, 50, 52]);
    });

    it('a sweep reads values from a file (one per line) and a second sweep reuses the disk cache', async () => {
        const dir = tempDir();
        const file = writeFlow(dir, 'shapes.flow', SHAPES);
        fs.writeFileSync(path.join(dir, 'seeds.txt'), '1\n\n2\n3\n');
        const cacheDir = path.join(dir, 'cache');
        const first = await run({ file, sweep: [`shapes.seed=@${path.join(dir, 'seeds.txt')}`], cacheDir });
        assert.equal(first.status, 'success', first.message);
        assert.deepEqual(eventsOf(first.events, 'sweep-start')[0].axes[0].values, ['1', '2', '3']);
        assert.deepEqual(eventsOf(first.events, 'image').find(i => i.grid)?.grid, { columns: 'shapes.seed', rowCount: 1, columnCount: 3 });
        const again = await run({ file, sweep: [`shapes.seed=@${path.join(dir, 'seeds.txt')}`], cacheDir });
        assert.equal(again.status, 'success', again.message);
        assert.equal(eventsOf(again.events, 'node-start').length, 0, 'every combination comes from the disk cache');
        assert.equal(eventsOf(again.events, 'image').filter(i => i.saved && !i.grid).length, 3, 'cached combinations replay their images');
        const grids = fs.readdirSync(path.join(dir, 'flow-output', 'Shapes', 'sweeps')).filter(f => f.endsWith('.png'));
        assert.deepEqual(grids, ['sweep_00001.png', 'sweep_00002.png'], 'grids are numbered, never overwritten');
    });

    it('addresses nodes inside subgraph instances as instance/inner; a third axis gives one grid per value', async () => {
        const dir = tempDir();
        const file = writeFlow(dir, 'sub.flow', `subgraph Enlarge {
    input d: DATASET
    input px: INT = 20
    r = Resize(dataset: d, width: px, height: px, mode: "nearest")
    output out: DATASET = r
}
workflow Sub {
    shapes = SyntheticShapes(count: 2, size: 16, seed: 0)
    e = Enlarge(d: shapes)
    picked = DatasetImages(dataset: e.out, count: 1)
    SaveImages(images: picked, prefix: "s/img")
}
`);
        const set = await run({ file, set: ['e/r.width=30'], noCache: true });
        assert.equal(set.status, 'success', set.message);
        assert.equal(eventsOf(set.events, 'image')[0].width, 30);
        assert.deepEqual([eventsOf(set.events, 'image')[0].height], [20], 'only the argument set changed');
        const wrong = await run({ file, set: ['e.px=30'], noCache: true });
        assert.match(wrong.message!, /workflow Sub has no node 'e'/);

        const swept = await run({ file, sweep: ['e/r.width=18,22', 'e/r.height=18,22', 'shapes.seed=1,2'], noCache: true });
        assert.equal(swept.status, 'success', swept.message);
        const grids = eventsOf(swept.events, 'image').filter(i => i.grid);
        assert.deepEqual(grids.map(g => g.grid), [
            { rows: 'e/r.width', columns: 'e/r.height', rowCount: 2, columnCount: 2, page: 'seed=1' },
            { rows: 'e/r.width', columns: 'e/r.height', rowCount: 2, columnCount: 2, page: 'seed=2' },
        ]);
        assert.equal(eventsOf(swept.events, 'node-start').filter(e => e.node === 'shapes').length, 2, 'once per seed');
        assert.deepEqual(eventsOf(swept.events, 'sweep-end')[0].grids, grids.map(g => g.path));
    });

    it('a quoted sweep value keeps its commas', async () => {
        const dir = tempDir();
        const file = writeFlow(dir, 'shapes.flow', SHAPES);
        const result = await run({ file, sweep: ['SaveImages#1.prefix="cells/a, b",cells/c'], noCache: true });
        assert.equal(result.status, 'success', result.message);
        assert.deepEqual(eventsOf(result.events, 'sweep-start')[0].axes[0].values, ['cells/a, b', 'cells/c']);
        assert.deepEqual(eventsOf(result.events, 'image').filter(i => !i.grid).map(i => path.relative(dir, i.path)),
            [path.join('flow-output', 'Shapes', 'cells', 'a, b_00001.png'), path.join('flow-output', 'Shapes', 'cells', 'c_00001.png')]);
    });

    it('one axis of up to six values is one row, of more one column', async () => {
        const dir = tempDir();
        const file = writeFlow(dir, 'shapes.flow', SHAPES);
        const many = await run({ file, sweep: ['shapes.seed=1,2,3,4,5,6,7'], noCache: true });
        assert.equal(many.status, 'success', many.message);
        const grid = eventsOf(many.events, 'image').find(i => i.grid)!;
        assert.deepEqual(grid.grid, { rows: 'shapes.seed', rowCount: 7, columnCount: 1 });
        assert.ok(grid.height > grid.width, `${grid.width} x ${grid.height}: a column`);
    });

    it('cancelling mid-sweep runs no further combination, keeps earlier outputs and saves no grid', async () => {
        const dir = tempDir();
        const file = writeFlow(dir, 'shapes.flow', SHAPES);
        const controller = new AbortController();
        const result = await run({
            file, sweep: ['grid.padding=0,1,2,3'], noCache: true, signal: controller.signal,
            onEvent: e => { if (e.event === 'run-start' && e.sweep?.index === 1) controller.abort(); },
        });
        assert.equal(result.status, 'cancelled');
        assert.equal(eventsOf(result.events, 'run-start').length, 2);
        const end = eventsOf(result.events, 'sweep-end')[0];
        assert.deepEqual([end.status, end.completed, end.grids], ['cancelled', 1, []]);
        assert.equal(fs.readdirSync(path.join(dir, 'flow-output', 'Shapes', 'cells')).filter(f => f.endsWith('.png')).length, 1);
        assert.equal(fs.existsSync(path.join(dir, 'flow-output', 'Shapes', 'sweeps')), false);
    });

    it('SIGINT to flowstudio run stops the sweep: no further combination, exit 130', async () => {
        const dir = tempDir();
        // Slow enough per combination (a resize of 3,000 images) for the signal to arrive mid-sweep.
        const file = writeFlow(dir, 'slow.flow', `workflow Slow {
    shapes = SyntheticShapes(count: 3000, size: 32, seed: 0)
    big = Resize(dataset: shapes, width: 96, height: 96, mode: "bilinear")
    picked = DatasetImages(dataset: big, count: 1)
    SaveImages(images: picked, prefix: "s/img")
}
`);
        const result = await spawnCli(['run', file, '--json', '--no-cache', '--sweep', 'big.width=90,91,92,93,94,95'], (e, child) => {
            if (e.event === 'run-start' && e.sweep?.index === 1) child.kill('SIGINT');
        });
        assert.equal(result.code, 130, result.stderr);
        const end = result.events.at(-1)!;
        assert.equal(end.event, 'sweep-end');
        assert.equal((end as { status: string }).status, 'cancelled');
        assert.ok(result.events.filter(e => e.event === 'run-start').length <= 3, 'stopped within a combination or two');
        assert.equal(result.events.filter(e => e.event === 'image' && (e as { grid?: unknown }).grid).length, 0, 'no grid');
    });

    it('the CLI takes --sweep and --set, prints JSON events and exits 0; bad values exit 1 naming node and argument', async () => {
        const dir = tempDir();
        const file = writeFlow(dir, 'shapes.flow', SHAPES);
        const ok = await spawnCli(['run', file, '--json', '--no-cache', '--set', 'big.width=20', '--sweep', 'grid.padding=0,2']);
        assert.equal(ok.code, 0, ok.stderr);
        assert.deepEqual(ok.events.filter(e => e.event === 'sweep-end').map(e => (e as { status: string }).status), ['success']);
        const bad = await spawnCli(['run', file, '--set', 'big.height=tall']);
        assert.equal(bad.code, 1);
        assert.match(bad.stdout + bad.stderr, /Resize 'big' argument 'height' expects an INT, got "tall"/);
    });
});

describe('what shows a sweep', function () {
    this.timeout(120_000);
    let events: RunEvent[] = [];
    let dir = '';
    before(async () => {
        dir = tempDir();
        const file = writeFlow(dir, 'shapes.flow', SHAPES);
        const result = await run({ file, sweep: ['big.mode=nearest,bilinear', 'grid.padding=0,2'], noCache: true });
        assert.equal(result.status, 'success', result.message);
        events = result.events;
    });

    it('the Outputs panel shows one entry: the grid first, then each combination labelled with its values', () => {
        const state = events.reduce((s, event) => reduceOutputs(s, { type: 'event', event }), EMPTY_OUTPUTS);
        assert.equal(state.runs.length, 1, 'combinations fold into the sweep');
        const sweep = state.runs[0];
        assert.equal(sweep.status, 'success');
        assert.equal(sweep.workflow, 'Shapes · sweep of big.mode × grid.padding');
        assert.deepEqual(sweep.nodes.map(n => n.label), [
            'Sweep grid',
            'SaveImages#1 · 1/4: mode=nearest, padding=0', 'SaveImages#1 · 2/4: mode=nearest, padding=2',
            'SaveImages#1 · 3/4: mode=bilinear, padding=0', 'SaveImages#1 · 4/4: mode=bilinear, padding=2',
        ]);
        assert.equal(sweep.nodes[0].type, 'big.mode × grid.padding');
        assert.equal(sweep.nodes[0].images.length, 1);
    });

    it('after a reload, the Outputs panel finds the grid on disk and labels it as a sweep grid', async () => {
        const root = path.join(dir, 'flow-output', 'Shapes');
        const runs = restoreRuns([], [{ root, images: await scanOutputFolder(root) }]);
        const sweep = runs.find(r => r.nodes.some(n => n.id === 'sweep'))!;
        assert.equal(sweep.workflow, 'Shapes');
        const group = sweep.nodes.find(n => n.id === 'sweep')!;
        assert.deepEqual([group.label, group.type, group.images.length], ['Sweep grid', 'big.mode × grid.padding', 1]);
        assert.equal(sweep.nodes.length, 1, 'the grid is a restored entry of its own');
    });

    it('the terminals say which combination runs and where the grid is; the graph view follows each combination', () => {
        const renderer = new RunEventRenderer();
        const terminal = events.map(e => renderer.render(e)).join('').replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
        assert.match(terminal, /Sweeping Shapes: 4 combinations of big\.mode \(2\) x grid\.padding \(2\)/);
        assert.match(terminal, /Combination 3\/4: mode=bilinear, padding=0/);
        assert.match(terminal, /Sweep finished in .*: 4\/4 combinations\r\nOutputs: .*\r\nGrid: .*sweep_00001\.png/);
        assert.equal((terminal.match(/Running Shapes/g) ?? []).length, 1, 'the header once, then only each combination\'s values');
        let out = '';
        const human = new HumanRenderer({ out: { write: (t: string) => { out += t; return true; } } as NodeJS.WritableStream, err: process.stderr, tty: false });
        for (const e of events) human.handle(e);
        assert.match(out, /Combination 4\/4: mode=bilinear, padding=2/);
        assert.match(out, /Sweep done in .* \(4\/4 combinations\)\. Outputs: .*; grid: .*sweep_00001\.png/);
        assert.equal((out.match(/Running Shapes/g) ?? []).length, 1);
        assert.equal((out.match(/1 image saved/g) ?? []).length, 4, 'images counted per combination');
        const graph = events.reduce((s, e) => applyRunEvent(s, e), emptyRunState());
        assert.equal(graph.status, 'success');
        assert.equal(graph.runId, eventsOf(events, 'run-start')[3].runId, 'the last combination');
        assert.equal(graph.nodes.grid.status, 'done');
    });
});

describe('bitmap font and XY grid', () => {
    const blank = (width: number, height: number): RawImage => ({ width, height, channels: 3, data: new Uint8Array(width * height * 3).fill(255) });
    const inked = (image: RawImage, x0 = 0, y0 = 0, w = image.width, h = image.height) => {
        let n = 0;
        for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) if (image.data[(y * image.width + x) * 3] < 128) n++;
        return n;
    };

    it('has a distinct glyph for every printable ASCII character, within its 5x8 box', () => {
        const seen = new Map<string, string>();
        for (let code = 32; code < 127; code++) {
            const ch = String.fromCharCode(code);
            const rows = glyphRows(ch);
            assert.equal(rows.length, GLYPH_HEIGHT, ch);
            assert.ok(rows.every(r => r >= 0 && r < 1 << GLYPH_WIDTH), ch);
            const key = rows.join(',');
            assert.ok(!seen.has(key), `${ch} looks like ${seen.get(key)}`);
            seen.set(key, ch);
        }
        assert.equal(glyphRows(' ').every(r => r === 0), true);
    });

    it('draws exactly the glyph pixels, scaled, and clips at the edges', () => {
        const image = blank(40, 40);
        drawText(image, 'A', 2, 3, 2, [0, 0, 0]);
        const bits = glyphRows('A').reduce((n, r) => n + r.toString(2).split('').filter(b => b === '1').length, 0);
        assert.equal(inked(image), bits * 4);
        assert.equal(inked(image, 0, 0, 2, 40) + inked(image, 0, 0, 40, 3), 0, 'nothing left of or above the origin');
        assert.equal(textWidth('AB', 2), (2 * ADVANCE - 1) * 2);
        const edge = blank(8, 8);
        drawText(edge, 'WWW', 4, 4, 3, [0, 0, 0]); // mostly outside: no throw
        assert.ok(inked(edge) > 0);
    });

    it('wraps at spaces, cuts long words, ends cut text with ..., and draws accents and other scripts as ASCII', () => {
        assert.deepEqual(wrapText('a red circle on a blue background', 12, 5), ['a red circle', 'on a blue', 'background']);
        assert.deepEqual(wrapText('supercalifragilistic', 8, 5), ['supercal', 'ifragili', 'stic']);
        assert.deepEqual(wrapText('one two three four five six', 9, 2), ['one two', 'three...']);
        assert.deepEqual(wrapText('', 10, 2), []);
        assert.equal(drawable('café\tnaïve 猫'), 'cafe naive ?');
    });

    it('lays out rows, columns, labels and cells; enlarges small images by a whole factor; marks empty cells', () => {
        const red: RawImage = { width: 16, height: 16, channels: 3, data: new Uint8Array(16 * 16 * 3).map((_, i) => (i % 3 === 0 ? 200 : 10)) };
        const gray: RawImage = { width: 16, height: 16, channels: 1, data: new Uint8Array(256).fill(90) };
        const grid = composeXYGrid({
            title: 'T', rowAxis: 'k.cfg', columnAxis: 'p.text', rowLabels: ['cfg=1', 'cfg=7'], columnLabels: ['text=a cat', 'text=a very long prompt that wraps and wraps and is cut'],
            cells: [[[red], [gray, gray]], [[], [red]]],
        });
        const { layout, image } = grid;
        assert.equal(layout.cells.length, 2);
        assert.equal(layout.cells[0].length, 2);
        const cell = layout.cells[0][0];
        assert.equal(cell.scale, 4, '34 px (two tiles) natural: enlarged 4x to reach 128');
        assert.equal(image.data[(cell.y * image.width + cell.x) * 3], 200);
        assert.ok(inked(image, layout.columnBand.x, layout.columnBand.y, layout.columnBand.width, layout.columnBand.height) > 50);
        assert.ok(inked(image, layout.rowBand.x, layout.rowBand.y, layout.rowBand.width, layout.rowBand.height) > 50);
        const empty = layout.cells[1][0];
        assert.equal(image.data[((empty.y + empty.height - 1) * image.width + empty.x) * 3], 232, 'an empty cell is shaded');
        assert.throws(() => composeXYGrid({ rowLabels: ['a'], columnLabels: ['b', 'c'], cells: [[[red]]] }), /1 x 2 cells/);
    });
});
