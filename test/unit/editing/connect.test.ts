import assert from 'node:assert/strict';
import { applyIntent, assertShapeChanged, bodyShape, changedLines, errorCodes } from './helpers.js';
import { example, LAYOUTS } from './fixtures.js';

describe('editing: connect', () => {
    it('replaces an input reference, writing the bare name for a first output', async () => {
        const text = example('digits-gan.flow');
        const r = await applyIntent(text, { type: 'connect', body: 'DigitsGan', from: { node: 'gen', output: 'generator' }, to: { node: 'samples', input: 'generator' } });
        assert.deepEqual(changedLines(text, r.after), ['    samples = SampleGAN(generator: gen, count: 100, seed: 42)']);
        assertShapeChanged(r, e => { e.samples.args.generator = '<-gen.generator'; });
        assert.deepEqual(errorCodes(r.graphAfter), []);
    });

    it('writes node.output for an output that is not the first', async () => {
        const base = 'workflow W {\n    g = DCGANGenerator(imageSize: 28, channels: 1)\n    d = DCGANDiscriminator(imageSize: 28, channels: 1)\n    s = SyntheticShapes()\n    t = TrainGAN(generator: g, discriminator: d, dataset: s)\n    t2 = TrainGAN(generator: t.generator, discriminator: d, dataset: s)\n    x = SampleGAN(generator: t2)\n    PreviewImage(images: x)\n}\n';
        const r = await applyIntent(base, { type: 'connect', body: 'W', from: { node: 't', output: 'discriminator' }, to: { node: 't2', input: 'discriminator' } });
        assert.match(r.after, /t2 = TrainGAN\(generator: t\.generator, discriminator: t\.discriminator, dataset: s\)/);
        assert.equal(bodyShape(r.graphAfter).t2.args.discriminator, '<-t.discriminator');
        assert.deepEqual(errorCodes(r.graphAfter), []);
    });

    it('adds the argument when the input was missing', async () => {
        const base = 'workflow W {\n    s = SyntheticShapes()\n    r = Resize(width: 16, height: 16)\n    i = DatasetImages(dataset: r)\n    PreviewImage(images: i)\n}\n';
        const r = await applyIntent(base, { type: 'connect', body: 'W', from: { node: 's', output: 'dataset' }, to: { node: 'r', input: 'dataset' } });
        assert.deepEqual(errorCodes(r.graphBefore), ['missing-input']);
        assert.match(r.after, /r = Resize\(width: 16, height: 16, dataset: s\)/);
        assert.deepEqual(errorCodes(r.graphAfter), []);
        assert.equal(bodyShape(r.graphAfter).r.args.dataset, '<-s.dataset');
    });

    it('names an anonymous source node so it can be referenced', async () => {
        const r = await applyIntent(LAYOUTS, { type: 'connect', body: 'Layouts', from: { node: 'Normalize#1', output: 'dataset' }, to: { node: 'trained', input: 'dataset' } });
        assert.match(r.after, /\n    normalize = Normalize\(dataset: shapes\)\n/);
        assert.match(r.after, /trained = TrainGAN\(generator: gen, discriminator: disc, dataset: normalize,\n/);
        assert.equal(bodyShape(r.graphAfter).trained.args.dataset, '<-normalize.dataset');
    });

    it('refuses incompatible types, self-loops and unknown outputs', async () => {
        await assert.rejects(
            applyIntent(LAYOUTS, { type: 'connect', body: 'Layouts', from: { node: 'shapes', output: 'dataset' }, to: { node: 'samples', input: 'generator' } }),
            /cannot connect shapes\.dataset \(DATASET\) to samples\.generator \(GENERATOR\)/);
        await assert.rejects(
            applyIntent(LAYOUTS, { type: 'connect', body: 'Layouts', from: { node: 'shapes', output: 'dataset' }, to: { node: 'shapes', input: 'count' } }),
            /cannot connect node "shapes" to itself/);
        await assert.rejects(
            applyIntent(LAYOUTS, { type: 'connect', body: 'Layouts', from: { node: 'shapes', output: 'images' }, to: { node: 'norm', input: 'dataset' } }),
            /no output "images"/);
    });
});

describe('editing: connect inside a subgraph body', () => {
    const text = `subgraph Sheet {
    input images: IMAGE
    input columns: INT = 4
    grid = ImageGrid()
    up = Upscale(images: grid, factor: 2)
    output result: IMAGE = up
    output raw: IMAGE = images
}
`;

    it('wires a subgraph input into a node, data and scalar alike', async () => {
        const r = await applyIntent(text, { type: 'connect', body: 'Sheet', from: { node: '#inputs', output: 'images' }, to: { node: 'grid', input: 'images' } });
        assert.match(r.after, /    grid = ImageGrid\(images: images\)\n/);
        const r2 = await applyIntent(r.after, { type: 'connect', body: 'Sheet', from: { node: '#inputs', output: 'columns' }, to: { node: 'grid', input: 'columns' } });
        assert.match(r2.after, /    grid = ImageGrid\(images: images, columns: columns\)\n/);
        assert.deepEqual(bodyShape(r2.graphAfter, 'Sheet').grid.args, { images: '<-input images', columns: '<-input columns' });
        assert.deepEqual(errorCodes(r2.graphAfter), []);
        await assert.rejects(applyIntent(text, { type: 'connect', body: 'Sheet', from: { node: '#inputs', output: 'columns' }, to: { node: 'grid', input: 'images' } }), /cannot connect #inputs\.columns \(INT\) to grid\.images \(IMAGE\)/);
    });

    it('points a subgraph output at another node or input', async () => {
        const r = await applyIntent(text, { type: 'connect', body: 'Sheet', from: { node: 'grid', output: 'image' }, to: { node: '#outputs', input: 'result' } });
        assert.deepEqual(changedLines(text, r.after), ['    output result: IMAGE = grid']);
        const r2 = await applyIntent(text, { type: 'connect', body: 'Sheet', from: { node: 'up', output: 'images' }, to: { node: '#outputs', input: 'raw' } });
        assert.deepEqual(changedLines(text, r2.after), ['    output raw: IMAGE = up']);
        const graph = r2.graphAfter.subgraphs[0];
        assert.deepEqual(graph.outputs.map(o => o.source), [{ node: 'up', output: 'images' }, { node: 'up', output: 'images' }]);
        await assert.rejects(applyIntent(text, { type: 'connect', body: 'Sheet', from: { node: '#inputs', output: 'columns' }, to: { node: '#outputs', input: 'raw' } }), /to output raw \(IMAGE\)/);
    });
});
