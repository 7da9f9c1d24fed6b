import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { OPEN_GAN_WORKFLOW as BASE, parse, parseAtCursor, services } from '../../helpers/language.js';

async function complete(textWithCursor: string): Promise<CompletionItem[]> {
    const { document, at } = await parseAtCursor(textWithCursor);
    const list = await services().lsp.CompletionProvider!.getCompletion(document, at);
    return list?.items ?? [];
}

const labels = (items: CompletionItem[]): string[] => items.map(i => i.label);

function applyEdits(text: string, edits: TextEdit[]): string {
    return TextDocument.applyEdits(TextDocument.create('file:///x.flow', 'flow', 1, text), edits);
}

describe('completion', () => {
    it('offers node types with a snippet of required arguments', async () => {
        const items = await complete(BASE + '    x = Res<|>\n}\n');
        const resize = items.find(i => i.label === 'Resize')!;
        assert.ok(resize, 'Resize offered');
        assert.equal((resize.textEdit as TextEdit).newText, 'Resize(dataset: ${1}, width: ${2}, height: ${3})$0');
        assert.ok(labels(items).includes('TrainGAN'));
        assert.match(JSON.stringify(resize.documentation), /Resizes every image/);
    });

    it('offers argument names not yet given', async () => {
        const items = await complete(BASE + '    x = TrainGAN(generator: gen, <|>)\n}\n');
        const names = labels(items);
        assert.ok(!names.includes('generator'));
        for (const n of ['discriminator', 'dataset', 'epochs', 'batchSize', 'learningRate']) assert.ok(names.includes(n), n);
    });

    it('at an input offers only references whose type fits', async () => {
        const names = labels(await complete(BASE + '    s = SampleGAN(generator: <|>)\n}\n'));
        assert.ok(names.includes('gen'));
        assert.ok(names.includes('trained.generator'));
        assert.ok(!names.includes('disc'));
        assert.ok(!names.includes('trained.discriminator'));
        assert.ok(!names.includes('digits'));
        assert.ok(!names.includes('LoadMNIST'));
    });

    it('after node. offers its outputs of the fitting type', async () => {
        const names = labels(await complete(BASE + '    s = SampleGAN(generator: trained.<|>)\n}\n'));
        assert.deepEqual(names, ['generator']);
    });

    it('offers choices inside strings', async () => {
        const items = await complete(BASE + '    r = Resize(dataset: norm, width: 4, height: 4, mode: "<|>")\n}\n');
        assert.deepEqual(labels(items), ['bilinear', 'nearest']);
    });

    it('offers quoted choices and numeric choices as values', async () => {
        assert.deepEqual(labels(await complete(BASE + '    g = DCGANGenerator(imageSize: <|>)\n}\n')), ['28', '32', '64']);
    });

    it('offers subgraphs as node types and subgraph inputs at fitting parameters', async () => {
        const sub = `subgraph Twice {\n    input images: IMAGE\n    input factor: INT = 2\n    up = Upscale(images: images, factor: <|>)\n    output result: IMAGE = up\n}\n`;
        assert.ok(labels(await complete(sub)).includes('factor'));
        assert.ok(!labels(await complete(sub)).includes('images'));
        const names = labels(await complete(sub.replace('<|>', '') + BASE + '    t = Tw<|>\n}\n'));
        assert.ok(names.includes('Twice'));
    });
});

describe('completion of declarations', () => {
    it('offers port types after input/output names', async () => {
        assert.deepEqual(labels(await complete('subgraph S {\n    input x: <|>\n}\n')), ['CLIP', 'CONDITIONING', 'DATASET', 'DISCRIMINATOR', 'GENERATOR', 'IMAGE', 'LATENT', 'MODEL', 'VAE', 'INT', 'FLOAT', 'STRING', 'BOOLEAN']);
        assert.deepEqual(labels(await complete('subgraph S {\n    output y: I<|>\n}\n')), ['CLIP', 'CONDITIONING', 'DATASET', 'DISCRIMINATOR', 'GENERATOR', 'IMAGE', 'LATENT', 'MODEL', 'VAE']);
    });

    it('offers .flow files and folders in import paths', async () => {
        const { loadFlowFile } = await import('../../../server/src/api.js');
        const { flowServices } = await import('../../../server/src/api.js');
        await loadFlowFile('test/fixtures/imports/main.flow');
        const { URI } = await import('vscode-uri');
        const { resolve } = await import('node:path');
        const uri = URI.file(resolve('test/fixtures/imports/main.flow'));
        const document = flowServices().shared.workspace.LangiumDocuments.getDocument(uri)!;
        const text = document.textDocument.getText();
        const position = document.textDocument.positionAt(text.indexOf('lib/') + 4);
        const list = await services().lsp.CompletionProvider!.getCompletion(document, { textDocument: { uri: uri.toString() }, position });
        assert.deepEqual(labels(list!.items).sort(), ['blocks.flow', 'broken.flow']);
        const top = await services().lsp.CompletionProvider!.getCompletion(document, { textDocument: { uri: uri.toString() }, position: document.textDocument.positionAt(text.indexOf('lib/')) });
        assert.deepEqual(labels(top!.items).sort(), ['broken-import.flow', 'lib/']);
    });

    it('offers keywords at the top level', async () => {
        assert.deepEqual(labels(await complete('<|>')), ['workflow', 'subgraph', 'import']);
    });
});

