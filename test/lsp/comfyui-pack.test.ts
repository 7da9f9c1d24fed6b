/**
 * ComfyUI's nodes in the real language server (`flowstudio lsp --stdio`): a workspace's saved
 * `.flowstudio/comfyui/object_info.json` (the subset fetched from a real ComfyUI v0.3.64) makes a
 * `workflow W on comfyui` complete, hover and validate against the server's nodes; a node of the
 * other engine is an error naming both engines; a broken or unreachable node list is one clear
 * warning, not a flood of unknown nodes; the graph view's catalog request answers per engine.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CompletionList, Hover } from 'vscode-languageserver-protocol';
import type { CatalogJson } from '../../catalog/src/catalog.js';
import type { FlowGraph } from '../../catalog/src/graph.js';
import { LspClient } from './lsp-client.js';

const SUBSET = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/comfyui/object_info.subset.json');

const COMFY_FLOW = `workflow Invert on comfyui {
    img = EmptyImage(width: 64, height: 64)
    inv = ImageInvert(image: img)
    SaveImage(images: inv, filename_prefix: "inverted")
}
`;

type Diagnostic = { severity?: number; code?: string; message: string; range: { start: { line: number } } };
const errors = (d: Diagnostic[]) => d.filter(x => x.severity === 1);
const warnings = (d: Diagnostic[]) => d.filter(x => x.severity === 2);

/** `objectInfo` null: no saved node list. */
function workspace(flow: string, objectInfo: string | null = fs.readFileSync(SUBSET, 'utf8')): { dir: string; flowUri: string; objectInfo: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flow-comfyui-'));
    const file = path.join(dir, '.flowstudio', 'comfyui', 'object_info.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (objectInfo !== null) fs.writeFileSync(file, objectInfo);
    const flowFile = path.join(dir, 'w.flow');
    fs.writeFileSync(flowFile, flow);
    return { dir, flowUri: pathToFileURL(flowFile).toString(), objectInfo: file };
}

describe('ComfyUI node packs in the language server', function () {
    this.timeout(60_000);
    let client: LspClient | undefined;
    afterEach(async () => { await client?.shutdown(); client = undefined; });

    async function start(dir: string, options: Record<string, unknown> = {}): Promise<LspClient> {
        client = new LspClient(process.cwd());
        await client.initialize(pathToFileURL(dir).toString(), { workspaceTrusted: false, ...options });
        return client;
    }

    it('a ComfyUI workflow validates, completes and hovers with the saved node list', async () => {
        const { dir, flowUri } = workspace(COMFY_FLOW);
        const c = await start(dir);
        await c.open(flowUri, COMFY_FLOW);
        const diagnostics = await c.waitForDiagnostics(flowUri, d => (d as Diagnostic[]).every(x => x.code !== 'no-comfyui-nodes') && errors(d as Diagnostic[]).length === 0);
        assert.deepEqual(errors(diagnostics as Diagnostic[]), []);

        const completion = await c.request<CompletionList>('textDocument/completion', { textDocument: { uri: flowUri }, position: { line: 4, character: 0 } });
        const labels = completion.items.map(i => i.label);
        assert.ok(labels.includes('ImageInvert') && labels.includes('Epsilon_Scaling'), 'the server\'s nodes are offered');
        assert.ok(labels.includes('SaveImages'), 'a built-in that maps to a ComfyUI node is offered');
        assert.ok(!labels.includes('LoadMNIST'), 'a local-only node is not offered in a ComfyUI workflow');

        const hover = await c.request<Hover>('textDocument/hover', { textDocument: { uri: flowUri }, position: { line: 2, character: 12 } });
        const text = JSON.stringify(hover.contents);
        assert.match(text, /\*\*ImageInvert\*\* — image/);
        assert.match(text, /`image`: IMAGE, required/);
        const engines = await c.request<CompletionList>('textDocument/completion', { textDocument: { uri: flowUri }, position: { line: 0, character: 21 } });
        assert.deepEqual(engines.items.map(i => i.label), ['local', 'comfyui'], 'engine names after `on`');
        const engineHover = await c.request<Hover>('textDocument/hover', { textDocument: { uri: flowUri }, position: { line: 0, character: 21 } });
        assert.match(JSON.stringify(engineHover.contents), /\*\*comfyui\*\* — runs on a ComfyUI server: its own nodes \(45 nodes from ComfyUI \(.*object_info\.json\)\)/);
        const param = await c.request<Hover>('textDocument/hover', { textDocument: { uri: flowUri }, position: { line: 1, character: 22 } });
        assert.match(JSON.stringify(param.contents), /width\*\*: INT, 1\.\.16384, default 512/);
    });

    it('combo values complete from the server\'s lists, and a value not in them is an error', async () => {
        const flow = `workflow Sample on comfyui {
    k = KSampler(sampler_name: "", scheduler: "karras")
}
`;
        const { dir, flowUri } = workspace(flow);
        const c = await start(dir);
        await c.open(flowUri, flow);
        await c.waitForDiagnostics(flowUri, d => errors(d as Diagnostic[]).some(x => x.code === 'invalid-choice'));
        const completion = await c.request<CompletionList>('textDocument/completion', { textDocument: { uri: flowUri }, position: { line: 1, character: 32 } });
        const labels = completion.items.map(i => i.label);
        assert.ok(labels.includes('euler') && labels.includes('dpmpp_2m') && labels.includes('uni_pc'), labels.join(', '));
        const diagnostics = await c.waitForDiagnostics(flowUri, () => true) as Diagnostic[];
        assert.match(diagnostics.map(d => d.message).join('\n'), /'sampler_name' of KSampler 'k' must be one of "euler", .*… \(30 more\) \(got ""\)/);
    });

    it('a local-only node in a ComfyUI workflow is an error naming the engines, and the reverse', async () => {
        const flow = `workflow Remote on comfyui {
    digits = LoadMNIST(limit: 4)
}

workflow Local {
    img = EmptyImage(width: 8, height: 8)
}
`;
        const { dir, flowUri } = workspace(flow);
        const c = await start(dir);
        await c.open(flowUri, flow);
        const diagnostics = await c.waitForDiagnostics(flowUri, d => errors(d as Diagnostic[]).filter(x => x.code === 'wrong-engine').length === 2) as Diagnostic[];
        const [remote, local] = errors(diagnostics).filter(x => x.code === 'wrong-engine').sort((a, b) => a.range.start.line - b.range.start.line);
        assert.equal(remote.range.start.line, 1);
        assert.match(remote.message, /'LoadMNIST' runs only on the local engine .*workflow 'Remote' runs on a ComfyUI server \(comfyui\)/);
        assert.equal(local.range.start.line, 5);
        assert.match(local.message, /'EmptyImage' is a ComfyUI node; workflow 'Local' runs on the local engine \(local\) \(add `on comfyui`/);
        assert.ok(!errors(diagnostics).some(x => x.code === 'unknown-node'));
    });

    it('a subgraph runs where its workflow runs: a local-only node inside it is an error on a ComfyUI instance', async () => {
        const flow = `subgraph Digits4 {
    d = LoadMNIST(limit: 4)
    i = DatasetImages(dataset: d, count: 4)
    output images: IMAGE = i
}

workflow Remote on comfyui {
    digits = Digits4()
    PreviewImage(images: digits)
}

workflow Here {
    digits = Digits4()
    PreviewImage(images: digits)
}
`;
        const { dir, flowUri } = workspace(flow);
        const c = await start(dir);
        await c.open(flowUri, flow);
        const diagnostics = await c.waitForDiagnostics(flowUri, d => errors(d as Diagnostic[]).length > 0) as Diagnostic[];
        assert.deepEqual(errors(diagnostics).map(d => [d.range.start.line, d.code]), [[7, 'wrong-engine']]);
        assert.match(errors(diagnostics)[0].message, /Subgraph Digits4 uses 'LoadMNIST', which runs only on the local engine; workflow 'Remote' runs on a ComfyUI server \(comfyui\)/);
    });

    it('the default engine comes from the settings, and an unknown engine is an error', async () => {
        const flow = `workflow Default {
    img = EmptyImage(width: 8, height: 8)
    SaveImage(images: img)
}

workflow Elsewhere on mars {
}
`;
        const { dir, flowUri } = workspace(flow);
        const c = await start(dir, { engine: 'comfyui' });
        await c.open(flowUri, flow);
        const diagnostics = await c.waitForDiagnostics(flowUri, d => errors(d as Diagnostic[]).some(x => x.code === 'unknown-engine')) as Diagnostic[];
        assert.deepEqual(errors(diagnostics).map(x => x.message), ["Unknown engine 'mars'; a workflow runs on local or comfyui."]);
        const graph = await c.request<FlowGraph>('flowstudio/graph', { uri: flowUri });
        assert.deepEqual(graph.workflows.map(w => [w.name, w.engine, w.engineWritten ?? false]), [['Default', 'comfyui', false], ['Elsewhere', 'comfyui', true]]);

        await c.connection.sendNotification('flowstudio/settings', { engine: 'local' });
        const after = await c.waitForDiagnostics(flowUri, d => errors(d as Diagnostic[]).some(x => x.code === 'wrong-engine')) as Diagnostic[];
        assert.match(JSON.stringify(after), /'EmptyImage' is a ComfyUI node; workflow 'Default' runs on the local engine/);
    });

    it('a broken node list is one clear warning on the workflow, and fixing the file reloads it', async () => {
        const { dir, flowUri, objectInfo } = workspace(COMFY_FLOW, '{ "EmptyImage": ');
        const c = await start(dir);
        await c.open(flowUri, COMFY_FLOW);
        const diagnostics = await c.waitForDiagnostics(flowUri, d => warnings(d as Diagnostic[]).length > 0) as Diagnostic[];
        assert.deepEqual(errors(diagnostics), [], 'no flood of unknown-node errors');
        assert.equal(warnings(diagnostics).length, 1);
        assert.match(warnings(diagnostics)[0].message, /Workflow 'Invert' runs on ComfyUI, but no ComfyUI node list is loaded \(ComfyUI node list .*object_info\.json: it is not JSON/);

        const before = c.notifications.filter(n => n.method === 'flowstudio/catalogChanged').length;
        fs.copyFileSync(SUBSET, objectInfo);
        await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(objectInfo).toString(), type: 2 }] });
        await c.waitForDiagnostics(flowUri, d => (d as Diagnostic[]).length === 0);
        assert.ok(c.notifications.filter(n => n.method === 'flowstudio/catalogChanged').length > before, 'clients are told to drop cached catalogs');
        assert.ok(!c.exited);
    });

    it('an unreachable server is a warning naming its URL; the refresh request reports it', async () => {
        const { dir, flowUri } = workspace(COMFY_FLOW, null);
        const c = await start(dir, { comfyuiServer: 'http://127.0.0.1:9' });
        await c.open(flowUri, COMFY_FLOW);
        const diagnostics = await c.waitForDiagnostics(flowUri, d => warnings(d as Diagnostic[]).length > 0) as Diagnostic[];
        assert.match(warnings(diagnostics)[0].message, /ComfyUI node list from http:\/\/127\.0\.0\.1:9\/object_info: cannot connect/);
        const refreshed = await c.request<{ nodes: number; problems: string[] }>('flowstudio/refreshComfyuiNodes', {});
        assert.equal(refreshed.nodes, 0);
        assert.match(refreshed.problems.join(), /http:\/\/127\.0\.0\.1:9\/object_info/);
    });

    it('the catalog request answers an engine\'s CatalogJson with the pack\'s types and colours', async () => {
        const { dir, flowUri } = workspace(COMFY_FLOW);
        const c = await start(dir);
        await c.open(flowUri, COMFY_FLOW);
        await c.waitForDiagnostics(flowUri, d => (d as Diagnostic[]).length === 0);
        const comfy = await c.request<CatalogJson>('flowstudio/catalog', { engine: 'comfyui' });
        assert.equal(comfy.version, 1);
        assert.ok(comfy.nodes.some(n => n.name === 'ImageInvert' && n.category === 'image'));
        assert.equal(comfy.types.find(t => t.name === 'MASK')?.color, '#81c784');
        const packId = comfy.packOf.ImageInvert;
        assert.equal(comfy.packs?.find(p => p.id === packId)?.origin, 'comfyui');
        const local = await c.request<CatalogJson>('flowstudio/catalog', {});
        assert.ok(local.nodes.some(n => n.name === 'LoadMNIST') && !local.nodes.some(n => n.name === 'ImageInvert'));
    });
});
