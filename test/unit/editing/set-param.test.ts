import assert from 'node:assert/strict';
import { EditError } from '../../../editing/src/index.js';
import { applyIntent, assertShapeChanged, bodyShape, changedLines, errorCodes } from './helpers.js';
import { example, LAYOUTS } from './fixtures.js';

describe('editing: setParam', () => {
    it('replaces only the value text of an existing argument', async () => {
        const text = example('digits-gan.flow');
        const r = await applyIntent(text, { type: 'setParam', body: 'DigitsGan', nodeId: 'trained', param: 'epochs', value: 10 });
        assert.equal(r.edits.length, 1);
        assert.deepEqual(changedLines(text, r.after), ['        epochs: 10, batchSize: 64, learningRate: 2e-4, beta1: 0.5,']);
        assertShapeChanged(r, e => { e.trained.args.epochs = '=10'; });
        assert.deepEqual(errorCodes(r.graphAfter), []);
    });

    it('appends a missing argument on a one-line statement', async () => {
        const text = example('digits-gan.flow');
        const r = await applyIntent(text, { type: 'setParam', body: 'DigitsGan', nodeId: 'digits', param: 'digits', value: [3, 7] });
        assert.deepEqual(changedLines(text, r.after), ['    digits = LoadMNIST(limit: 10000, digits: [3, 7])']);
        assertShapeChanged(r, e => { e.digits.args.digits = '=[3,7]'; });
    });

    it('adds a line in a multi-line argument list, keeping the trailing comma habit and indentation', async () => {
        const text = example('digits-gan.flow');
        const r = await applyIntent(text, { type: 'setParam', body: 'DigitsGan', nodeId: 'trained', param: 'maxSteps', value: 200 });
        assert.match(r.after, /        seed: 1, previewEvery: 50,\n        maxSteps: 200,\n    \)\n/);
        assertShapeChanged(r, e => { e.trained.args.maxSteps = '=200'; });
        assert.deepEqual(errorCodes(r.graphAfter), []);
    });

    it('without a trailing comma: adds the comma after the value, the argument after the comment', async () => {
        const r = await applyIntent(LAYOUTS, { type: 'setParam', body: 'Layouts', nodeId: 'trained', param: 'seed', value: 5 });
        assert.match(r.after, /        epochs: 1, batchSize: 8, seed: 5\)\n/, 'closing parenthesis on the last line: continue the line');
        const r2 = await applyIntent(LAYOUTS, { type: 'setParam', body: 'Layouts', nodeId: 'norm', param: 'low', value: 0 });
        assert.match(r2.after, /        low: 0,  \/\/ black\n/, 'the comment stays');
        const shapes = `workflow W {\n    n = Normalize(\n        dataset: s,\n        low: 0 // c\n    )\n    s = SyntheticShapes()\n}\n`;
        const r3 = await applyIntent(shapes, { type: 'setParam', body: 'W', nodeId: 'n', param: 'high', value: 0.5 });
        assert.equal(r3.after, `workflow W {\n    n = Normalize(\n        dataset: s,\n        low: 0, // c\n        high: 0.5\n    )\n    s = SyntheticShapes()\n}\n`);
        assert.deepEqual(bodyShape(r3.graphAfter).n.args, { dataset: '<-s.dataset', low: '=0', high: '=0.5' });
    });

    it('after a trailing comma on one line, and into empty parentheses', async () => {
        const r = await applyIntent(LAYOUTS, { type: 'setParam', body: 'Layouts', nodeId: 'gen', param: 'filters', value: 16 });
        assert.deepEqual(changedLines(LAYOUTS, r.after), ['    gen = DCGANGenerator(latentDim: 8, imageSize: 32, channels: 3, filters: 16,)']);
        const empty = 'workflow W {\n    g = DCGANGenerator()\n}\n';
        const r2 = await applyIntent(empty, { type: 'setParam', body: 'W', nodeId: 'g', param: 'imageSize', value: 28 });
        assert.equal(r2.after, 'workflow W {\n    g = DCGANGenerator(imageSize: 28)\n}\n');
    });

    it('writes strings with JSON escapes and booleans, and replaces a wire with a literal', async () => {
        const r = await applyIntent(LAYOUTS, { type: 'setParam', body: 'Layouts', nodeId: 'SaveImages#1', param: 'prefix', value: 'a "quoted"\\path' });
        assert.match(r.after, /SaveImages\(images: samples, prefix: "a \\"quoted\\"\\\\path"\)/);
        assert.equal(bodyShape(r.graphAfter)['SaveImages#1'].args.prefix, '="a \\"quoted\\"\\\\path"');
        const sub = await applyIntent(LAYOUTS, { type: 'setParam', body: 'Enlarge', nodeId: 'up', param: 'factor', value: 3 });
        assert.match(sub.after, /up = Upscale\(images: images, factor: 3\)/);
        assert.deepEqual(bodyShape(sub.graphAfter, 'Enlarge').up.args, { images: '<-input images', factor: '=3' });
    });

    it('is a no-op when the value is already written that way', async () => {
        const r = await applyIntent(LAYOUTS, { type: 'setParam', body: 'Layouts', nodeId: 'shapes', param: 'count', value: 64 });
        assert.deepEqual(r.edits, []);
    });

    it('refuses unknown nodes and parameters with a clear message', async () => {
        await assert.rejects(applyIntent(LAYOUTS, { type: 'setParam', body: 'Layouts', nodeId: 'nope', param: 'x', value: 1 }), (e: Error) => e instanceof EditError && /no node "nope"/.test(e.message));
        await assert.rejects(applyIntent(LAYOUTS, { type: 'setParam', body: 'Layouts', nodeId: 'shapes', param: 'colour', value: 1 }), /has no parameter "colour"/);
        await assert.rejects(applyIntent(LAYOUTS, { type: 'setParam', body: 'Nope', nodeId: 'shapes', param: 'count', value: 1 }), /no workflow or subgraph named "Nope"/);
    });
});