describe('hover', () => {
    async function hover(textWithCursor: string): Promise<string> {
        const { document, at } = await parseAtCursor(textWithCursor);
        const result = await services().lsp.HoverProvider!.getHoverContent(document, at);
        return result ? (result.contents as { value: string }).value : '';
    }

    it('shows node docs on the type', async () => {
        const text = await hover(BASE.replace('LoadMNIST(', 'Load<|>MNIST(') + '}\n');
        assert.match(text, /\*\*LoadMNIST\*\*/);
        assert.match(text, /limit/);
        assert.match(text, /DATASET/);
    });

    it('shows type, range and default of an argument', async () => {
        const text = await hover(BASE.replace('limit: 100', 'lim<|>it: 100') + '}\n');
        assert.match(text, /INT/);
        assert.match(text, /1\.\.10000/);
        assert.match(text, /default 10000/);
    });

    it('shows what a reference points at', async () => {
        const text = await hover(BASE.replace('generator: trained.generator', 'generator: trained.gen<|>erator') + '}\n');
        assert.match(text, /GENERATOR/);
        assert.match(text, /TrainGAN/);
    });

    it('describes a port type from its wire-type file', async () => {
        const text = await hover('subgraph S {\n    input d: DATA<|>SET\n    output o: DATASET = d\n}\n');
        assert.match(text, /\*\*DATASET\*\* — Images with a class label each/);
    });

    it('shows doc comments of workflows', async () => {
        const text = await hover('/** Makes digits. */\n' + BASE.replace('workflow W', 'workflow <|>W') + '}\n');
        assert.match(text, /Makes digits/);
    });
});

describe('navigation and rename', () => {
    it('goes to the definition of a referenced node', async () => {
        const { document, at } = await parseAtCursor(BASE.replace('dataset: digits', 'dataset: dig<|>its') + '}\n');
        const links = await services().lsp.DefinitionProvider!.getDefinition(document, at);
        assert.equal(links?.[0].targetSelectionRange.start.line, 1);
        assert.equal(links?.[0].targetSelectionRange.start.character, 4);
    });

    it('goes from a node type to its subgraph definition', async () => {
        const source = 'subgraph Twice {\n    input images: IMAGE\n    up = Upscale(images: images)\n    output result: IMAGE = up\n}\n' + BASE + '    t = Tw<|>ice(images: samples)\n    SaveImages(images: t)\n}\n';
        const { document, at } = await parseAtCursor(source);
        const links = await services().lsp.DefinitionProvider!.getDefinition(document, at);
        assert.equal(links?.[0].targetSelectionRange.start.line, 0);
    });

    it('finds references of a node', async () => {
        const { document, at } = await parseAtCursor(BASE.replace('gen = DCGAN', 'g<|>en = DCGAN') + '    again = SampleGAN(generator: gen)\n    SaveImages(images: again)\n}\n');
        const refs = await services().lsp.ReferencesProvider!.findReferences(document, { ...at, context: { includeDeclaration: false } });
        assert.deepEqual(refs.map(r => r.range.start.line).sort(), [5, 8]);
    });

    it('renames a node and all its references', async () => {
        const { text, document, at } = await parseAtCursor(BASE.replace('trained = TrainGAN', 'tra<|>ined = TrainGAN') + '}\n');
        const edit = await services().lsp.RenameProvider!.rename(document, { ...at, newName: 'model' }) as WorkspaceEdit;
        const after = applyEdits(text, edit.changes![document.uri.toString()]);
        assert.match(after, /model = TrainGAN/);
        assert.match(after, /generator: model\.generator/);
        assert.doesNotMatch(after, /trained/);
        const { loaded } = await parse(after);
        assert.deepEqual(loaded.diagnostics, []);
    });
});

