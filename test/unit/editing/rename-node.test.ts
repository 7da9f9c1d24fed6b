import assert from 'node:assert/strict';
import { applyIntent, bodyShape, errorCodes } from './helpers.js';
import { example, LAYOUTS } from './fixtures.js';

describe('editing: renameNode', () => {
    const digits = example('digits-gan.flow');

    it('renames the node and every reference, leaving outputs after dots alone', async () => {
        const r = await applyIntent(digits, { type: 'renameNode', body: 'DigitsGan', nodeId: 'trained', newName: 'gan' });
        assert.equal(r.edits.length, 2);
        assert.match(r.after, /    gan = TrainGAN\(\n/);
        assert.match(r.after, /SampleGAN\(generator: gan\.generator, count: 100, seed: 42\)/);
        const before = bodyShape(r.graphBefore), after = bodyShape(r.graphAfter);
        const expected = Object.fromEntries(Object.entries(before).map(([id, n]) => [id === 'trained' ? 'gan' : id, {
            ...n, args: Object.fromEntries(Object.entries(n.args).map(([k, v]) => [k, v.replace('<-trained.', '<-gan.')])),
        }]));
        assert.deepEqual(after, expected);
        assert.deepEqual(errorCodes(r.graphAfter), []);
    });

    it('renames a node referenced several times, whose name is also an output name elsewhere', async () => {
        const r = await applyIntent(digits, { type: 'renameNode', body: 'DigitsGan', nodeId: 'samples', newName: 'images' });
        assert.match(r.after, /SaveImages\(images: images, prefix: "digits\/sample"\)/);
        assert.match(r.after, /grid = ImageGrid\(images: images, columns: 10\)/);
        assert.deepEqual(errorCodes(r.graphAfter), []);
        assert.equal(bodyShape(r.graphAfter).grid.args.images, '<-images.images');
    });

    it('updates subgraph output declarations', async () => {
        const r = await applyIntent(LAYOUTS, { type: 'renameNode', body: 'Enlarge', nodeId: 'up', newName: 'bigger' });
        assert.match(r.after, /    bigger = Upscale\(images: images, factor: factor\)\n    output result: IMAGE = bigger\n/);
        assert.deepEqual(errorCodes(r.graphAfter), []);
    });

    it('names an anonymous node', async () => {
        const r = await applyIntent(LAYOUTS, { type: 'renameNode', body: 'Layouts', nodeId: 'SaveImages#1', newName: 'save' });
        assert.match(r.after, /\n    save = SaveImages\(images: samples, prefix: "layouts"\)\n/);
        assert.ok(bodyShape(r.graphAfter).save);
    });

    it('refuses invalid and taken names', async () => {
        await assert.rejects(applyIntent(LAYOUTS, { type: 'renameNode', body: 'Layouts', nodeId: 'gen', newName: '2fast' }), /not a valid node name/);
        await assert.rejects(applyIntent(LAYOUTS, { type: 'renameNode', body: 'Layouts', nodeId: 'gen', newName: 'output' }), /not a valid node name/);
        await assert.rejects(applyIntent(LAYOUTS, { type: 'renameNode', body: 'Layouts', nodeId: 'gen', newName: 'disc' }), /already used in Layouts/);
        await assert.rejects(applyIntent(LAYOUTS, { type: 'renameNode', body: 'Enlarge', nodeId: 'up', newName: 'factor' }), /already used in Enlarge/);
    });
});
