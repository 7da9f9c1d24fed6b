/**
 * Prompt IntelliSense in a real VS Code (issue 12), on a real tiny checkpoint in the workspace's
 * models/checkpoints/ (an untrained 8x8 network made with the engine, encoded as CheckpointSave
 * writes it, so sampling takes a second): completing `ckpt_name` and a prompt word from the
 * checkpoint's vocabulary, the `unknown-prompt-word` squiggle on a misspelt word and its quick
 * fix, then a run whose KSampler previews show on the graph node and whose image the Outputs
 * panel shows.
 */
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pngsUnder, sessionHooks, startSession, waitInWebview, webviewFrame, workbench as wb, SELECTORS, type Session } from '../driver/index.js';
import { writeTinyCheckpoint } from '../../lsp/tiny-checkpoint.js';

const CAPTIONS = ['a red circle', 'a blue square', 'a red square', 'a green triangle', 'a red circle', 'a blue circle'];

const FLOW = `/** Prompt IntelliSense on a tiny checkpoint. */
workflow Prompts {
    ckpt = CheckpointLoaderSimple(ckpt_name: "tiny.safetensors")
    positive = CLIPTextEncode(text: "a ", clip: ckpt.CLIP)
    negative = CLIPTextEncode(text: "", clip: ckpt.CLIP)
    latent = EmptyLatentImage(width: 8, height: 8, batch_size: 1)
    sampled = KSampler(model: ckpt.MODEL, positive: positive, negative: negative, latent_image: latent, seed: 3, steps: 6, cfg: 3, sampler_name: "euler", scheduler: "normal")
    images = VAEDecode(samples: sampled, vae: ckpt.VAE)
    SaveImages(images: images, prefix: "prompts/red")
}
`;