describe('formatting', () => {
    async function format(text: string): Promise<string> {
        const { document } = await parse(text);
        const edits = await services().lsp.Formatter!.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: { tabSize: 4, insertSpaces: true } });
        return applyEdits(text, edits);
    }

    it('produces the canonical layout and keeps comments', async () => {
        const messy = 'import "a.flow"\n/** doc */\nworkflow   W{\n  a=LoadMNIST( limit:5 ,)   // keep me\n\n\n\n  b = Normalize(dataset:a,\n     low: -1, high:1)\n  SaveImages(images:DatasetImages(dataset: b))\n}\nsubgraph S { input x: INT = 2 input y: IMAGE\n output o: IMAGE = y }';
        const expected = 'import "a.flow"\n\n/** doc */\nworkflow W {\n    a = LoadMNIST(limit: 5)   // keep me\n\n    b = Normalize(\n        dataset: a,\n        low: -1, high: 1,\n    )\n    SaveImages(images: DatasetImages(dataset: b))\n}\n\nsubgraph S {\n    input x: INT = 2\n    input y: IMAGE\n    output o: IMAGE = y\n}\n';
        // The nested call is a syntax error: the formatter leaves broken files alone.
        assert.equal(await format(messy), messy);
        const valid = messy.replace('DatasetImages(dataset: b)', 'b');
        assert.equal(await format(valid), expected.replace('DatasetImages(dataset: b)', 'b'));
    });

    it('keeps a workflow\'s engine clause on its header line', async () => {
        const text = 'workflow   W   on   comfyui{\n  a = EmptyImage(width:8)\n  }\n';
        assert.equal(await format(text), 'workflow W on comfyui {\n    a = EmptyImage(width: 8)\n}\n');
    });

    it('is idempotent on the examples and the language sample', async () => {
        const { readFile } = await import('node:fs/promises');
        for (const file of ['examples/digits-gan.flow', 'examples/shapes-gan.flow', 'examples/lib/blocks.flow', 'examples/quickstart.flow']) {
            const text = await readFile(file, 'utf8');
            assert.equal(await format(text), text, file);
        }
        const sample = `// line comment   /* block comment */
import "lib/blocks.flow"              // imported

/** Doc comment: shown on hover. */
workflow DigitsGan {
    trained = TrainGAN(
        generator: gen, discriminator: disc, dataset: norm,
        epochs: 1, batchSize: 32, learningRate: 2e-4,    // numbers
    )                                                    // trailing commas allowed
    SaveImages(images: samples, prefix: "digits")        // anonymous node
}
`;
        assert.equal(await format(sample), sample);
        const reindented = sample.replace(/^ +/gm, m => ' '.repeat(m.length / 2));
        const once = await format(reindented);
        assert.equal(await format(once), once);
        assert.equal(once.replace(/ +\/\/.*$/gm, ''), sample.replace(/ +\/\/.*$/gm, ''), 'only comment spacing may differ');
    });
});

