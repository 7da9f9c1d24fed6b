/**
 * Issue 11's reproducers, each against the real server over stdio (`flowstudio lsp --stdio`):
 * the server must answer, never die, hang or log an exception, and the file's problems must be
 * diagnostics with codes.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient } from './lsp-client.js';

describe('language server hardening (issue 11 reproducers)', function () {
    this.timeout(60_000);
    let client: LspClient;
    let root: string;
    let version = 1;
    const uriOf = (name: string) => pathToFileURL(join(root, name)).toString();

    /** Opens `text`, waits for its diagnostics, then edits it once more: the server must survive both. */
    async function openAndEdit(name: string, text: string): Promise<Diagnostic[]> {
        const uri = uriOf(name);
        await client.open(uri, text, version++);
        const first = await client.waitForDiagnostics(uri);
        const published = client.publications(uri);
        await client.change(uri, text + '\n', version++);
        await client.waitForNextDiagnostics(uri, published);
        assert.ok(!client.exited, 'the server is alive after the edit');
        return first;
    }

    function loggedErrors(): string[] {
        return client.notifications
            .filter(n => n.method === 'window/logMessage' && (n.params as { type: number }).type === 1)
            .map(n => (n.params as { message: string }).message);
    }

    before(async () => {
        root = mkdtempSync(join(tmpdir(), 'flow-hardening-'));
        writeFileSync(join(root, 'README.md'), '# not a flow file\n');
        client = new LspClient(process.cwd());
        await client.initialize(pathToFileURL(root).toString());
    });

    afterEach(() => {
        assert.deepEqual(loggedErrors(), [], 'the server logged no exception');
    });

    after(async () => {
        await client?.shutdown();
    });

    for (const depth of [200, 250, 5000]) {
        it(`1. nesting ${depth} brackets deep is a diagnostic, not a stack overflow`, async () => {
            const text = `workflow W {\n x = LoadMNIST(digits: ${'['.repeat(depth)}1${']'.repeat(depth)})\n}`;
            const diagnostics = await openAndEdit(`deep-${depth}.flow`, text);
            const nesting = diagnostics.find(d => /Nesting deeper than \d+ levels/.test(d.message));
            assert.ok(nesting, JSON.stringify(diagnostics));
            assert.equal(nesting.code, 'syntax-error');
            assert.equal(nesting.range.start.line, 1);
        });
    }

    it('1. brackets after an unterminated quote count as nesting too (the lexer drops the quote and reads them)', async () => {
        const text = `workflow W {\n x = LoadMNIST(limit: "${'['.repeat(5000)}\n}`;
        const diagnostics = await openAndEdit('deep-unterminated.flow', text);
        // The line's first error (the stray quote) is the one shown; the point is that the parser never sees 5,000 levels.
        assert.ok(diagnostics.some(d => d.code === 'syntax-error' && d.range.start.line === 1), JSON.stringify(diagnostics.slice(0, 3)));
        const symbols = await client.request('textDocument/prepareRename', { textDocument: { uri: uriOf('deep-unterminated.flow') }, position: { line: 1, character: 2 } });
        assert.ok(symbols !== undefined, 'the server still answers');
    });

    it('1. brackets after an unterminated /* comment count as nesting too (the lexer drops the slash and reads on)', async () => {
        const text = `/*workflow W0 {\n}\n\nworkflow W1 {\n    x = Normalize(l${'['.repeat(5000)}\n}`;
        const diagnostics = await openAndEdit('deep-unterminated-comment.flow', text);
        assert.ok(diagnostics.some(d => d.code === 'syntax-error'), JSON.stringify(diagnostics.slice(0, 3)));
        const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: uriOf('deep-unterminated-comment.flow') } });
        assert.ok(symbols !== undefined, 'the server still answers');
    });

    it('2. importing a file that is not a .flow file says so, and the next edit does not kill the server', async () => {
        const diagnostics = await openAndEdit('import-md.flow', 'import "README.md"\nworkflow W {\n x = LoadMNIST()\n}\n');
        const d = diagnostics.find(x => x.code === 'import-not-flow');
        assert.ok(d, JSON.stringify(diagnostics));
        assert.match(d.message, /'README\.md' is not a \.flow file/);
        assert.ok(!diagnostics.some(x => x.code === 'import-not-found'));
    });

    it('3. any string in an import is handled (a lone surrogate)', async () => {
        const diagnostics = await openAndEdit('import-surrogate.flow', 'import "\ud800"\nworkflow W {\n x = LoadMNIST()\n}\n');
        assert.ok(diagnostics.some(x => x.code === 'invalid-import' && /unpaired UTF-16 surrogate/.test(x.message)), JSON.stringify(diagnostics));
    });

    it('4. completion right after `n = ` answers node types', async () => {
        const uri = uriOf('complete.flow');
        await client.open(uri, 'workflow W {\n    a = LoadMNIST()\n    n = \n}\n', version++);
        await client.waitForDiagnostics(uri);
        const list = await client.request<{ items: Array<{ label: string }> }>('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 8 } });
        assert.ok(list.items.some(i => i.label === 'LoadMNIST'));
    });

    it('5. an unnamed subgraph does not break did-you-mean on an unknown node', async () => {
        const diagnostics = await openAndEdit('unnamed.flow', 'subgraph {\n}\nworkflow W {\n    x = Foo()\n}');
        assert.ok(diagnostics.some(d => d.code === 'unknown-node' && /'Foo'/.test(d.message)), JSON.stringify(diagnostics));
        assert.ok(!diagnostics.some(d => /An error occurred/.test(d.message)));
    });

    it('6. subgraphs using the previous one twice, 22 deep, check in linear time', async () => {
        const parts = ['subgraph D0 {\n    input d: DATASET\n    r = Resize(dataset: d, width: 8, height: 8)\n    output out: DATASET = r\n}\n'];
        for (let k = 1; k <= 22; k++) {
            parts.push(`subgraph D${k} {\n    input d: DATASET\n    a = D${k - 1}(d: d)\n    b = D${k - 1}(d: a.out)\n    output out: DATASET = b.out\n}\n`);
        }
        parts.push('workflow W {\n    m = LoadMNIST(limit: 8)\n    x = D22(d: m)\n    i = DatasetImages(dataset: x.out)\n    SaveImages(images: i, prefix: "x")\n}\n');
        const started = Date.now();
        const diagnostics = await openAndEdit('doubling.flow', parts.join(''));
        assert.deepEqual(diagnostics, []);
        // 2^22 paths took 21.6 s before; linear work is well under a second even on a loaded machine.
        assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
    });

    describe('7. answers are for the text just sent', () => {
        const THREE = 'workflow W {\n    a = LoadMNIST()\n    b = LoadMNIST()\n    c = LoadMNIST()\n}\n';
        const ONE = 'workflow W {\n    a = LoadMNIST()\n}\n';
        const requests: Array<[string, (uri: string) => unknown, (answer: unknown) => boolean]> = [
            ['textDocument/documentSymbol', uri => ({ textDocument: { uri } }), a => !JSON.stringify(a).includes('"b"')],
            ['textDocument/foldingRange', uri => ({ textDocument: { uri } }), a => (a as Array<{ endLine: number }>).every(r => r.endLine <= 2)],
            ['textDocument/semanticTokens/full', uri => ({ textDocument: { uri } }), a => (a as { data: number[] }).data.length > 0],
            ['flowstudio/graph', uri => ({ uri }), a => (a as { workflows: Array<{ nodes: unknown[] }> }).workflows[0].nodes.length === 1],
            ['textDocument/hover', uri => ({ textDocument: { uri }, position: { line: 1, character: 10 } }), a => a !== null],
            ['textDocument/completion', uri => ({ textDocument: { uri }, position: { line: 1, character: 8 } }), a => a !== null],
            ['textDocument/codeLens', uri => ({ textDocument: { uri } }), a => Array.isArray(a)],
        ];
        for (const [method, params, fresh] of requests) {
            it(`${method} right after didOpen, and right after a watched-file change and an edit`, async () => {
                for (let i = 0; i < 3; i++) {
                    const uri = uriOf(`fresh-${method.replace(/\W/g, '-')}-${i}.flow`);
                    void client.open(uri, ONE, 1);
                    assert.ok(fresh(await client.request(method, params(uri))), `${method} right after didOpen`);
                    void client.change(uri, THREE, 2);
                    await client.request(method, params(uri));
                    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('other.flow'), type: 1 }, { uri: uriOf('out.png'), type: 1 }] });
                    void client.change(uri, ONE, 3);
                    const answer = await client.request(method, params(uri));
                    assert.ok(fresh(answer), `${method} answered for the previous text: ${JSON.stringify(answer).slice(0, 300)}`);
                }
            });
        }

        it('a file reported changed twice in one watched-files notification (VS Code does, on save) leaves no request waiting', async () => {
            const uri = uriOf('saved-twice.flow');
            await client.open(uri, ONE, 1);
            await client.waitForDiagnostics(uri);
            void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }, { uri, type: 2 }] });
            const answered = await Promise.race([
                client.request('flowstudio/graph', { uri }).then(() => true),
                new Promise<boolean>(resolve => setTimeout(() => resolve(false), 10_000)),
            ]);
            assert.ok(answered, 'the graph request answered (it waited forever for a second update that never came)');
        });

        it('watches only what the language reads (.flow files, node packs, checkpoints, the saved ComfyUI node list), not every file of the workspace', () => {
            const watchers = client.registrations.filter(r => r.method === 'workspace/didChangeWatchedFiles')
                .flatMap(r => (r.registerOptions as { watchers: Array<{ globPattern: string }> }).watchers.map(w => w.globPattern));
            assert.deepEqual(watchers, ['**/*.flow', '**/.flowstudio/nodes/*.{js,mjs,ts}', '**/*.safetensors', '**/.flowstudio/comfyui/object_info.json']);
        });
    });

    it('8. formatting keeps CRLF line endings and settles: a second format changes nothing', async () => {
        const uri = uriOf('crlf.flow');
        let text = 'workflow W {\r\n  x = LoadMNIST( limit: 5 )\r\n  /* two\r\n  lines */\r\n  y = Resize(dataset: x,width: 8, height: 8)\r\n}\r\n';
        await client.open(uri, text, 1);
        const options = { tabSize: 4, insertSpaces: true };
        const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options });
        assert.ok(edits.length > 0);
        text = applyEdits(text, edits);
        assert.ok(!/[^\r]\n/.test(text), `every line ends in CRLF: ${JSON.stringify(text)}`);
        await client.change(uri, text, 2);
        assert.deepEqual(await client.request('textDocument/formatting', { textDocument: { uri }, options }), []);
    });
});

/** Applies LSP edits (non-overlapping) to `text`. */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
    const offset = (p: { line: number; character: number }) => lineStarts[p.line] + p.character;
    return [...edits]
        .sort((a, b) => offset(b.range.start) - offset(a.range.start))
        .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}
