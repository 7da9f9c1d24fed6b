import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { NODE_SCHEMAS } from '../../../catalog/src/index.js';
import { loadFlowFile } from '../../../server/src/api.js';
import { buildViewBody, modelContext } from '../../../webview/src/graph/view-model.js';
import { placeNew } from '../../../webview/src/graph/place-new.js';
import { exampleUpdate } from './fixtures.js';
import { REPO } from './harness.js';

describe('graph webview: view model and placement', () => {
    it('gives samplers room for their previews, not the prompts or loaders around them', async () => {
        const { graph, imported } = await exampleUpdate('txt2img.flow');
        const body = buildViewBody(graph, 'Txt2Img', modelContext(graph, NODE_SCHEMAS, imported))!;
        const thumbs = Object.fromEntries(body.nodes.map(n => [n.id, n.thumbnail]));
        assert.equal(thumbs.sampled, true, 'KSampler previews its denoised estimate');
        assert.equal(thumbs.positive, false);
        assert.equal(thumbs.ckpt, false);
        assert.equal(thumbs.latent, false, 'an empty latent has nothing to preview');
    });

    it('turns a body into slots, widget rows (written, defaulted, wired) and wires', async () => {
        const { graph, imported } = await exampleUpdate('shapes-gan.flow');
        const body = buildViewBody(graph, 'ShapesGan', modelContext(graph, NODE_SCHEMAS, imported))!;
        const trained = body.nodes.find(n => n.id === 'trained')!;
        assert.deepEqual(trained.inputs.filter(p => !p.widget).map(p => `${p.name}:${p.type}`), ['generator:GENERATOR', 'discriminator:DISCRIMINATOR', 'dataset:DATASET']);
        const widgets = Object.fromEntries(trained.inputs.filter(p => p.widget).map(p => [p.name, p.widget!]));
        const written = Number(/TrainGAN\([^)]*epochs: (\d+)/s.exec(readFileSync('examples/shapes-gan.flow', 'utf8'))![1]);
        assert.equal(widgets.epochs.value, written);
        assert.equal(widgets.epochs.defaulted, false);
        assert.equal(widgets.beta1.value, 0.5);
        assert.equal(widgets.beta1.defaulted, true);
        assert.equal(widgets.maxSteps.value, undefined);
        assert.ok(trained.thumbnail && trained.metrics, 'training previews and losses have room');
        // Ports are evenly spaced rows; widget rows follow the slot rows.
        assert.deepEqual(trained.inputs.slice(0, 4).map(p => p.y), [48, 72, 96, 120]);
        // A subgraph instance shows its scalar inputs as widgets, from the imported definition.
        const sheet = body.nodes.find(n => n.id === 'sheet')!;
        assert.equal(sheet.subgraph?.name, 'ContactSheet');
        assert.deepEqual(sheet.inputs.map(p => [p.name, p.widget?.value]), [['images', undefined], ['columns', 6], ['factor', 2]]);
        assert.equal(body.edges.length, graph.workflows[0].edges.length);
    });

    it('attaches diagnostics to their node, others stay with the body', async () => {
        const loaded = await loadFlowFile(join(REPO, 'examples/quickstart.flow'));
        const graph = structuredClone(loaded.graph);
        const norm = graph.workflows[0].nodes.find(n => n.id === 'norm')!;
        graph.diagnostics.push(
            { severity: 'error', message: 'inside norm', uri: graph.uri, range: norm.argRanges.dataset ?? norm.range },
            { severity: 'warning', message: 'about the workflow', uri: graph.uri, range: { start: graph.workflows[0].range.start, end: graph.workflows[0].range.start } },
        );
        const body = buildViewBody(graph, 'Quickstart', modelContext(graph, NODE_SCHEMAS))!;
        assert.deepEqual(body.nodes.find(n => n.id === 'norm')!.diagnostics.map(d => d.message), ['inside norm']);
        assert.deepEqual(body.diagnostics.map(d => d.message), ['about the workflow']);
    });

    it('places a new node right of its source without overlapping, keeping the others', async () => {
        const { graph } = await exampleUpdate('digits-gan.flow');
        const body = buildViewBody(graph, 'DigitsGan', modelContext(graph, NODE_SCHEMAS))!;
        const positions = new Map(body.nodes.map((n, i) => [n.id, { x: (i % 4) * 300, y: Math.floor(i / 4) * 400 }]));
        const before = new Map(positions);
        const extra = { ...body.nodes.find(n => n.id === 'grid')!, id: 'grid2' };
        const nodes = [...body.nodes, extra];
        const edges = [...body.edges, { id: 'x', from: { node: 'samples', output: 'images' }, to: { node: 'grid2', input: 'images' }, type: 'IMAGE' as const }];
        placeNew(nodes, edges, positions);
        for (const [id, p] of before) assert.deepEqual(positions.get(id), p);
        const at = positions.get('grid2')!;
        const samples = before.get('samples')!;
        assert.ok(at.x >= samples.x + 240, 'right of its source');
        for (const n of body.nodes) {
            const p = positions.get(n.id)!;
            const overlap = at.x < p.x + n.width && p.x < at.x + extra.width && at.y < p.y + n.height && p.y < at.y + extra.height;
            assert.ok(!overlap, `overlaps ${n.id}`);
        }
    });
});