describe('quick fixes', () => {
    async function fixes(source: string, code: string): Promise<{ titles: string[]; apply: (i: number) => string }> {
        const { document, loaded } = await parse(source);
        const diagnostic = loaded.diagnostics.find(d => d.code === code)!;
        assert.ok(diagnostic, `no ${code} diagnostic`);
        const lspDiag = document.diagnostics!.find(d => d.code === code)!;
        const actions = (await services().lsp.CodeActionProvider!.getCodeActions(document, { textDocument: { uri: document.uri.toString() }, range: lspDiag.range, context: { diagnostics: [lspDiag] } })) ?? [];
        return {
            titles: actions.map(a => a.title),
            apply: (i: number) => applyEdits(source, (actions[i] as { edit: WorkspaceEdit }).edit.changes![document.uri.toString()]),
        };
    }

    it('did you mean: unknown node type', async () => {
        const fix = await fixes(BASE.replace('LoadMNIST(', 'LoadMnist(') + '}\n', 'unknown-node');
        assert.equal(fix.titles[0], "Change to 'LoadMNIST'");
        assert.equal(fix.apply(0), BASE + '}\n');
    });

    it('did you mean: invalid choice', async () => {
        const src = BASE + '    r = Resize(dataset: norm, width: 4, height: 4, mode: "neares")\n    SaveImages(images: DatasetImages(dataset: r))\n}\n';
        const fixed = src.replace('"neares"', '"nearest"');
        const fix = await fixes(src.replace('    SaveImages(images: DatasetImages(dataset: r))\n', ''), 'invalid-choice');
        assert.equal(fix.apply(0), fixed.replace('    SaveImages(images: DatasetImages(dataset: r))\n', ''));
    });

    it('adds missing required inputs with fitting references', async () => {
        const src = BASE.replace('trained = TrainGAN(generator: gen, discriminator: disc, dataset: norm)', 'trained = TrainGAN(generator: gen)') + '}\n';
        const fix = await fixes(src, 'missing-input');
        const after = fix.apply(0);
        assert.match(after, /TrainGAN\(generator: gen, discriminator: disc, dataset: norm\)/);
        const { loaded } = await parse(after);
        assert.deepEqual(loaded.diagnostics.filter(d => d.severity === 'error'), []);
    });

    it('adds missing arguments to a multi-line call', async () => {
        const src = BASE + '    r = Resize(\n        dataset: norm,\n    )\n    SaveImages(images: DatasetImages(dataset: r))\n}\n';
        const { loaded: before } = await parse(src.replace('    SaveImages(images: DatasetImages(dataset: r))\n', ''));
        assert.ok(before.diagnostics.some(d => d.code === 'missing-input'));
        const fix = await fixes(src.replace('    SaveImages(images: DatasetImages(dataset: r))\n', ''), 'missing-input');
        const after = fix.apply(0);
        assert.match(after, /r = Resize\(\n {8}dataset: norm,\n {8}width: 1,\n {8}height: 1,\n {4}\)/);
    });

    it('adds missing arguments with the file\'s own line breaks (CRLF)', async () => {
        const src = (BASE + '    r = Resize(\n        dataset: norm,\n    )\n}\n').replace(/\n/g, '\r\n');
        const after = (await fixes(src, 'missing-input')).apply(0);
        assert.match(after, /r = Resize\(\r\n {8}dataset: norm,\r\n {8}width: 1,\r\n {8}height: 1,\r\n {4}\)/);
        assert.doesNotMatch(after, /[^\r]\n/, 'no bare LF');
    });

    it('makes a discriminator match its generator (or the other way round)', async () => {
        const src = `workflow W {
    digits = LoadMNIST(limit: 100)
    norm = Normalize(dataset: digits)
    gen = DCGANGenerator(latentDim: 8, imageSize: 28, channels: 1, classes: 10)
    disc = DCGANDiscriminator(imageSize: 32, channels: 1)
    trained = TrainGAN(generator: gen, discriminator: disc, dataset: norm)
    samples = SampleGAN(generator: trained.generator)
    SaveImages(images: samples)
}
`;
        const fix = await fixes(src, 'model-mismatch');
        assert.deepEqual(fix.titles, ["Make 'disc' match the generator: imageSize: 28, classes: 10", "Make 'gen' match the discriminator: imageSize: 32, classes: 0"]);
        const matched = fix.apply(0);
        assert.match(matched, /    disc = DCGANDiscriminator\(imageSize: 28, channels: 1, classes: 10\)\n/);
        const { loaded } = await parse(matched);
        assert.deepEqual(loaded.diagnostics, []);
        assert.match(fix.apply(1), /    gen = DCGANGenerator\(latentDim: 8, imageSize: 32, channels: 1, classes: 0\)\n/);
    });

    it('removes an unused node with its line', async () => {
        const src = BASE + '    extra = Upscale(images: samples)\n}\n';
        const fix = await fixes(src, 'unused-node');
        assert.equal(fix.apply(0), BASE + '}\n');
    });
});

describe('outline, folding, code lens, semantic tokens', () => {
    it('lists workflows, subgraphs and nodes', async () => {
        const { document } = await parse('subgraph S {\n    input a: IMAGE\n    output o: IMAGE = a\n}\n' + BASE + '}\n');
        const symbols = await services().lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: { uri: document.uri.toString() } });
        assert.deepEqual(symbols.map(s => s.name), ['S', 'W']);
        assert.deepEqual(symbols[1].children!.map(c => c.name), ['digits', 'norm', 'gen', 'disc', 'trained', 'samples', 'SaveImages']);
    });

    it('folds workflows and multi-line calls', async () => {
        const { document } = await parse(BASE + '    x = Upscale(\n        images: samples,\n    )\n    SaveImages(images: x)\n}\n');
        const ranges = await services().lsp.FoldingRangeProvider!.getFoldingRanges(document, { textDocument: { uri: document.uri.toString() } });
        const starts = ranges.map(r => r.startLine);
        assert.ok(starts.includes(0));
        assert.ok(starts.includes(8));
    });

    it('puts Run and Open Graph lenses above each workflow', async () => {
        const { document } = await parse(BASE + '}\nworkflow Other {\n    SaveImages(images: DatasetImages(dataset: SyntheticShapes()))\n}\n');
        const lenses = await services().lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri: document.uri.toString() } });
        assert.deepEqual(lenses!.map(l => [l.range.start.line, l.command!.command]), [
            [0, 'flowstudio.runWorkflow'], [0, 'flowstudio.openGraphToSide'], [9, 'flowstudio.runWorkflow'], [9, 'flowstudio.openGraphToSide'],
        ]);
    });

    it('produces semantic tokens', async () => {
        const { document } = await parse(BASE + '}\n');
        const tokens = await services().lsp.SemanticTokenProvider!.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } });
        assert.ok(tokens.data.length > 5 * 20);
    });
});
