/**
 * Running workflows from a real VS Code: the palette command starts the `flowstudio` task, whose
 * terminal shows the engine's progress; images land on disk; a long run is cancelled from the
 * palette (terminal and status bar say so); a re-run reuses the cache.
 * (The Outputs panel and dashboard specs build on this one: see README.)
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { LONG_WORKFLOW, pngsUnder, sessionHooks, startSession, workbench as wb, type Session } from '../driver/index.js';

// Small enough to train in seconds on two busy cores, large enough to report progress.
const TINY = `/** A tiny GAN for the e2e suite. */
workflow Tiny {
    digits = LoadMNIST(limit: 64)
    norm = Normalize(dataset: digits)
    gen = DCGANGenerator(latentDim: 8, imageSize: 28, channels: 1, filters: 4)
    disc = DCGANDiscriminator(imageSize: 28, channels: 1, filters: 4)
    trained = TrainGAN(generator: gen, discriminator: disc, dataset: norm, epochs: 1, batchSize: 16, previewEvery: 2)
    samples = SampleGAN(generator: trained.generator, count: 4, seed: 1)
    SaveImages(images: samples, prefix: "tiny/sample")
}
`;
describe('e2e: running workflows in VS Code', function () {
    let vs: Session;

    before(async function () {
        vs = await startSession({
            name: 'run',
            files: { 'tiny.flow': TINY, 'long.flow': LONG_WORKFLOW },
        });
        await vs.waitForFlowStudio();
    });

    sessionHooks(() => vs);

    it('runs a workflow from the palette: progress in the terminal, images on disk', async function () {
        await vs.openFile('tiny.flow');
        await wb.runCommand(vs.page, 'Flow Studio: Run Workflow');
        const progress = await wb.waitForTerminalText(vs.page, /trained TrainGAN/, 120_000);
        assert.match(progress, /Running Tiny/);
        await vs.screenshot('run-progress');

        const done = await wb.waitForTerminalText(vs.page, /Finished in/, 180_000);
        assert.match(done, /✓ trained TrainGAN/);
        assert.match(done, /✓ SaveImages/);
        await vs.page.locator('.statusbar-item', { hasText: 'Tiny: finished' }).first().waitFor({ timeout: 10_000 });
        const images = pngsUnder(path.join(vs.workspace, 'flow-output')).filter((f) => f.includes(`tiny${path.sep}sample`));
        assert.equal(images.length, 4, `4 sample PNGs under flow-output: ${JSON.stringify(images)}`);
        await vs.screenshot('run-finished');
    });

    it('cancels a long run from the palette; terminal and status bar say so', async function () {
        await vs.openFile('long.flow');
        await wb.runCommand(vs.page, 'Flow Studio: Run Workflow');
        await wb.waitForTerminalText(vs.page, /trained TrainGAN .*%/, 180_000);
        await wb.runCommand(vs.page, 'Flow Studio: Stop Run');
        const text = await wb.waitForTerminalText(vs.page, /Cancelled in/, 60_000);
        assert.doesNotMatch(text, /Finished in/);
        await vs.page.locator('.statusbar-item', { hasText: 'Long: cancelled' }).first().waitFor({ timeout: 10_000 });
        await vs.screenshot('run-cancelled');
        assert.equal(pngsUnder(path.join(vs.workspace, 'flow-output')).filter((f) => f.includes(`long${path.sep}`)).length, 0,
            'a cancelled run saves no images');
    });

    it('re-runs from the cache', async function () {
        await vs.openFile('tiny.flow');
        await wb.runCommand(vs.page, 'Flow Studio: Run Workflow');
        const text = await wb.waitForTerminalText(vs.page, /Finished in/, 120_000);
        assert.match(text, /trained TrainGAN cached/);
        const summary = /Finished in [^:]+: (\d+) executed, (\d+) cached/.exec(text.replace(/\n/g, ''));
        assert.ok(summary && Number(summary[2]) >= 5, `most nodes come from the cache: ${text}`);
        await vs.screenshot('rerun-cached');
    });
});
