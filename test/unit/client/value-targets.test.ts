/** "Run With Values…": which nodes and arguments it offers, and the --set/--sweep texts it passes. */
import * as assert from 'node:assert/strict';
import { parseFlowText } from '../../../server/src/api.js';
import { resolveRunRequest, runCommandArgs, taskLabel } from '../../../client/src/run/run-request.js';
import { formatValue, setText, sweepFileText, sweepText, valueTargets } from '../../../client/src/run/value-targets.js';

describe('Run With Values', () => {
    it('offers the constant widget arguments of the workflow nodes (not wires, not subgraph instances)', async () => {
        const loaded = await parseFlowText(`subgraph Prep {
    input d: DATASET
    n = Normalize(dataset: d)
    output out: DATASET = n
}
workflow W {
    shapes = SyntheticShapes(count: 4, size: 16)
    p = Prep(d: shapes)
    picked = DatasetImages(dataset: p.out, count: 2)
    grid = ImageGrid(images: picked)
    SaveImages(images: grid, prefix: "x")
}
`, 'file:///memory/values.flow');
        assert.deepEqual(loaded.diagnostics.filter(d => d.severity === 'error'), []);
        const targets = valueTargets(loaded.graph.workflows[0]);
        const byNode = Object.fromEntries(targets.map(t => [t.node, t.args.map(a => `${a.name}=${formatValue(a.value)}${a.defaulted ? '*' : ''}`)]));
        assert.deepEqual(byNode.shapes, ['count=4', 'size=16', 'seed=0*']);
        assert.ok(!('p' in byNode), 'subgraph instance left out');
        assert.ok(byNode['SaveImages#1'].includes('prefix=x'));
        assert.ok(!byNode.grid.some(a => a.startsWith('images')), 'wires are not offered');
    });

    it('builds --set/--sweep texts and passes them to flowstudio run', () => {
        assert.equal(setText('k', 'cfg', '7.5'), 'k.cfg=7.5');
        assert.equal(setText('pos', 'text', '@home'), 'pos.text=@@home', 'a typed @ is not a file');
        assert.equal(sweepText('k', 'cfg', '1,3,5'), 'k.cfg=1,3,5');
        assert.equal(sweepFileText('pos', 'text', '/w/prompts.txt'), 'pos.text=@/w/prompts.txt');
        assert.equal(formatValue(['a', 2]), '[\"a\", 2]');
        const settings = { backend: 'auto' as const, outputDirectory: '', cacheDirectory: '', cacheSizeLimit: 64 };
        const request = resolveRunRequest({ type: 'flowstudio', file: 'a.flow', workflow: 'W', set: ['k.steps=4'], sweep: ['k.cfg=1,3', 'pos.text=@p.txt'] }, '/ws', settings);
        assert.deepEqual(runCommandArgs(request).slice(-6), ['--set', 'k.steps=4', '--sweep', 'k.cfg=1,3', '--sweep', 'pos.text=@p.txt']);
        assert.equal(taskLabel({ type: 'flowstudio', file: 'a.flow', workflow: 'W', sweep: ['k.cfg=1,3'] }), 'run W (sweep)');
        assert.throws(() => resolveRunRequest({ type: 'flowstudio', file: 'a.flow', set: ['oops'] }, '/ws', settings), /"set" is a list of "NODE.ARG=VALUE"/);
    });
});
