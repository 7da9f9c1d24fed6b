import assert from 'node:assert/strict';
import { writeFile, mkdtemp, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFlowFile } from '../../../server/src/api.js';
import { parse } from '../../helpers/language.js';

describe('imports and subgraphs', () => {
    it('resolves subgraphs from imported files, nested subgraphs included', async () => {
        const loaded = await loadFlowFile('test/fixtures/imports/main.flow');
        assert.deepEqual(loaded.diagnostics, []);
        const main = loaded.graph.workflows[0];
        const big = main.nodes.find(n => n.id === 'big')!;
        assert.equal(big.category, 'subgraph');
        assert.match(big.subgraph!.uri, /lib\/blocks\.flow$/);
        assert.deepEqual(big.outputs, [{ name: 'result', type: 'IMAGE' }]);
        const blocks = await loadFlowFile('test/fixtures/imports/lib/blocks.flow');
        assert.deepEqual(blocks.graph.subgraphs.map(s => s.doc), ['Enlarges images by a factor.', 'Two Twice in a row.']);
        const examples = await loadFlowFile('examples/lib/blocks.flow');
        assert.equal(examples.graph.subgraphs[0].doc, 'Tiles images into a grid and enlarges it.');
    });

    it('flattens subgraph instances into builtin nodes with resolved arguments', async () => {
        const exec = (await loadFlowFile('test/fixtures/imports/main.flow')).exec();
        assert.equal(exec.workflow, 'Main');
        const byId = new Map(exec.nodes.map(n => [n.id, n]));
        assert.deepEqual([...byId.keys()], ['shapes', 'images', 'big/up', 'nested/first/up', 'nested/second/up', 'SaveImages#1', 'SaveImages#2']);
        assert.deepEqual(byId.get('big/up')!.params, { factor: 3, mode: 'nearest' });
        assert.deepEqual(byId.get('big/up')!.wires, { images: { node: 'images', output: 'images' } });
        assert.deepEqual(byId.get('nested/second/up')!.wires, { images: { node: 'nested/first/up', output: 'images' } });
        assert.deepEqual(byId.get('nested/first/up')!.params.factor, 2);
        assert.deepEqual(byId.get('SaveImages#1')!.wires, { images: { node: 'big/up', output: 'images' } });
        assert.deepEqual(byId.get('SaveImages#2')!.wires, { images: { node: 'nested/second/up', output: 'images' } });
        assert.equal(byId.get('SaveImages#1')!.isOutput, true);
        // Errors inside an inlined node point at the instance in the run file.
        assert.equal(byId.get('big/up')!.range.start.line, 5);
        assert.deepEqual(byId.get('shapes')!.params, { count: 8, size: 8, seed: 0 });
    });

    it('reports errors of imported files at the import', async () => {
        const loaded = await loadFlowFile('test/fixtures/imports/broken-import.flow');
        const d = loaded.diagnostics.find(d => d.severity === 'error')!;
        assert.equal(d.range.start.line, 0);
        assert.match(d.message, /imported file 'lib\/broken\.flow'.*factor.*1\.\.8/);
        assert.throws(() => loaded.exec(), /fix the errors before running/);
    });

    it('sees changes of files on disk between loads', async () => {
        const dir = await mkdtemp(join(tmpdir(), 'flow-'));
        await mkdir(join(dir, 'lib'));
        await writeFile(join(dir, 'lib', 'b.flow'), 'subgraph S {\n    input x: IMAGE\n    output o: IMAGE = x\n}\n');
        await writeFile(join(dir, 'a.flow'), 'import "lib/b.flow"\nworkflow W {\n    i = DatasetImages(dataset: SyntheticShapes())\n}\n');
        await writeFile(join(dir, 'a.flow'), 'import "lib/b.flow"\nworkflow W {\n    d = SyntheticShapes()\n    i = DatasetImages(dataset: d)\n    s = S(x: i)\n    SaveImages(images: s)\n}\n');
        assert.deepEqual((await loadFlowFile(join(dir, 'a.flow'))).diagnostics, []);
        await writeFile(join(dir, 'lib', 'b.flow'), 'subgraph S {\n    input y: IMAGE\n    output o: IMAGE = y\n}\n');
        const after = await loadFlowFile(join(dir, 'a.flow'));
        assert.deepEqual(after.diagnostics.map(d => d.code).sort(), ['missing-input', 'unknown-argument']);
    });
});

describe('resolved graph', () => {
    it('has nodes with ports, arguments with defaults, edges and source ranges', async () => {
        const { loaded } = await parse(`workflow W {
    digits = LoadMNIST(limit: 100)
    gen = DCGANGenerator(imageSize: 28, channels: 1)
    disc = DCGANDiscriminator(imageSize: 28, channels: 1)
    trained = TrainGAN(generator: gen, discriminator: disc, dataset: digits)
    SaveImages(images: SampleGAN(generator: trained.generator))
}
`.replace('    SaveImages(images: SampleGAN(generator: trained.generator))', '    s = SampleGAN(generator: trained.generator, seed: 3)\n    SaveImages(images: s)'));
        assert.deepEqual(loaded.diagnostics, []);
        const wf = loaded.graph.workflows[0];
        assert.deepEqual(wf.nodes.map(n => n.id), ['digits', 'gen', 'disc', 'trained', 's', 'SaveImages#1']);
        const trained = wf.nodes.find(n => n.id === 'trained')!;
        assert.deepEqual(trained.inputs.map(i => `${i.name}:${i.type}`), ['generator:GENERATOR', 'discriminator:DISCRIMINATOR', 'dataset:DATASET']);
        assert.deepEqual(trained.args.generator, { kind: 'wire', node: 'gen', output: 'generator', type: 'GENERATOR' });
        assert.deepEqual(trained.args.epochs, { kind: 'literal', value: 1, defaulted: true });
        assert.equal(trained.range.start.line, 4);
        assert.deepEqual(trained.nameRange, { start: { line: 4, character: 4 }, end: { line: 4, character: 11 } });
        assert.deepEqual(trained.typeRange.start, { line: 4, character: 14 });
        assert.deepEqual(wf.edges.find(e => e.to.node === 's'), { from: { node: 'trained', output: 'generator' }, to: { node: 's', input: 'generator' }, type: 'GENERATOR' });
        assert.equal(wf.edges.length, 5);
        assert.equal(wf.nodes.find(n => n.id === 'SaveImages#1')!.isOutput, true);
        assert.deepEqual(wf.nodes.find(n => n.id === 's')!.argRanges.seed, { start: { line: 5, character: 48 }, end: { line: 5, character: 55 } });
    });
});
