import assert from 'node:assert/strict';
import { applyIntent, assertShapeChanged, bodyShape, changedLines, errorCodes } from './helpers.js';
import { example, LAYOUTS } from './fixtures.js';

describe('editing: disconnect', () => {
    const digits = example('digits-gan.flow');

    it('removes a middle argument with its comma', async () => {
        const r = await applyIntent(digits, { type: 'disconnect', body: 'DigitsGan', nodeId: 'norm', input: 'low' });
        assert.deepEqual(changedLines(digits, r.after), ['    norm = Normalize(dataset: digits, high: 1)']);
        assertShapeChanged(r, e => { delete e.norm.args.low; });
    });

    it('removes the last argument and the comma before it', async () => {
        const r = await applyIntent(digits, { type: 'disconnect', body: 'DigitsGan', nodeId: 'norm', input: 'high' });
        assert.deepEqual(changedLines(digits, r.after), ['    norm = Normalize(dataset: digits, low: -1)']);
    });

    it('removes a wire in a shared line of a multi-line list, keeping the line', async () => {
        const r = await applyIntent(digits, { type: 'disconnect', body: 'DigitsGan', nodeId: 'trained', input: 'dataset' });
        assert.deepEqual(changedLines(digits, r.after), ['        generator: gen, discriminator: disc,']);
        assertShapeChanged(r, e => { delete e.trained.args.dataset; });
        assert.deepEqual(errorCodes(r.graphAfter), ['missing-input']);
    });

    it('deletes the whole line of an argument that has it to itself (with its comment)', async () => {
        const r = await applyIntent(LAYOUTS, { type: 'disconnect', body: 'Layouts', nodeId: 'norm', input: 'low' });
        assert.match(r.after, /    norm = Normalize\(\n        dataset: shapes,\n        high: 1\n    \)\n/);
        assert.equal(r.after.split('\n').length, LAYOUTS.split('\n').length - 1);
        const r2 = await applyIntent(LAYOUTS, { type: 'disconnect', body: 'Layouts', nodeId: 'norm', input: 'high' });
        assert.match(r2.after, /        low: -1,  \/\/ black\n    \)\n/, 'a dangling trailing comma is valid');
        assert.deepEqual(bodyShape(r2.graphAfter).norm.args, { dataset: '<-shapes.dataset', low: '=-1' });
    });

    it('keeps a trailing comma, and empties parentheses of the only argument', async () => {
        const r = await applyIntent(LAYOUTS, { type: 'disconnect', body: 'Layouts', nodeId: 'gen', input: 'channels' });
        assert.deepEqual(changedLines(LAYOUTS, r.after), ['    gen = DCGANGenerator(latentDim: 8, imageSize: 32,)']);
        const r2 = await applyIntent(LAYOUTS, { type: 'disconnect', body: 'Layouts', nodeId: 'Normalize#1', input: 'dataset' });
        assert.deepEqual(changedLines(LAYOUTS, r2.after), ['    Normalize()']);
        const r3 = await applyIntent(LAYOUTS, { type: 'disconnect', body: 'Layouts', nodeId: 'shapes', input: 'count' });
        assert.deepEqual(changedLines(LAYOUTS, r3.after), ['    shapes = SyntheticShapes(size: 32)   // a trailing comment']);
    });

    it('is a no-op for an argument that is not written', async () => {
        const r = await applyIntent(LAYOUTS, { type: 'disconnect', body: 'Layouts', nodeId: 'shapes', input: 'seed' });
        assert.deepEqual(r.edits, []);
    });
});
