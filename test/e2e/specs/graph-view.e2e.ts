/**
 * The Flow Graph custom editor in a real VS Code: it opens beside the text, a value changed in
 * the graph edits the text (one line, undoable, dirty like typing), typing in the text redraws
 * the graph, the selection follows both ways, and a run animates the nodes (queued, running,
 * done; cached on a re-run) with image thumbnails.
 */
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { assertNoCspViolations, sessionHooks, startSession, webviewFrame, workbench as wb, type Session } from '../driver/index.js';

// Trains for a few steps only (maxSteps), so a run takes seconds on two busy cores.
const TINY = `/** A tiny GAN for the graph view e2e spec. */
workflow Tiny {
    digits = LoadMNIST(limit: 64)
    norm = Normalize(dataset: digits)
    gen = DCGANGenerator(latentDim: 8, imageSize: 28, channels: 1, filters: 4)
    disc = DCGANDiscriminator(imageSize: 28, channels: 1, filters: 4)
    trained = TrainGAN(generator: gen, discriminator: disc, dataset: norm, epochs: 1, batchSize: 16, maxSteps: 4, previewEvery: 2)
    samples = SampleGAN(generator: trained.generator, count: 4, seed: 1)
    SaveImages(images: samples, prefix: "tiny/sample")
}
`;
const TINY_NODES = ['digits', 'norm', 'gen', 'disc', 'trained', 'samples', 'SaveImages#1'];
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

