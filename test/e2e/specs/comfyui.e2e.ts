/**
 * A ComfyUI-engine run in a real VS Code: with `flowstudio.engine` = comfyui and
 * `flowstudio.comfyui.server` pointing at a real ComfyUI server (started here on a free port),
 * a workflow of ComfyUI's weight-free nodes checks clean, Run Workflow executes it on the server,
 * the terminal and the status bar say where it ran, and the Outputs panel shows the images the
 * run fetched into flow-output/. Skips with the reason when the server cannot start here.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pngsUnder, sessionHooks, startSession, waitInWebview, workbench as wb, type Session } from '../driver/index.js';
import { startComfy, stopComfy, unavailable, type ComfyServer } from '../../comfyui/comfyui-server.js';

const FLOW = `/** Weight-free ComfyUI nodes: a solid colour, inverted, and a scaled mask. */
workflow Colors {
    blank = EmptyImage(width: 64, height: 48, batch_size: 2, color: 3368601)
    inverted = ImageInvert(image: blank)
    SaveImages(images: inverted, prefix: "colors/inverted")
    bigger = ImageScale(image: blank, upscale_method: "nearest-exact", width: 96, height: 72, crop: "disabled")
    SaveImages(images: bigger, prefix: "colors/bigger")
}
`;

describe('e2e: a run on a ComfyUI server in VS Code', function () {
    let vs: Session | undefined;
    let server: ComfyServer | undefined;

    before(async function () {
        this.timeout(15 * 60_000);
        const why = unavailable();
        if (why) {
            console.log(`    skipped: the ComfyUI server cannot start here: ${why}`);
            this.skip();
        }
        server = await startComfy();
        vs = await startSession({
            // Only this file: the examples are local workflows, which this workspace's default engine would judge.
            name: 'comfyui', workspaceFrom: fs.mkdtempSync(path.join(os.tmpdir(), 'fs-e2e-comfyui-')), files: { 'colors.flow': FLOW }, viewport: { width: 1600, height: 900 },
            settings: { 'flowstudio.engine': 'comfyui', 'flowstudio.comfyui.server': server.url },
        });
        await vs.waitForFlowStudio();
    });

    sessionHooks(() => vs);
    after(async function () {
        if (server) await stopComfy(server);
    });

    it('checks the workflow against the server\'s nodes, runs it there and shows its images in the Outputs panel', async function () {
        this.timeout(240_000);
        const session = vs!;
        await session.openFile('colors.flow');
        const errors = (await session.settledDiagnostics('colors.flow', 2000, 60_000)).filter(d => d.severity === 'error');
        assert.deepEqual(errors, [], 'the ComfyUI nodes are known to the language');

        await wb.runCommand(session.page, 'Flow Studio: Run Workflow');
        await wb.waitForTerminalText(session.page, /Finished in/, 180_000);
        const terminal = await wb.readTerminal(session.page);
        assert.match(terminal, new RegExp(`backend ComfyUI at ${server!.url.replace(/[.]/g, '\\.')}`));
        await session.page.locator('.statusbar-item', { hasText: 'Colors: finished' }).first().waitFor({ timeout: 10_000 });

        const onDisk = pngsUnder(path.join(session.workspace, 'flow-output', 'Colors')).sort();
        assert.deepEqual(onDisk.map(f => path.relative(path.join(session.workspace, 'flow-output', 'Colors'), f)), [
            path.join('colors', 'bigger_00001.png'), path.join('colors', 'bigger_00002.png'),
            path.join('colors', 'inverted_00001.png'), path.join('colors', 'inverted_00002.png'),
        ]);
        await session.page.locator('.tab', { hasText: 'Flow Outputs' }).click();
        const outputs = await waitInWebview(session.page, '.runs', 'section.run[data-status="success"]', 60_000);
        const run = outputs.locator('section.run[data-status="success"]', { hasText: 'Colors' });
        const thumbs = run.locator('.thumb');
        await thumbs.nth(3).waitFor();
        const shown = (await thumbs.evaluateAll(els => els.map(e => e.getAttribute('data-path')))).sort();
        assert.deepEqual(shown, onDisk);
        const size = await run.locator('section.node-group .thumb img').first().evaluate(img => {
            const el = img as unknown as { complete: boolean; naturalWidth: number };
            return { complete: el.complete, width: el.naturalWidth };
        });
        assert.ok(size.complete && size.width > 0, `the image loaded in the webview: ${JSON.stringify(size)}`);
        await wb.clearNotifications(session.page);
        await session.screenshot('comfyui-run-outputs');
    });
});
