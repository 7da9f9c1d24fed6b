/**
 * The run panels in a real VS Code: a run from the palette opens the Outputs panel beside the
 * editor, whose webview shows the PNGs the engine saved (loaded through the webview's resource
 * roots, the same files as on disk); the training dashboard follows the training; a cancelled
 * run says "cancelled" in the panel and the status bar.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { assertNoCspViolations, LONG_WORKFLOW, pngsUnder, sessionHooks, startSession, waitInWebview, workbench as wb, type Session } from '../driver/index.js';

// A few TrainGAN steps (maxSteps) with small filters: seconds on two busy cores.
const TINY = `/** A tiny GAN for the Outputs panel e2e spec. */
workflow Tiny {
    digits = LoadMNIST(limit: 64)
    norm = Normalize(dataset: digits)
    gen = DCGANGenerator(latentDim: 8, imageSize: 28, channels: 1, filters: 4)
    disc = DCGANDiscriminator(imageSize: 28, channels: 1, filters: 4)
    trained = TrainGAN(generator: gen, discriminator: disc, dataset: norm, epochs: 1, batchSize: 16, maxSteps: 4, previewEvery: 2)
    samples = SampleGAN(generator: trained.generator, count: 4, seed: 1)
    SaveImages(images: samples, prefix: "tiny/sample")
    real = DatasetImages(dataset: digits, count: 8)
    SaveImages(images: real, prefix: "tiny/real")
}
`;
describe('e2e: Outputs panel and training dashboard in VS Code', function () {
    let vs: Session;
    /** Brings the Outputs panel to the front and waits for `selector` in it. */
    const outputsShowing = async (selector: string, timeout = 60_000) => {
        await vs.page.locator('.tab', { hasText: 'Flow Outputs' }).click();
        return waitInWebview(vs.page, '.runs', selector, timeout);
    };

    before(async function () {
        vs = await startSession({ name: 'outputs', files: { 'tiny.flow': TINY, 'long.flow': LONG_WORKFLOW }, viewport: { width: 1600, height: 900 } });
        await vs.waitForFlowStudio();
    });

    sessionHooks(() => vs);

    it('a palette run opens the Outputs panel beside the editor and fills it with the saved images', async function () {
        await vs.openFile('tiny.flow');
        await wb.runCommand(vs.page, 'Flow Studio: Run Workflow');
        await vs.page.locator('.tab', { hasText: 'Flow Outputs' }).waitFor({ timeout: 60_000 });
        await wb.waitForTerminalText(vs.page, /Finished in/, 180_000);
        // the status bar and the terminal tell the same story (read first: the result stays a minute)
        await vs.page.locator('.statusbar-item', { hasText: 'Tiny: finished' }).first().waitFor({ timeout: 10_000 });
        assert.match(await wb.readTerminal(vs.page), /✓ SaveImages/);
        const outputs = await outputsShowing('section.run[data-status="success"]');
        const run = outputs.locator('section.run[data-status="success"]', { hasText: 'Tiny' });
        await run.waitFor({ timeout: 10_000 });
        assert.equal(await run.locator('.status-tag').textContent(), 'success');

        // the panel shows exactly the files the run saved: 4 generated samples, 8 real digits
        const onDisk = pngsUnder(path.join(vs.workspace, 'flow-output', 'Tiny')).sort();
        assert.equal(onDisk.filter((f) => f.includes(`tiny${path.sep}sample`)).length, 4, `4 sample PNGs on disk: ${JSON.stringify(onDisk)}`);
        assert.equal(onDisk.filter((f) => f.includes(`tiny${path.sep}real`)).length, 8, `8 real digits on disk: ${JSON.stringify(onDisk)}`);
        const thumbs = run.locator('.thumb');
        await thumbs.nth(11).waitFor();
        const shown = (await thumbs.evaluateAll((els) => els.map((e) => e.getAttribute('data-path')))).sort();
        assert.deepEqual(shown, onDisk);
        assert.equal(await run.locator('section.node-group').count(), 2, 'grouped by the node that saved them');
        // each image really loaded inside the webview (resource roots and CSP allow it)
        const images = run.locator('.thumb img');
        for (let i = 0; i < 12; i++) {
            const size = await images.nth(i).evaluate((img) => {
                const el = img as unknown as { complete: boolean; naturalWidth: number; naturalHeight: number; getAttribute(n: string): string };
                return { complete: el.complete, width: el.naturalWidth, height: el.naturalHeight, src: el.getAttribute('src') };
            });
            assert.ok(size.complete && size.width === 28 && size.height === 28, `image ${i} loaded at 28×28: ${JSON.stringify(size)}`);
            assert.doesNotMatch(size.src, /^file:/, 'served as a webview resource, not a file: URL');
        }
        assert.match((await run.locator('section.node-group[data-node-id="SaveImages#1"] .node-args').textContent())!, /count 4 · seed 1/);
        await wb.clearNotifications(vs.page);
        await vs.screenshot('run-outputs');
    });

    it('the training dashboard shows the losses of the run (Show Training Dashboard)', async function () {
        await wb.runCommand(vs.page, 'Flow Studio: Show Training Dashboard');
        const dashboard = await waitInWebview(vs.page, '.trainings', '[data-status="success"]', 20_000);
        const training = dashboard.locator('section.training[data-node="trained"]');
        await training.waitFor();
        assert.match((await training.locator('canvas').getAttribute('aria-label'))!, /\d+ steps?/);
        assert.match((await training.locator('.preview-image').getAttribute('src'))!, /^data:image\/png;base64,/);
        await vs.screenshot('training-dashboard');
    });

    it('a cancelled run says "cancelled" in the Outputs panel and the status bar', async function () {
        await vs.bridge.executeCommand('workbench.action.focusFirstEditorGroup');
        await vs.openFile('long.flow');
        await wb.runCommand(vs.page, 'Flow Studio: Run Workflow');
        await wb.waitForTerminalText(vs.page, /trained TrainGAN .*%/, 180_000);
        const running = await outputsShowing('section.run[data-status="running"]');
        assert.match((await running.locator('section.run[data-status="running"] .run-title').textContent())!, /Long/);
        await vs.screenshot('long-run-running');
        await wb.runCommand(vs.page, 'Flow Studio: Stop Run');
        await wb.waitForTerminalText(vs.page, /Cancelled in/, 60_000);
        await vs.page.locator('.statusbar-item', { hasText: 'Long: cancelled' }).first().waitFor({ timeout: 10_000 });
        const outputs = await outputsShowing('section.run[data-status="cancelled"]');
        const cancelled = outputs.locator('section.run[data-status="cancelled"]', { hasText: 'Long' });
        await cancelled.waitFor({ timeout: 10_000 });
        assert.equal(await cancelled.locator('.status-tag').textContent(), 'cancelled');
        assert.equal(await cancelled.locator('.thumb').count(), 0, 'a cancelled run saved no images');
        assert.equal(pngsUnder(path.join(vs.workspace, 'flow-output')).filter((f) => f.includes(`long${path.sep}`)).length, 0);
        // the earlier run is still listed
        assert.equal(await outputs.locator('section.run[data-status="success"]', { hasText: 'Tiny' }).count(), 1);
        await wb.clearNotifications(vs.page);
        await vs.screenshot('run-cancelled');
    });

    it('logged no Content Security Policy violation in its webviews (and would have seen one)', async function () {
        await assertNoCspViolations(vs, '.runs');
    });
});
