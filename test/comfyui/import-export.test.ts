/**
 * Exported workflows are what a real ComfyUI accepts: a workflow imported with the server's own
 * `/object_info` and exported again is queued by `POST /prompt` without node errors and runs;
 * the project's diffusion fixtures are refused only for the checkpoint file the server lacks.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinCatalog } from '../../catalog/src/builtin-catalog.js';
import type { NodePack } from '../../catalog/src/catalog.js';
import type { ApiPrompt } from '../../comfyui/src/api-prompt.js';
import { exportComfyUI } from '../../comfyui/src/export/index.js';
import { importComfyUI } from '../../comfyui/src/import/index.js';
import { fetchObjectInfo } from '../../comfyui/src/object-info-source.js';
import { flowServices, parseFlowText } from '../../server/src/api.js';
import { REPO } from './comfyui-server.js';
import { comfyServer } from './hooks.js';

const fixture = (name: string) => fs.readFileSync(path.join(REPO, 'test/fixtures/comfyui', name), 'utf8');

describe('ComfyUI server: exported workflows', function () {
    let url: string;
    let pack: NodePack;
    before(async function () {
        url = comfyServer(this).url;
        const loaded = await fetchObjectInfo(url, 30_000);
        assert.ok(loaded.pack, JSON.stringify(loaded.problems));
        pack = loaded.pack;
        flowServices().Flow.catalog.setComfyPack({ pack, problems: [], sources: [url] });
    });
    after(() => flowServices().Flow.catalog.setComfyPack({ problems: [], sources: [] }));

    async function exported(name: string, format: 'api' | 'ui' = 'api'): Promise<ApiPrompt> {
        const imported = importComfyUI(fixture(name), { catalog: builtinCatalog(), comfyPack: pack, name: 'Check' });
        const loaded = await parseFlowText(imported.flowText, `file:///memory/${name}.flow`);
        assert.deepEqual(loaded.diagnostics.filter(d => d.severity === 'error').map(d => d.message), [], imported.flowText);
        if (format === 'api') return (await exportComfyUI(loaded, { format, catalog: builtinCatalog(), comfyPack: pack })).json as ApiPrompt;
        // The UI export, imported again and sent: the UI format carries the same graph.
        const ui = (await exportComfyUI(loaded, { format, catalog: builtinCatalog(), comfyPack: pack })).json;
        const again = await parseFlowText(importComfyUI(ui, { catalog: builtinCatalog(), comfyPack: pack, name: 'Again' }).flowText, `file:///memory/${name}.again.flow`);
        return (await exportComfyUI(again, { format: 'api', catalog: builtinCatalog(), comfyPack: pack })).json as ApiPrompt;
    }

    async function queue(prompt: ApiPrompt): Promise<{ status: number; body: { prompt_id?: string; node_errors?: Record<string, { errors: Array<{ type: string; extra_info?: { input_name?: string } }> }> } }> {
        const response = await fetch(`${url}/prompt`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prompt, client_id: 'flowstudio-export-test' }) });
        return { status: response.status, body: await response.json() as never };
    }

    async function finished(promptId: string): Promise<string> {
        for (let i = 0; i < 240; i++) {
            const history = await (await fetch(`${url}/history/${promptId}`)).json() as Record<string, { status?: { status_str?: string; completed?: boolean } }>;
            const status = history[promptId]?.status;
            if (status?.completed || status?.status_str === 'error') return status.status_str ?? 'unknown';
            await new Promise(r => setTimeout(r, 250));
        }
        return 'timeout';
    }

    for (const format of ['api', 'ui'] as const) {
        it(`a no-weights workflow (primitive, bypass, mute) exported as ${format} is queued without node errors and runs`, async () => {
            const prompt = await exported('ui-no-weights.json', format);
            assert.deepEqual(Object.values(prompt).map(n => n.class_type).sort(), ['EmptyImage', 'ImageInvert', 'SaveImage']);
            const { status, body } = await queue(prompt);
            assert.equal(status, 200, JSON.stringify(body));
            assert.deepEqual(body.node_errors, {});
            assert.equal(await finished(body.prompt_id!), 'success');
        });
    }

    it('the diffusion fixtures are refused only for the checkpoint file this server does not have', async () => {
        for (const name of ['ui-features.json', 'schema1-subgraph.json', 'api-upscale.json']) {
            const { status, body } = await queue(await exported(name));
            assert.equal(status, 400, `${name}: ${JSON.stringify(body)}`);
            const errors = Object.values(body.node_errors ?? {}).flatMap(e => e.errors);
            assert.ok(errors.length > 0, name);
            for (const e of errors) assert.deepEqual([e.type, e.extra_info?.input_name], ['value_not_in_list', 'ckpt_name'], `${name}: ${JSON.stringify(e)}`);
        }
    });
});
