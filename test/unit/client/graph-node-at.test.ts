import assert from 'node:assert/strict';
import { contains, nodeAt } from '../../../client/src/graph/node-at.js';
import { imagePathOf } from '../../../client/src/graph/run-states.js';
import { parseFlowText } from '../../../server/src/api.js';

const TEXT = `workflow A {
    digits = LoadMNIST(limit: 64)
    norm = Normalize(
        dataset: digits,
    )
}

subgraph Twice {
    input images: IMAGE
    big = Upscale(images: images, factor: 2)
    output result: IMAGE = big
}
`;

describe('client: graph view text -> node lookup', () => {
    it('finds the node whose statement holds the cursor, in workflows and subgraphs', async () => {
        const loaded = await parseFlowText(TEXT);
        assert.deepEqual(loaded.diagnostics.filter((d) => d.severity === 'error'), []);
        const graph = loaded.graph;
        assert.deepEqual(nodeAt(graph, { line: 1, character: 4 }), { body: 'A', nodeId: 'digits' });
        assert.deepEqual(nodeAt(graph, { line: 1, character: 33 }), { body: 'A', nodeId: 'digits' }, 'the statement end');
        assert.deepEqual(nodeAt(graph, { line: 3, character: 10 }), { body: 'A', nodeId: 'norm' }, 'a statement over several lines');
        assert.deepEqual(nodeAt(graph, { line: 9, character: 20 }), { body: 'Twice', nodeId: 'big' });
        assert.deepEqual(nodeAt(graph, { line: 0, character: 2 }), { body: 'A' }, 'in the body, on no node');
        assert.equal(nodeAt(graph, { line: 6, character: 0 }), undefined, 'between bodies');
    });

    it('compares positions by line, then character', () => {
        const range = { start: { line: 1, character: 4 }, end: { line: 3, character: 5 } };
        assert.equal(contains(range, { line: 1, character: 3 }), false);
        assert.equal(contains(range, { line: 2, character: 0 }), true);
        assert.equal(contains(range, { line: 3, character: 5 }), true);
        assert.equal(contains(range, { line: 3, character: 6 }), false);
    });

    it('takes the image path of preview and image events only', () => {
        const base = { runId: 'r', time: 0, node: 'n' };
        assert.equal(imagePathOf({ ...base, event: 'preview', path: '/t/p.png', step: 2, width: 8, height: 8 }), '/t/p.png');
        assert.equal(imagePathOf({ ...base, event: 'image', path: '/o/i.png', width: 8, height: 8, saved: true }), '/o/i.png');
        assert.equal(imagePathOf({ ...base, event: 'node-start', type: 'X' }), undefined);
    });
});