describe('e2e: prompt IntelliSense from a checkpoint in VS Code', function () {
    let vs: Session;
    let from: string;
    let graph: Frame;

    before(async function () {
        from = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-prompts-'));
        fs.writeFileSync(path.join(from, 'prompts.flow'), FLOW);
        await writeTinyCheckpoint(path.join(from, 'models', 'checkpoints', 'tiny.safetensors'), CAPTIONS, { dataset: 'SyntheticShapes(count: 6)' });
        vs = await startSession({ name: 'prompts', workspaceFrom: from, settings: { 'flowstudio.backend': 'cpu' }, viewport: { width: 1600, height: 900 } });
        await vs.waitForFlowStudio();
        await vs.openFile('prompts.flow');
        // The graph beside the text from the start: it follows the edits, and shows the run.
        await wb.runCommand(vs.page, 'Flow Studio: Open Graph View to the Side');
        graph = await webviewFrame(vs.page, '.node[data-node-id="sampled"]');
        await vs.bridge.executeCommand('workbench.action.focusFirstEditorGroup');
    });

    sessionHooks(() => vs);

    after(() => fs.rmSync(from, { recursive: true, force: true }));

    it('completes ckpt_name with the checkpoints found and hovers with its metadata', async function () {
        const lines = FLOW.split('\n');
        const line = lines.findIndex(l => l.includes('ckpt_name: "'));
        const character = lines[line].indexOf('ckpt_name: "') + 'ckpt_name: "'.length;
        const completions = await vs.bridge.completions(vs.uri('prompts.flow'), line, character);
        assert.ok(completions.some(c => c.label === 'tiny.safetensors'), JSON.stringify(completions.map(c => c.label)));
        const hovers = await vs.bridge.call<Array<{ contents: string[] }>>('hovers', { uri: vs.uri('prompts.flow'), line, character: character + 2 });
        const text = hovers.flatMap(h => h.contents).join('\n');
        assert.match(text, /SyntheticShapes\(count: 6\)/);
        assert.match(text, /8 × 8 × 1/);
    });

    it('accepts a prompt word from the checkpoint\'s vocabulary, squiggles a misspelt one and fixes it with the quick fix', async function () {
        await wb.selectText(vs.page, 'text: "a ');
        await vs.page.keyboard.press('ArrowRight');
        await vs.page.keyboard.type('re');
        const rows = await wb.readCompletions(vs.page);
        assert.ok(rows.some(r => /^red\b/.test(r)), `red offered: ${JSON.stringify(rows)}`);
        await vs.screenshot('prompt-word-completion');
        await vs.page.keyboard.press('Enter');
        await vs.bridge.waitFor(s => !!s.activeEditor?.text.includes('text: "a red"'), 'the accepted completion in the text');

        await vs.page.keyboard.type(' circel');
        // (while it is typed, 'ci' is unknown too: wait for the whole word)
        const diagnostics = await vs.waitForDiagnostics('prompts.flow', ds => ds.some(d => d.code === 'unknown-prompt-word' && d.message.includes("'circel'")), 'an unknown-prompt-word warning on circel');
        const warning = diagnostics.find(d => d.code === 'unknown-prompt-word')!;
        assert.equal(diagnostics.filter(d => d.code === 'unknown-prompt-word').length, 1, JSON.stringify(diagnostics));
        assert.equal(warning.severity, 'warning');
        assert.match(warning.message, /never saw 'circel'.*Did you mean 'circle'\?/);
        const squiggle = vs.page.locator('.editor-instance .monaco-editor .view-overlays .squiggly-warning').first();
        await squiggle.waitFor({ state: 'visible', timeout: 15_000 });
        await vs.screenshot('unknown-prompt-word');

        // The cursor is at the end of the misspelt word: Quick Fix, and its preferred action.
        await vs.page.keyboard.press('ArrowLeft');
        await vs.page.keyboard.press('Control+.');
        const fix = vs.page.locator('.action-widget .monaco-list-row', { hasText: "Change to 'circle'" }).first();
        await fix.waitFor({ state: 'visible', timeout: 15_000 });
        await vs.screenshot('quick-fix');
        // the preferred fix is the focused row: Enter applies it, as a user would
        await vs.page.keyboard.press('Enter');
        await vs.bridge.waitFor(s => !!s.activeEditor?.text.includes('text: "a red circle"'), 'the quick fix applied');
        await vs.waitForDiagnostics('prompts.flow', ds => !ds.some(d => d.code === 'unknown-prompt-word'), 'the warning gone');
        assert.equal(await vs.page.locator('.editor-instance .monaco-editor .view-overlays .squiggly-warning').count(), 0);
        await vs.page.keyboard.press('Control+S');
        await vs.bridge.waitFor(s => s.activeEditor?.isDirty === false, 'the file saved');
    });

    it('runs: KSampler previews on the graph node, the final image in the Outputs panel', async function () {
        assert.deepEqual(await vs.settledDiagnostics('prompts.flow'), []);
        await vs.bridge.executeCommand('workbench.action.focusFirstEditorGroup');
        await wb.runCommand(vs.page, 'Flow Studio: Run Workflow');
        await vs.page.locator('.statusbar-item', { hasText: 'Prompts: finished' }).first().waitFor({ timeout: 120_000 });
        const onDisk = pngsUnder(path.join(vs.workspace, 'flow-output', 'Prompts')).filter(f => f.includes(`prompts${path.sep}red`));
        assert.equal(onDisk.length, 1, `1 PNG on disk: ${JSON.stringify(onDisk)}`);

        // (KSampler's previews bring the Training panel to the front beside Outputs)
        await vs.screenshot('run-finished');
        await vs.page.locator('.tab', { hasText: 'Flow Outputs' }).click();
        const outputs = await waitInWebview(vs.page, '.runs', 'section.run[data-status="success"] .thumb');
        assert.equal(await outputs.locator('section.run[data-status="success"]', { hasText: 'Prompts' }).locator('.thumb').count(), 1);
        await vs.screenshot('outputs-final-image');

        // The graph: KSampler's node shows its last preview of the denoised estimate (inlined PNG).
        await vs.page.locator('.tab', { hasText: 'prompts.flow' }).nth(1).click();
        const sampler = graph.locator('.node[data-node-id="sampled"]');
        await graph.locator('.node.run-done[data-node-id="sampled"]').waitFor({ state: 'attached', timeout: 30_000 });
        // The graph beside two other groups is zoomed out to headers only: zoom in until nodes show their rows.
        for (let i = 0; i < 10 && await graph.locator('.world.lod').count() > 0; i++) {
            await graph.locator('button[data-toolbar="zoom-in"]').click();
        }
        await sampler.locator('.thumb img').waitFor({ state: 'attached', timeout: 30_000 });
        assert.match((await sampler.locator('.thumb img').getAttribute('src'))!, /^data:image\/png;base64,/);
        await vs.bridge.executeCommand('workbench.action.closePanel');
        await sampler.scrollIntoViewIfNeeded().catch(() => undefined);
        await vs.screenshot('graph-ksampler-preview');
        assert.equal(await vs.page.locator(SELECTORS.errorSquiggle).count(), 0);
    });
});
