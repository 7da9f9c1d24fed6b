/**
 * Workspace node packs in the real language server (`flowstudio lsp --stdio`): loaded only when
 * the client says the workspace is trusted (at start, or later by notification), then validated,
 * completed and hovered like built-in nodes; reloaded when a pack file changes; a broken pack is a
 * diagnostic naming the file.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { CompletionList, Hover } from 'vscode-languageserver-protocol';
import { masksFlow, packWorkspace } from '../helpers/pack-workspace.js';
import { LspClient } from './lsp-client.js';

const FLOW = masksFlow('m');

function workspace(ext: 'mjs' | 'ts' = 'mjs'): { dir: string; pack: string; flowUri: string } {
    const { dir, file, pack } = packWorkspace(FLOW, ext);
    return { dir, pack, flowUri: pathToFileURL(file).toString() };
}

const errors = (d: Array<{ severity?: number }>) => d.filter(x => x.severity === 1);

describe('workspace node packs in the language server', function () {
    this.timeout(60_000);
    let client: LspClient | undefined;
    afterEach(async () => { await client?.shutdown(); client = undefined; });

    it('a trusted workspace\'s pack nodes validate, complete and hover; editing the pack reloads them', async () => {
        const { dir, pack, flowUri } = workspace();
        client = new LspClient(process.cwd());
        await client.initialize(pathToFileURL(dir).toString(), { workspaceTrusted: true });
        await client.open(flowUri, FLOW);
        await client.waitForDiagnostics(flowUri, d => errors(d).length === 0);

        const completion = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: flowUri }, position: { line: 4, character: 4 } });
        assert.ok(completion.items.some(i => i.label === 'ImageToMask'));
        const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: flowUri }, position: { line: 3, character: 14 } });
        assert.match(JSON.stringify(hover.contents), /One channel of each image as a mask/);

        fs.writeFileSync(pack, fs.readFileSync(pack, 'utf8').replace("name: 'ImageToMask'", "name: 'ChannelMask'"));
        await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(pack).toString(), type: 2 }] });
        const after = await client.waitForDiagnostics(flowUri, d => errors(d).some(x => (x as { code?: string }).code === 'unknown-node'));
        assert.match(JSON.stringify(after), /Unknown node type 'ImageToMask'/);
        const renamed = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: flowUri }, position: { line: 4, character: 4 } });
        assert.ok(renamed.items.some(i => i.label === 'ChannelMask'), 'the edited pack is what the server knows now');
    });

    it('an untrusted workspace does not load the pack and says why; trusting it loads the pack', async () => {
        const { dir, flowUri } = workspace();
        client = new LspClient(process.cwd());
        await client.initialize(pathToFileURL(dir).toString(), { workspaceTrusted: false });
        await client.open(flowUri, FLOW);
        const before = await client.waitForDiagnostics(flowUri, d => errors(d).length > 0);
        assert.match(JSON.stringify(before), /Unknown node type 'ImageToMask'.*node pack masks\.mjs is not loaded: the workspace is not trusted/);
        await client.connection.sendNotification('flowstudio/workspaceTrusted');
        await client.waitForDiagnostics(flowUri, d => errors(d).length === 0);
    });

    it('a broken pack is a diagnostic naming the file, and the server keeps working', async () => {
        const { dir, pack, flowUri } = workspace();
        fs.writeFileSync(pack, 'export default { nodes: 42 };');
        client = new LspClient(process.cwd());
        await client.initialize(pathToFileURL(dir).toString(), { workspaceTrusted: true });
        await client.open(flowUri, FLOW);
        const diagnostics = await client.waitForDiagnostics(flowUri, d => errors(d).length > 0);
        assert.match(JSON.stringify(diagnostics), /node pack masks\.mjs: its default export has no `nodes` array/);
        assert.ok(!client.exited);
    });

    it('a .ts pack (types, an interface, `import type`) validates, completes and hovers; its edits reload it', async () => {
        const { dir, pack, flowUri } = workspace('ts');
        client = new LspClient(process.cwd());
        await client.initialize(pathToFileURL(dir).toString(), { workspaceTrusted: true });
        await client.open(flowUri, FLOW);
        await client.waitForDiagnostics(flowUri, d => errors(d).length === 0);
        const completion = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: flowUri }, position: { line: 4, character: 4 } });
        assert.ok(completion.items.some(i => i.label === 'MaskToImage'));
        const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: flowUri }, position: { line: 3, character: 14 } });
        assert.match(JSON.stringify(hover.contents), /One channel of each image as a mask/);

        const source = fs.readFileSync(pack, 'utf8');
        const lines = source.split('\n');
        const line = lines.findIndex(l => l.includes('const MASK_ENGINE = {')) + 1;
        lines[line - 1] = 'const MASK_ENGINE: = {';
        fs.writeFileSync(pack, lines.join('\n'));
        await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(pack).toString(), type: 2 }] });
        const broken = await client.waitForDiagnostics(flowUri, d => errors(d).length > 0);
        assert.match(JSON.stringify(broken), new RegExp(`node pack masks\\.ts: masks\\.ts:${line}:\\d+: Unexpected token`));

        fs.writeFileSync(pack, source);
        await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(pack).toString(), type: 2 }] });
        await client.waitForDiagnostics(flowUri, d => errors(d).length === 0);
        assert.ok(!client.exited);
    });

    it('the bundled server VS Code runs (dist/server/main.cjs) strips a .ts pack with the Sucrase bundle beside it', async () => {
        assert.ok(fs.existsSync('dist/server/sucrase.cjs'), 'dist/server/sucrase.cjs is missing: run `npm run build`');
        const { dir, pack, flowUri } = workspace('ts');
        client = new LspClient(process.cwd(), { server: ['dist/server/main.cjs', '--stdio'] });
        await client.initialize(pathToFileURL(dir).toString(), { workspaceTrusted: true });
        await client.open(flowUri, FLOW);
        await client.waitForDiagnostics(flowUri, d => errors(d).length === 0);
        const completion = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: flowUri }, position: { line: 4, character: 4 } });
        assert.ok(completion.items.some(i => i.label === 'ImageToMask'));
        fs.writeFileSync(pack, fs.readFileSync(pack, 'utf8').replace('const MASK_ENGINE = {', 'const MASK_ENGINE: = {'));
        await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(pack).toString(), type: 2 }] });
        const broken = await client.waitForDiagnostics(flowUri, d => errors(d).length > 0);
        assert.match(JSON.stringify(broken), /node pack masks\.ts: masks\.ts:\d+:\d+: Unexpected token/);
    });
});
