/**
 * ComfyUI workflow files in a real VS Code (issue 14): opening a ComfyUI `.json` offers "Open as
 * Flow", which writes the `.flow` beside it and opens it; "Export to ComfyUI…" asks for the
 * format and the file and writes the API prompt there.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sessionHooks, startSession, workbench as wb, type Session } from '../driver/index.js';
import { REPO_ROOT } from '../driver/paths.js';

const FOX = fs.readFileSync(path.join(REPO_ROOT, 'test/fixtures/comfyui/api-upscale.json'), 'utf8');

describe('e2e: ComfyUI workflows in VS Code', function () {
    let vs: Session;

    before(async function () {
        vs = await startSession({ name: 'comfyui-files', files: { 'lighthouse.json': FOX } });
        await vs.waitForFlowStudio();
    });

    sessionHooks(() => vs);

    it('opening a ComfyUI JSON offers Open as Flow, which writes the .flow beside it and opens it', async function () {
        await vs.openFile('lighthouse.json');
        const toast = await wb.waitForNotification(vs.page, /lighthouse\.json is a ComfyUI workflow/, 30_000);
        await vs.screenshot('comfyui-open-as-flow-offer');
        await toast.getByRole('button', { name: 'Open as Flow' }).click();
        const state = await vs.bridge.waitFor(s => Boolean(s.activeEditor?.uri.endsWith('/lighthouse.flow')), 'lighthouse.flow opened', 60_000);
        assert.match(state.activeEditor!.text, /^workflow Lighthouse on comfyui \{$/m, "model.safetensors is no local checkpoint");
        assert.match(state.activeEditor!.text, /bigger = Upscale\(images: vaeDecode, mode: "nearest", factor: 2\)/);
        assert.ok(fs.existsSync(path.join(vs.workspace, 'lighthouse.flow')));
        await vs.screenshot('comfyui-opened-as-flow');
    });

    it('Export to ComfyUI… writes the API prompt where the save dialog says', async function () {
        // The command resolves when the export is done: answer its quick pick and save dialog meanwhile.
        const exporting = vs.bridge.executeCommand('flowstudio.exportComfyUI');
        await vs.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'API prompt' }).first().waitFor({ timeout: 20_000 });
        await vs.page.keyboard.press('Enter');
        // code-server's save dialog is a quick input holding the proposed path.
        const input = vs.page.locator('.quick-input-widget .quick-input-box input');
        for (const until = Date.now() + 20_000; !/Lighthouse\.api\.json$/.test(await input.inputValue().catch(() => '')) && Date.now() < until;) await new Promise(r => setTimeout(r, 200));
        assert.match(await input.inputValue(), /Lighthouse\.api\.json$/);
        await input.press('Enter');
        await exporting;
        const out = path.join(vs.workspace, 'Lighthouse.api.json');
        const deadline = Date.now() + 60_000;
        while (!fs.existsSync(out) && Date.now() < deadline) await new Promise(r => setTimeout(r, 250));
        const prompt = JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, { class_type: string }>;
        assert.deepEqual(Object.values(prompt).map(n => n.class_type).sort(),
            ['CLIPTextEncode', 'CLIPTextEncode', 'CheckpointLoaderSimple', 'EmptyLatentImage', 'ImageScaleBy', 'KSampler', 'SaveImage', 'VAEDecode']);
    });
});