describe('e2e: graph view in VS Code', function () {
    let vs: Session;
    let graph: Frame;
    const node = (id: string) => graph.locator(`.node[data-node-id="${id}"]`);
    const widget = (id: string, name: string) => node(id).locator(`.widget-value[data-widget="${name}"]`);
    /** Focuses the text editor (group 1) without moving its cursor, so the bridge sees it. */
    const focusText = () => vs.bridge.executeCommand('workbench.action.focusFirstEditorGroup');

    before(async function () {
        // Wide enough for text and graph side by side with the graph drawn in full detail.
        vs = await startSession({ name: 'graph-view', files: { 'tiny.flow': TINY }, viewport: { width: 1920, height: 1000 } });
        await vs.waitForFlowStudio();
        await vs.bridge.executeCommand('workbench.action.closeSidebar');
    });

    sessionHooks(() => vs);

    it('opens the graph beside the text from the CodeLens: nodes, wires and widget values from the language server', async function () {
        await vs.openFile('tiny.flow');
        // the "Open Graph" CodeLens above the workflow (the palette command is in extension.e2e.ts)
        await vs.page.locator('.codelens-decoration a', { hasText: 'Open Graph' }).first().click({ timeout: 30_000 });
        graph = await webviewFrame(vs.page, '.node[data-node-id="trained"]');
        const ids = await graph.locator('.node[data-node-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-node-id')));
        assert.deepEqual([...ids].sort(), [...TINY_NODES].sort());
        assert.equal(await graph.locator('.wires path.wire, .wires path').count() >= 7, true, 'wires drawn');
        assert.equal(await widget('samples', 'count').textContent(), '4');
        assert.equal(await widget('trained', 'maxSteps').textContent(), '4');
        // the text editor stays open in the first group, the graph is beside it
        const state = await vs.bridge.state();
        assert.ok(state.visibleEditors.includes(vs.uri('tiny.flow')), `text editor visible: ${JSON.stringify(state.visibleEditors)}`);
        assert.equal(await vs.page.locator('.editor-group-container').count(), 2, 'two editor groups');
        await vs.screenshot('graph-beside-text');
    });

    it('a value changed in the graph edits one line of the text; undo brings it back', async function () {
        await widget('samples', 'count').click();
        await node('samples').locator('vscode-text-field[data-editor="count"]').waitFor();
        await vs.page.keyboard.press('Control+A');
        await vs.page.keyboard.type('9');
        await vs.page.keyboard.press('Enter');
        await focusText();
        const edited = await vs.bridge.waitFor((s) => !!s.activeEditor?.text.includes('count: 9'), 'the text to say count: 9');
        const before = TINY.split('\n');
        const after = edited.activeEditor!.text.split('\n');
        assert.equal(after.length, before.length);
        const changed = after.map((l, i) => (l === before[i] ? -1 : i)).filter((i) => i >= 0);
        assert.deepEqual(changed, [lineOf(TINY, 'samples =')], 'only the samples line changed');
        assert.equal(after[changed[0]], '    samples = SampleGAN(generator: trained.generator, count: 9, seed: 1)');
        assert.equal(edited.activeEditor!.isDirty, true, 'the document is dirty, as after typing');
        await widget('samples', 'count').filter({ hasText: /^9$/ }).waitFor();
        await vs.screenshot('graph-edit-in-text');

        await vs.page.keyboard.press('Control+Z');
        const undone = await vs.bridge.waitFor((s) => s.activeEditor?.text === TINY, 'undo to restore the text');
        assert.equal(undone.activeEditor!.isDirty, false);
        await widget('samples', 'count').filter({ hasText: /^4$/ }).waitFor({ timeout: 10_000 });
    });

    it('renames a node from the graph: its statement and its references, undone in one step', async function () {
        await node('samples').focus();
        await vs.page.keyboard.press('F2');
        await node('samples').locator('vscode-text-field').waitFor();
        // A locator wait, not waitForFunction: the webview's CSP forbids evaluating strings.
        await node('samples').locator('vscode-text-field:focus').waitFor();
        await vs.page.keyboard.press('Control+A');
        await vs.page.keyboard.type('fakes');
        await vs.page.keyboard.press('Enter');
        await node('fakes').waitFor({ timeout: 10_000 });
        await focusText();
        const renamed = await vs.bridge.waitFor((s) => !!s.activeEditor?.text.includes('fakes ='), 'the rename in the text');
        const before = TINY.split('\n');
        const after = renamed.activeEditor!.text.split('\n');
        const changed = after.map((l, i) => (l === before[i] ? -1 : i)).filter((i) => i >= 0);
        assert.deepEqual(changed, [lineOf(TINY, 'samples ='), lineOf(TINY, 'SaveImages(')], 'the statement and its one reference');
        assert.equal(after[changed[1]], '    SaveImages(images: fakes, prefix: "tiny/sample")');
        await vs.screenshot('graph-rename-in-text');
        await vs.page.keyboard.press('Control+Z');
        await vs.bridge.waitFor((s) => s.activeEditor?.text === TINY, 'one undo to restore the text');
        await node('samples').waitFor({ timeout: 10_000 });
    });

    it('typing in the text redraws the graph', async function () {
        await wb.selectText(vs.page, 'seed: 1)');
        await vs.page.keyboard.type('seed: 7)');
        const started = Date.now();
        await widget('samples', 'seed').filter({ hasText: /^7$/ }).waitFor({ timeout: 10_000 });
        const valueMs = Date.now() - started;

        // a new statement becomes a new node, wired from its input
        await wb.goTo(vs.page, lineOf(TINY, 'SaveImages(') + 1, 1);
        await vs.page.keyboard.press('End');
        await vs.page.keyboard.press('Enter');
        await vs.page.keyboard.type('grid = ImageGrid(images: samples, columns: 2');
        await widget('grid', 'columns').filter({ hasText: /^2$/ }).waitFor({ timeout: 10_000 });
        const text = (await vs.bridge.state()).activeEditor!.text;
        assert.match(text, /grid = ImageGrid\(images: samples, columns: 2\)/);
        console.log(`      (graph showed the typed value ${valueMs} ms after the last keystroke)`);
        await vs.screenshot('text-edit-in-graph');
    });

    it('follows the selection both ways', async function () {
        // text cursor -> node highlighted
        await wb.goTo(vs.page, lineOf(TINY, 'disc =') + 1, 8);
        await graph.locator('.node.highlighted[data-node-id="disc"]').waitFor({ timeout: 10_000 });
        await vs.screenshot('cursor-highlights-node');
        // node selected in the graph -> its line selected in the text
        await node('gen').locator('.node-title').click();
        await graph.locator('.node.selected[data-node-id="gen"]').waitFor();
        await focusText();
        const state = await vs.bridge.waitFor((s) => s.activeEditor?.selection[0] === lineOf(TINY, 'gen ='), 'the cursor on the gen line');
        assert.equal(state.activeEditor!.uri, vs.uri('tiny.flow'));
    });

    it('animates a run: queued, running, done with thumbnails; cached on a re-run', async function () {
        await vs.page.keyboard.press('Control+S');
        await vs.bridge.waitFor((s) => s.activeEditor?.isDirty === false, 'the file to be saved');
        // Record every run state class each node takes (a tiny run is fast).
        // (a string: the root tsconfig has no DOM lib)
        await graph.evaluate(`(() => {
            const seen = {};
            globalThis.__runClasses = seen;
            const record = (el) => {
                const id = el.getAttribute('data-node-id');
                if (!id) return;
                for (const c of el.classList) if (c.startsWith('run-') && !(seen[id] ??= []).includes(c)) seen[id].push(c);
            };
            new MutationObserver((records) => { for (const r of records) record(r.target); })
                .observe(document.querySelector('.nodes'), { attributes: true, attributeFilter: ['class'], subtree: true });
        })()`);
        const seen = () => graph.evaluate('globalThis.__runClasses') as Promise<Record<string, string[]>>;

        // From the palette, with the text active: the Outputs panel (and the training dashboard)
        // open beside it, over the graph, which keeps following the run behind them.
        await wb.runCommand(vs.page, 'Flow Studio: Run Workflow');
        await vs.page.locator('.tab', { hasText: 'Flow Outputs' }).waitFor({ timeout: 60_000 });
        await vs.page.locator('.statusbar-item', { hasText: 'Tiny: finished' }).first().waitFor({ timeout: 180_000 });
        // the view gets the last events a moment after the status bar
        let classes = await seen();
        for (const deadline = Date.now() + 15_000; Date.now() < deadline && !TINY_NODES.every((id) => classes[id]?.at(-1) === 'run-done');) {
            await vs.page.waitForTimeout(200);
            classes = await seen();
        }
        for (const id of TINY_NODES) {
            assert.deepEqual(classes[id]?.slice(0, 1), ['run-queued'], `${id} was queued first: ${JSON.stringify(classes)}`);
            assert.ok(classes[id].includes('run-running'), `${id} ran: ${JSON.stringify(classes)}`);
            assert.equal(classes[id].at(-1), 'run-done', `${id} ended done: ${JSON.stringify(classes)}`);
        }
        // back to the graph tab: final states, thumbnails and losses
        await vs.page.locator('.tab', { hasText: 'tiny.flow' }).nth(1).click();
        for (const id of TINY_NODES) await graph.locator(`.node.run-done[data-node-id="${id}"]`).waitFor({ timeout: 10_000 });
        // the saved images load through the webview's resource roots (CSP: img-src webview only)
        const thumb = node('SaveImages#1').locator('.thumb img');
        await thumb.waitFor();
        assert.match((await thumb.getAttribute('src'))!, /sample/);
        await graph.waitForFunction((el) => (el as { complete: boolean; naturalWidth: number }).complete
            && (el as { naturalWidth: number }).naturalWidth > 0, await thumb.elementHandle(), { timeout: 10_000 });
        // the training node shows its last preview grid (inlined) and losses
        assert.match((await node('trained').locator('.thumb img').getAttribute('src'))!, /^data:image\/png;base64,/);
        assert.match((await node('trained').locator('.metrics').textContent())!, /Loss/i);
        await vs.bridge.executeCommand('workbench.action.closePanel');
        await vs.screenshot('graph-run-done');

        // again, from the graph view, as its Run CodeLens does (uri, workflow): nodes come from the cache
        await node('trained').locator('.node-title').click();
        await vs.bridge.executeCommand('flowstudio.runWorkflow', { $uri: vs.uri('tiny.flow') }, 'Tiny');
        // every node, the saving one included, comes from the disk cache
        for (const id of TINY_NODES) {
            await graph.locator(`.node.run-cached[data-node-id="${id}"]`).waitFor({ state: 'attached', timeout: 120_000 });
        }
        // the Outputs panel came to the front with the run's images: back to the graph
        await vs.page.locator('.tab', { hasText: 'tiny.flow' }).nth(1).click();
        await graph.locator('.toolbar .status', { hasText: 'Tiny: success (7/7 nodes)' }).waitFor({ timeout: 30_000 });
        await vs.bridge.executeCommand('workbench.action.closePanel');
        await vs.screenshot('graph-rerun-cached');
    });

    it('logged no Content Security Policy violation in its webviews (and would have seen one)', async function () {
        await assertNoCspViolations(vs, '.node[data-node-id]');
    });
});
