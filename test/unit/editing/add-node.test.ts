import assert from 'node:assert/strict';
import { applyIntent, bodyShape, errorCodes } from './helpers.js';
import { example, LAYOUTS } from './fixtures.js';

describe('editing: addNode', () => {
    const digits = example('digits-gan.flow');

    it('appends an anonymous output node before the closing brace, indented like the others', async () => {
        const r = await applyIntent(digits, { type: 'addNode', body: 'DigitsGan', nodeType: 'PreviewImage' });
        assert.ok(r.after.endsWith('    SaveImages(images: big, prefix: "grid/digits")\n    PreviewImage()\n}\n'));
        const shape = bodyShape(r.graphAfter);
        assert.deepEqual(shape['PreviewImage#1'], { type: 'PreviewImage', isOutput: true, args: {} });
        assert.deepEqual(errorCodes(r.graphAfter), ['missing-input']);
    });

    it('names other nodes uniquely and writes required parameters with valid values', async () => {
        const r = await applyIntent(digits, { type: 'addNode', body: 'DigitsGan', nodeType: 'Resize' });
        assert.match(r.after, /\n    resize = Resize\(width: 1, height: 1\)\n\}\n$/);
        const r2 = await applyIntent(r.after, { type: 'addNode', body: 'DigitsGan', nodeType: 'Resize' });
        assert.match(r2.after, /\n    resize2 = Resize\(width: 1, height: 1\)\n\}\n$/);
        const r3 = await applyIntent(digits, { type: 'addNode', body: 'DigitsGan', nodeType: 'DCGANGenerator' });
        assert.match(r3.after, /\n    dcganGenerator = DCGANGenerator\(imageSize: 28, channels: 1\)\n\}\n$/);
        const r4 = await applyIntent(digits, { type: 'addNode', body: 'DigitsGan', nodeType: 'LoadImages' });
        assert.match(r4.after, /\n    loadImages = LoadImages\(path: ""\)\n\}\n$/);
        assert.deepEqual(bodyShape(r3.graphAfter).dcganGenerator, { type: 'DCGANGenerator', isOutput: false, args: { imageSize: '=28', channels: '=1' } });
    });

    it('wires the new node from a dragged output', async () => {
        const r = await applyIntent(digits, { type: 'addNode', body: 'DigitsGan', nodeType: 'PreviewImage', connectFrom: { node: 'samples', output: 'images' } });
        assert.match(r.after, /\n    PreviewImage\(images: samples\)\n\}\n$/);
        assert.deepEqual(errorCodes(r.graphAfter), []);
        const r2 = await applyIntent(digits, { type: 'addNode', body: 'DigitsGan', nodeType: 'SampleGAN', connectFrom: { node: 'trained', output: 'generator' } });
        assert.match(r2.after, /\n    sampleGAN = SampleGAN\(generator: trained\)\n\}\n$/);
        await assert.rejects(applyIntent(digits, { type: 'addNode', body: 'DigitsGan', nodeType: 'SampleGAN', connectFrom: { node: 'digits', output: 'dataset' } }), /SampleGAN has no input accepting DATASET/);
    });

    it('adds subgraph instances and nodes inside subgraphs', async () => {
        const r = await applyIntent(LAYOUTS, { type: 'addNode', body: 'Layouts', nodeType: 'Enlarge', connectFrom: { node: 'samples', output: 'images' } });
        assert.match(r.after, /\n    enlarge = Enlarge\(images: samples\)\n\}\n/);
        assert.deepEqual(bodyShape(r.graphAfter).enlarge.args, { images: '<-samples.images' });
        const r2 = await applyIntent(LAYOUTS, { type: 'addNode', body: 'Enlarge', nodeType: 'ImageGrid' });
        assert.match(r2.after, /    output result: IMAGE = up\n    imageGrid = ImageGrid\(\)\n\}\n$/);
        await assert.rejects(applyIntent(LAYOUTS, { type: 'addNode', body: 'Enlarge', nodeType: 'Enlarge' }), /cannot contain itself/);
        await assert.rejects(applyIntent(LAYOUTS, { type: 'addNode', body: 'Layouts', nodeType: 'Bogus' }), /unknown node type "Bogus"/);
    });

    it('into an empty body written on one line', async () => {
        const r = await applyIntent('workflow Empty { }\n', { type: 'addNode', body: 'Empty', nodeType: 'SyntheticShapes' });
        assert.equal(r.after, 'workflow Empty { \n    syntheticShapes = SyntheticShapes()\n}\n');
        assert.deepEqual(Object.keys(bodyShape(r.graphAfter)), ['syntheticShapes']);
    });
});
