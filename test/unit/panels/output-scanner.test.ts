import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePrompt, producerArgs, readPngInfo, scanOutputFolder } from '../../../client/src/panels/output-scanner.js';
import { EVENT_FIXTURES, loadEvents } from './event-fixtures.js';
import { makePng, prompt } from './png-helpers.js';

describe('output folder scanner', () => {
    let dir: string;
    beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'flow-scan-')); });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('reads size and tEXt, zTXt and iTXt chunks', () => {
        const info = readPngInfo(makePng(7, 5, [
            { type: 'tEXt', key: 'workflow', text: 'workflow A {}' },
            { type: 'zTXt', key: 'zipped', text: 'x'.repeat(500) },
            { type: 'iTXt', key: 'prompt', text: '{"workflow":"Größe ✓"}' },
        ]));
        assert.equal(info.width, 7);
        assert.equal(info.height, 5);
        assert.equal(info.text.workflow, 'workflow A {}');
        assert.equal(info.text.zipped, 'x'.repeat(500));
        assert.equal(parsePrompt(info.text.prompt)?.workflow, 'Größe ✓');
    });

    it('refuses files that are not PNGs', () => {
        assert.throws(() => readPngInfo(Buffer.from('GIF89a not a png at all, not at all....')), /not a PNG/);
    });

    it('finds the PNGs the engine wrote for the recorded quickstart run, with the arguments the live events carried', async () => {
        const root = join(EVENT_FIXTURES, 'quickstart/output');
        const found = await scanOutputFolder(root);
        const live = loadEvents('quickstart').filter(e => e.event === 'image');
        assert.deepEqual(found.map(f => f.path).sort(), live.map(e => (e as { path: string }).path).sort());
        for (const image of found) {
            const event = live.find(e => (e as { path: string }).path === image.path) as { args?: unknown; width: number; height: number };
            assert.equal(image.prompt?.workflow, 'Quickstart');
            assert.equal(image.width, event.width);
            assert.equal(image.height, event.height);
            assert.deepEqual(producerArgs(image.prompt), event.args, image.relativePath);
        }
        assert.ok(found.some(f => f.relativePath === 'quickstart/grid_00001.png'));
    });

    it('walks sub-folders, skips other files, broken PNGs, hidden folders and temp files, and honours the limits', async () => {
        mkdirSync(join(dir, 'a/b'), { recursive: true });
        mkdirSync(join(dir, '.hidden'));
        writeFileSync(join(dir, 'a/one.png'), makePng(2, 2, [{ type: 'tEXt', key: 'prompt', text: prompt('W', 'SaveImages#1', { seed: 1 }) }]));
        writeFileSync(join(dir, 'a/b/two.png'), makePng(3, 3));
        writeFileSync(join(dir, 'a/b/three.png.tmp-1'), makePng(3, 3));
        writeFileSync(join(dir, '.hidden/x.png'), makePng(3, 3));
        writeFileSync(join(dir, 'broken.png'), 'nope');
        writeFileSync(join(dir, 'notes.txt'), 'hello');
        const found = await scanOutputFolder(dir);
        assert.deepEqual(found.map(f => f.relativePath).sort(), ['a/b/two.png', 'a/one.png']);
        const one = found.find(f => f.relativePath === 'a/one.png')!;
        assert.deepEqual(producerArgs(one.prompt), { node: 'samples', type: 'SampleGAN', seed: 1 });
        assert.equal(found.find(f => f.relativePath === 'a/b/two.png')!.prompt, undefined);
        assert.equal((await scanOutputFolder(dir, { maxFiles: 1 })).length, 1);
        assert.deepEqual((await scanOutputFolder(dir, { maxDepth: 1 })).map(f => f.relativePath), ['a/one.png']);
        utimesSync(join(dir, 'a/one.png'), 1000, 1000);
        assert.equal((await scanOutputFolder(dir)).find(f => f.relativePath === 'a/one.png')!.mtimeMs, 1_000_000);
    });

    it('returns nothing for a folder that does not exist', async () => {
        assert.deepEqual(await scanOutputFolder(join(dir, 'missing')), []);
    });
});
