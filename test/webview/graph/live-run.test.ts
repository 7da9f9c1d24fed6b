import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { RunEvent } from '../../../catalog/src/run-events.js';
import { exampleUpdate } from './fixtures.js';
import { assertClean, launchChromium, openGraphPage, screenshotPath } from './harness.js';

// A 2x2 PNG (white/black checker) as the latest image.
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAAAAABX3VL4AAAADklEQVR4nGP4z8DAwMAAAw4BAAGRiVQAAAAASUVORK5CYII=';

describe('graph webview: live run states (Chromium)', function () {
    this.timeout(120_000);
    let browser: Browser;
    before(async () => { browser = await launchChromium(); });
    after(async () => { await browser?.close(); });

    it('shows queued, running with progress and losses, cached, done, error and thumbnails', async () => {
        const gp = await openGraphPage(browser);
        const update = await exampleUpdate('digits-gan.flow');
        await gp.update(update);
        const nodes = update.graph.workflows[0].nodes;
        const base = { runId: 'run-1', time: Date.now() };
        const events: Array<{ event: RunEvent; imageUri?: string }> = [
            { event: { ...base, event: 'run-start', version: 1, workflow: 'DigitsGan', file: '/w/digits-gan.flow', backend: 'cpu', outputDir: '/w/out', nodes: nodes.map(n => ({ id: n.id, type: n.type, label: n.id, uri: update.graph.uri, range: n.range })) } },
            { event: { ...base, event: 'node-cached', node: 'digits', type: 'LoadMNIST', source: 'disk' } },
            { event: { ...base, event: 'node-start', node: 'norm', type: 'Normalize' } },
            { event: { ...base, event: 'node-end', node: 'norm', type: 'Normalize', ms: 40 } },
            { event: { ...base, event: 'node-start', node: 'trained', type: 'TrainGAN' } },
            { event: { ...base, event: 'progress', node: 'trained', value: 120, max: 400, metrics: { dLoss: 0.6931, gLoss: 1.25, epoch: 1 } } },
            { event: { ...base, event: 'preview', node: 'trained', path: '/tmp/preview.png', step: 100, width: 2, height: 2 }, imageUri: PNG },
            { event: { ...base, event: 'error', node: 'gen', message: 'bad weights' } },
            { event: { ...base, event: 'image', node: 'SaveImages#1', path: '/w/out/a.png', width: 2, height: 2, saved: true }, imageUri: PNG },
        ];
        for (const e of events) await gp.send({ type: 'runEvent', ...e });
        const node = (id: string) => gp.page.locator(`.node[data-node-id="${id}"]`);
        await gp.page.waitForSelector('.node.run-running[data-node-id="trained"]');
        assert.equal(await node('digits').locator('.run-badge').textContent(), 'cached');
        assert.equal(await node('norm').locator('.run-badge').textContent(), 'done');
        assert.equal(await node('trained').locator('.run-badge').textContent(), 'running 30%');
        assert.equal(await node('trained').locator('.progress > div').evaluate(e => (e as unknown as { style: { width: string } }).style.width), '30%');
        assert.match((await node('trained').locator('[data-slot="metrics"]').textContent())!, /dLoss 0\.6931 {2}gLoss 1\.2500 {2}epoch 1/);
        assert.equal(await node('trained').locator('.thumb img').getAttribute('src'), PNG);
        assert.equal(await node('SaveImages#1').locator('.thumb img').getAttribute('src'), PNG);
        assert.ok(await node('gen').evaluate(e => (e as unknown as { classList: DOMTokenList }).classList.contains('run-error')));
        assert.ok(await node('samples').evaluate(e => (e as unknown as { classList: DOMTokenList }).classList.contains('run-queued')));
        assert.match((await gp.page.locator('.toolbar .status').textContent())!, /DigitsGan: error \(2\/10 nodes\)/);
        await gp.page.screenshot({ path: screenshotPath('graph-live-run') });
        // States survive a re-render from a text edit.
        await gp.update({ ...update, documentVersion: 2 });
        assert.equal(await node('trained').locator('.run-badge').textContent(), 'running 30%');
        await gp.send({ type: 'runReset' });
        assert.equal(await node('trained').locator('.run-badge').textContent(), '');
        await assertClean(gp);
        await gp.page.context().close();
    });
});

type DOMTokenList = { contains(c: string): boolean };
