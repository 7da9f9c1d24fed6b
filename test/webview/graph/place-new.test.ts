import assert from 'node:assert/strict';
import { NODE_SCHEMAS } from '../../../catalog/src/index.js';
import { layeredLayout, stableLayout } from '../../../webview/src/graph/layout.js';
import { placeNew } from '../../../webview/src/graph/place-new.js';
import { buildViewBody, modelContext, type ViewEdge, type ViewNode } from '../../../webview/src/graph/view-model.js';
import { exampleUpdate } from './fixtures.js';

async function digitsBody(): Promise<{ nodes: ViewNode[]; edges: ViewEdge[] }> {
    const { graph } = await exampleUpdate('digits-gan.flow');
    const body = buildViewBody(graph, 'DigitsGan', modelContext(graph, NODE_SCHEMAS))!;
    return { nodes: body.nodes, edges: body.edges };
}

const wire = (from: string, to: string, id = `${from}->${to}`): ViewEdge =>
    ({ id, from: { node: from, output: 'images' }, to: { node: to, input: 'images' }, type: 'IMAGE' });

describe('graph webview: placing nodes added from the text', () => {
    it('a node typed without arguments, wired later, moves next to its source', async () => {
        const { nodes, edges } = await digitsBody();
        const loose = new Set<string>();
        const first = await layeredLayout(nodes, edges);
        const grid2 = { ...nodes.find(n => n.id === 'grid')!, id: 'grid2' };
        // `grid2 = ImageGrid(` typed: no wire yet, so it goes below, at the left
        const typed = await stableLayout([...nodes, grid2], edges, first, loose);
        assert.deepEqual([...loose], ['grid2']);
        const minX = Math.min(...nodes.map(n => first.get(n.id)!.x));
        assert.equal(typed.get('grid2')!.x, minX);
        // `images: samples)` typed: now wired, it is placed right of samples
        const wired = await stableLayout([...nodes, grid2], [...edges, wire('samples', 'grid2')], typed, loose);
        const samples = wired.get('samples')!;
        const samplesNode = nodes.find(n => n.id === 'samples')!;
        assert.ok(wired.get('grid2')!.x >= samples.x + samplesNode.width, `right of samples: ${JSON.stringify([wired.get('grid2'), samples])}`);
        assert.deepEqual([...loose], [], 'placed for good');
        for (const n of nodes) assert.deepEqual(wired.get(n.id), first.get(n.id), `${n.id} did not move`);
        // and it stays there on the next edits
        const again = await stableLayout([...nodes, grid2], [...edges, wire('samples', 'grid2')], wired, loose);
        assert.deepEqual(again.get('grid2'), wired.get('grid2'));
    });

    it('a loose node the user has moved (no longer loose) stays where it was put', async () => {
        const { nodes, edges } = await digitsBody();
        const first = await layeredLayout(nodes, edges);
        const grid2 = { ...nodes.find(n => n.id === 'grid')!, id: 'grid2' };
        const previous = new Map(first).set('grid2', { x: -900, y: -900 });
        const positions = await stableLayout([...nodes, grid2], [...edges, wire('samples', 'grid2')], previous, new Set());
        assert.deepEqual(positions.get('grid2'), { x: -900, y: -900 });
    });

    it('a new node wired only to another new node lands next to it, whatever their order', async () => {
        const { nodes, edges } = await digitsBody();
        const positions = await layeredLayout(nodes, edges);
        const grid = nodes.find(n => n.id === 'grid')!;
        // `second` comes first in the file; it is fed by `first`, which is fed by samples
        const second = { ...grid, id: 'second' }, first = { ...grid, id: 'first' };
        const loose = new Set<string>();
        placeNew([...nodes, second, first], [...edges, wire('samples', 'first'), wire('first', 'second')], positions, loose);
        const at = (id: string) => positions.get(id)!;
        assert.ok(at('first').x >= at('samples').x + nodes.find(n => n.id === 'samples')!.width, 'first right of samples');
        assert.ok(at('second').x >= at('first').x + first.width, `second right of first: ${JSON.stringify([at('first'), at('second')])}`);
        assert.deepEqual([...loose], []);
    });
});
