import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOutputFolders, outputRoots } from '../../../client/src/panels/output-roots.js';

describe('client: Outputs panel resource roots', () => {
    let ws: string;
    before(async () => {
        ws = await mkdtemp(join(tmpdir(), 'flow-roots-'));
        for (const dir of [
            'flow-output/Digits', 'models/flow-output/Shapes', 'models/flow-output/Shapes/flow-output',
            'models/data', 'node_modules/pkg/flow-output', '.git/flow-output', 'deep/a/b/c/d/e/f/g/flow-output',
        ]) await mkdir(join(ws, dir), { recursive: true });
        await writeFile(join(ws, 'digits.flow'), 'workflow Digits {}\n');
    });
    after(async () => { await rm(ws, { recursive: true, force: true }); });

    it('with the default (empty) setting: the flow-output folders, not the workspace folder', async () => {
        const roots = await outputRoots(ws, '');
        assert.deepEqual(roots, [join(ws, 'flow-output'), join(ws, 'models/flow-output')]);
        assert.ok(!roots.includes(ws));
        assert.deepEqual(await outputRoots(ws, '   '), roots, 'blank is the default too');
    });

    it('skips node_modules and dot folders, and stops at the depth limit', async () => {
        assert.deepEqual(await findOutputFolders(ws, { maxDepth: 1 }), [join(ws, 'flow-output'), join(ws, 'models/flow-output')]);
        assert.deepEqual(await findOutputFolders(ws, { maxDepth: 0 }), [join(ws, 'flow-output')]);
        assert.deepEqual(await findOutputFolders(ws, { maxDepth: 8 }),
            [join(ws, 'flow-output'), join(ws, 'models/flow-output'), join(ws, 'deep/a/b/c/d/e/f/g/flow-output')]);
    });

    it('with a configured folder: that folder, relative to the workspace folder or absolute', async () => {
        assert.deepEqual(await outputRoots(ws, 'renders'), [join(ws, 'renders')]);
        assert.deepEqual(await outputRoots(ws, '/tmp/out'), ['/tmp/out']);
    });

    it('a missing workspace folder has no roots', async () => {
        assert.deepEqual(await outputRoots(join(ws, 'missing'), ''), []);
    });
});
