/**
 * A tiny text-to-image workflow in a real VS Code (issue 10): IntelliSense offers KSampler's
 * ComfyUI choices; the graph view draws the diffusion wires in ComfyUI's colours; a palette run
 * trains a few TrainDiffusion steps, samples a prompt through KSampler and saves the images, which
 * the Outputs panel shows; the dashboard draws TrainDiffusion's declared loss.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pngsUnder, sessionHooks, startSession, waitInWebview, webviewFrame, workbench as wb, type Session } from '../driver/index.js';

const TINY = `/** A tiny text-to-image workflow for the e2e suite. */
workflow TinyDiffusion {
    digits = LoadMNIST(limit: 64, digits: [1, 7])
    trained = TrainDiffusion(dataset: digits, maxSteps: 4, epochs: 2, batchSize: 16, baseChannels: 16, textDim: 32, textLayers: 1, maxTokens: 10, previewEvery: 2)
    positive = CLIPTextEncode(text: "a handwritten seven", clip: trained.CLIP)
    negative = CLIPTextEncode(text: "", clip: trained.CLIP)
    latent = EmptyLatentImage(width: 28, height: 28, batch_size: 3)
    sampled = KSampler(model: trained.MODEL, positive: positive, negative: negative, latent_image: latent, steps: 4, cfg: 3, sampler_name: "euler", scheduler: "normal")
    images = VAEDecode(samples: sampled, vae: trained.VAE)
    SaveImages(images: images, prefix: "tiny/seven")
}
`;

describe('e2e: text-to-image diffusion in VS Code', function () {
    let vs: Session;

    before(async function () {
        vs = await startSession({ name: 'diffusion', files: { 'tiny.flow': TINY }, viewport: { width: 1600, height: 900 } });
        await vs.waitForFlowStudio();
    });

    sessionHooks(() => vs);

    it('completes KSampler\'s sampler_name with ComfyUI\'s samplers', async function () {
        await vs.openFile('tiny.flow');
        const lines = TINY.split('\n');
        const line = lines.findIndex(l => l.includes('sampler_name: "euler"'));
        const character = lines[line].indexOf('sampler_name: "') + 'sampler_name: "'.length;
        const labels = (await vs.bridge.completions(vs.uri('tiny.flow'), line, character)).map(c => c.label);
        for (const name of ['euler', 'euler_ancestral', 'heun', 'dpmpp_2m', 'ddim', 'ddpm']) assert.ok(labels.includes(name), `${name} offered: ${labels.join(', ')}`);
    });

    it('draws MODEL, CLIP, VAE, CONDITIONING and LATENT wires in ComfyUI\'s colours in the graph view', async function () {
        await wb.runCommand(vs.page, 'Flow Studio: Open Graph View to the Side');
        const graph = await webviewFrame(vs.page, '.node[data-node-id="sampled"]');
        await graph.locator('g[data-edge-id] title').first().waitFor({ state: 'attached', timeout: 30_000 });
        // Each wire's title ends in its type; its path is coloured by the type's wire-type file.
        const colours = new Map(await graph.locator('g[data-edge-id]').evaluateAll(groups => groups.map(g => {
            const el = g as unknown as { querySelector(s: string): { textContent: string; style: { getPropertyValue(n: string): string } } | null };
            const type = /\((\w+)\)$/.exec(el.querySelector('title')?.textContent ?? '')?.[1] ?? '';
            return [type, el.querySelector('path.wire')?.style.getPropertyValue('--wire-color') ?? ''] as [string, string];
        })));
        assert.deepEqual(
            ['MODEL', 'CLIP', 'VAE', 'CONDITIONING', 'LATENT'].map(t => [t, colours.get(t)]),
            [['MODEL', '#b39ddb'], ['CLIP', '#ffd500'], ['VAE', '#ff6e6e'], ['CONDITIONING', '#ffa931'], ['LATENT', '#ff9cf9']]);
        await vs.screenshot('diffusion-graph');
        await vs.bridge.executeCommand('workbench.action.focusFirstEditorGroup');
        await vs.bridge.executeCommand('workbench.action.closeEditorsInOtherGroups');
    });

    it('a palette run trains, samples the prompt and saves images; Outputs shows them, the dashboard its loss', async function () {
        await vs.openFile('tiny.flow');
        await wb.runCommand(vs.page, 'Flow Studio: Run Workflow');
        const done = await wb.waitForTerminalText(vs.page, /Finished in/, 240_000);
        assert.match(done, /✓ trained +TrainDiffusion/);
        assert.match(done, /✓ sampled +KSampler/);
        const onDisk = pngsUnder(path.join(vs.workspace, 'flow-output', 'TinyDiffusion')).filter(f => f.includes(`tiny${path.sep}seven`));
        assert.equal(onDisk.length, 3, `3 PNGs on disk: ${JSON.stringify(onDisk)}`);

        await vs.page.locator('.tab', { hasText: 'Flow Outputs' }).click();
        const outputs = await waitInWebview(vs.page, '.runs', 'section.run[data-status="success"] .thumb');
        assert.equal(await outputs.locator('section.run[data-status="success"]', { hasText: 'TinyDiffusion' }).locator('.thumb').count(), 3);

        await wb.runCommand(vs.page, 'Flow Studio: Show Training Dashboard');
        const dashboard = await waitInWebview(vs.page, '.trainings', 'section.training[data-node="trained"]', 30_000);
        const training = dashboard.locator('section.training[data-node="trained"]');
        assert.match((await training.locator('canvas').first().getAttribute('aria-label'))!, /Loss/);
        assert.match((await training.locator('.stats').textContent())!, /Loss/);
        assert.doesNotMatch((await training.locator('.stats').textContent())!, /D loss|G loss/);
        await vs.screenshot('diffusion-dashboard');
    });
});
