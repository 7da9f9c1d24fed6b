import assert from 'node:assert/strict';
import { applyIntent, assertShapeChanged, bodyShape, errorCodes } from './helpers.js';
import { example, LAYOUTS } from './fixtures.js';

describe('editing: deleteNode', () => {
    const digits = example('digits-gan.flow');

    it('removes the statement line and the wires from the node', async () => {
        const r = await applyIntent(digits, { type: 'deleteNode', body: 'DigitsGan', nodeId: 'grid' });
        assert.ok(!r.after.includes('grid = ImageGrid'));
        assert.match(r.after, /    big = Upscale\(factor: 2\)\n/);
        assert.equal(r.after.split('\n').length, digits.split('\n').length - 1);
        assertShapeChanged(r, e => { delete e.grid; delete e.big.args.images; });
        assert.deepEqual(errorCodes(r.graphAfter), ['missing-input']);
    });

    it('removes every line of a multi-line statement', async () => {
        const r = await applyIntent(digits, { type: 'deleteNode', body: 'DigitsGan', nodeId: 'trained' });
        assert.ok(!r.after.includes('TrainGAN'));
        assert.equal(r.after.split('\n').length, digits.split('\n').length - 5);
        assert.match(r.after, /    samples = SampleGAN\(count: 100, seed: 42\)\n/);
        assertShapeChanged(r, e => { delete e.trained; delete e.samples.args.generator; });
    });

    it('removes anonymous nodes and statements with trailing comments', async () => {
        const r = await applyIntent(LAYOUTS, { type: 'deleteNode', body: 'Layouts', nodeId: 'SaveImages#1' });
        assert.ok(!r.after.includes('SaveImages'));
        const r2 = await applyIntent(LAYOUTS, { type: 'deleteNode', body: 'Layouts', nodeId: 'shapes' });
        assert.ok(!r2.after.includes('a trailing comment'));
        assert.match(r2.after, /    norm = Normalize\(\n        low: -1,  \/\/ black\n/, 'the wire line went with the node');
        assert.match(r2.after, /\n    Normalize\(\)\n/);
        assert.deepEqual(bodyShape(r2.graphAfter).norm.args, { low: '=-1', high: '=1' });
    });

    it('inside a subgraph, leaves the output declaration (it reports the missing node)', async () => {
        const r = await applyIntent(LAYOUTS, { type: 'deleteNode', body: 'Enlarge', nodeId: 'up' });
        assert.match(r.after, /subgraph Enlarge \{\n    input images: IMAGE\n    input factor: INT = 2\n    output result: IMAGE = up\n\}/);
        assert.ok(errorCodes(r.graphAfter).length > 0);
    });
});
