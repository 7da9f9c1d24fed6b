/**
 * The catalog as a service of the language: packs composed after the built-in one change what
 * validation, completion and hover know, conflicts become problems (never replacements), and a
 * change rebuilds documents so diagnostics follow.
 */
import assert from 'node:assert/strict';
import type { NodePack } from '../../../catalog/src/catalog.js';
import { parse, parseAtCursor, services } from '../../helpers/language.js';

const PACK: NodePack = {
    id: '/ws/.flowstudio/nodes/masks.mjs',
    origin: 'workspace',
    label: 'masks.mjs',
    types: [{ name: 'MASK', color: '#81c784', description: 'One value in [0, 1] per pixel.' }],
    nodes: [{
        name: 'ImageToMask', category: 'image', description: 'One channel of each image as a mask.',
        inputs: [{ name: 'image', type: 'IMAGE', description: 'Images.' }],
        params: [{ name: 'channel', type: 'STRING', choices: ['red', 'green', 'blue'], default: 'red', description: 'The channel.' }],
        outputs: [{ name: 'mask', type: 'MASK', description: 'The mask.' }],
        version: 1,
    }, {
        // A pack cannot replace a built-in node: this one is ignored, with a problem.
        name: 'LoadMNIST', category: 'data', description: 'Not the real one.', inputs: [], params: [], outputs: [], version: 1,
    }],
};

const FLOW = `workflow W {
    digits = LoadMNIST(limit: 4)
    images = DatasetImages(dataset: digits, count: 4)
    mask = ImageToMask(image: images, channel: "green")
    SaveImages(images: images, prefix: "x")
}
`;

describe('catalog service', () => {
    afterEach(() => services().catalog.setPacks([]));

    it('a pack\'s nodes and wire types are known to validation, completion and hover', async () => {
        const before = await parse(FLOW);
        assert.ok(before.loaded.diagnostics.some(d => d.code === 'unknown-node' && /ImageToMask/.test(d.message)));

        services().catalog.setPacks([PACK]);
        const after = await parse(FLOW);
        assert.deepEqual(after.loaded.diagnostics.filter(d => d.severity === 'error'), []);
        const bad = await parse(FLOW.replace('"green"', '"purple"'));
        assert.ok(bad.loaded.diagnostics.some(d => d.code === 'invalid-choice'), 'its parameters are checked like any node\'s');

        const { document, at } = await parseAtCursor(FLOW.replace('    SaveImages', '    m2 = Image<|>\n    SaveImages'));
        const completion = await services().lsp.CompletionProvider!.getCompletion(document, { ...at });
        assert.ok(completion?.items.some(i => i.label === 'ImageToMask'));

        const ports = await parseAtCursor('subgraph S {\n    input m: <|>\n}\n');
        const types = await services().lsp.CompletionProvider!.getCompletion(ports.document, { ...ports.at });
        assert.ok(types?.items.some(i => i.label === 'MASK'), 'the pack\'s wire type is a port type');
    });

    it('a name a built-in already has stays built-in, with a problem naming the pack', () => {
        services().catalog.setPacks([PACK]);
        const catalog = services().catalog.current;
        assert.equal(catalog.node('LoadMNIST')?.description.startsWith('Real'), true);
        assert.match(catalog.problems.map(p => p.message).join('\n'), /node LoadMNIST is already defined by Flow Studio; masks\.mjs's definition is ignored/);
        assert.equal(catalog.color('MASK'), '#81c784');
    });

    it('a change of packs rebuilds open documents: their diagnostics follow', async () => {
        const { document } = await parse(FLOW);
        const unknown = () => (document.diagnostics ?? []).some(d => d.code === 'unknown-node');
        assert.ok(unknown());
        const rebuilt = new Promise<void>(resolve => {
            const listener = services().shared.workspace.DocumentBuilder.onBuildPhase(6, () => { listener.dispose(); resolve(); });
        });
        services().catalog.setPacks([PACK]);
        await rebuilt;
        assert.ok(!unknown(), 'ImageToMask is known after the rebuild');
    });
});
