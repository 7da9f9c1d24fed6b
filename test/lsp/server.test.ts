import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionList, Hover, LocationLink, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { FlowGraph } from '../../catalog/src/graph.js';
import { LspClient } from './lsp-client.js';

const root = resolve('examples');
const uriOf = (rel: string): string => pathToFileURL(resolve(root, rel)).toString();

describe('language server over stdio (flowstudio lsp --stdio)', function () {
    this.timeout(60000);
    let client: LspClient;

    before(async () => {
        client = new LspClient(process.cwd());
        const init = await client.initialize(pathToFileURL(root).toString()) as { capabilities: Record<string, unknown> };
        for (const cap of ['completionProvider', 'hoverProvider', 'definitionProvider', 'referencesProvider', 'renameProvider', 'documentFormattingProvider', 'codeActionProvider', 'codeLensProvider', 'documentSymbolProvider', 'foldingRangeProvider', 'semanticTokensProvider']) {
            assert.ok(init.capabilities[cap], `server announces ${cap}`);
        }
    });

    after(async () => {
        await client?.shutdown();
    });

    it('publishes no diagnostics for a clean example, across its import', async () => {
        const uri = uriOf('shapes-gan.flow');
        await client.open(uri, await readFile(resolve(root, 'shapes-gan.flow'), 'utf8'));
        const diagnostics = await client.waitForDiagnostics(uri);
        assert.deepEqual(diagnostics, []);
    });

    it('publishes coded diagnostics on the offending line and updates them on change', async () => {
        const uri = uriOf('digits-gan.flow');
        const text = await readFile(resolve(root, 'digits-gan.flow'), 'utf8');
        await client.open(uri, text);
        assert.deepEqual(await client.waitForDiagnostics(uri), []);
        const broken = text.replace('SampleGAN(generator: trained.generator', 'SampleGAN(generator: disc');
        await client.change(uri, broken, 2);
        const diagnostics = await client.waitForDiagnostics(uri, (d, v) => v === 2 || d.length > 0);
        const mismatch = diagnostics.find(d => d.code === 'type-mismatch');
        assert.ok(mismatch, JSON.stringify(diagnostics));
        assert.equal(mismatch.range.start.line, broken.split('\n').findIndex(l => l.includes('SampleGAN(generator: disc')));
        await client.change(uri, text, 3);
        assert.deepEqual(await client.waitForDiagnostics(uri, d => d.length === 0), []);
    });

    it('completes type-filtered references, hovers, goes to definition', async () => {
        const uri = uriOf('digits-gan.flow');
        const text = await readFile(resolve(root, 'digits-gan.flow'), 'utf8');
        const lines = text.split('\n');
        const line = lines.findIndex(l => l.includes('samples = SampleGAN'));
        const character = lines[line].indexOf('trained.generator');
        const edited = lines.map((l, i) => i === line ? l.replace('trained.generator', '') : l).join('\n');
        await client.change(uri, edited, 4);
        await client.waitForDiagnostics(uri, d => d.some(x => x.code === 'syntax-error'));
        const completion = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
        const labels = completion.items.map(i => i.label);
        assert.ok(labels.includes('gen') && labels.includes('trained.generator'), labels.join(','));
        assert.ok(!labels.includes('disc'));
        await client.change(uri, text, 5);
        await client.waitForDiagnostics(uri, d => d.length === 0);

        const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line, character: lines[line].indexOf('SampleGAN') + 2 } });
        assert.match((hover.contents as { value: string }).value, /SampleGAN/);

        const def = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri }, position: { line, character: character + 2 } });
        assert.equal(def[0].targetSelectionRange.start.line, lines.findIndex(l => l.includes('trained = TrainGAN')));
    });

    it('renames a node everywhere and formats without changing a canonical file', async () => {
        const uri = uriOf('digits-gan.flow');
        const text = await readFile(resolve(root, 'digits-gan.flow'), 'utf8');
        const lines = text.split('\n');
        const line = lines.findIndex(l => l.includes('samples = SampleGAN'));
        const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: { line, character: 6 }, newName: 'pictures' });
        const edits = edit.changes![uri];
        assert.equal(edits.length, 3);
        const formatting = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
        assert.deepEqual(formatting, []);
    });

    it('answers the graph request and announces graph changes', async () => {
        const uri = uriOf('digits-gan.flow');
        const graph = await client.request<FlowGraph>('flowstudio/graph', { uri });
        assert.equal(graph.workflows[0].name, 'DigitsGan');
        assert.ok(graph.workflows[0].nodes.some(n => n.type === 'TrainGAN'));
        await client.waitForNotification('flowstudio/graphChanged', p => (p as { uri: string }).uri === uri);
    });
});
