import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { ImageEvent, RunEvent } from '../../../catalog/src/run-events.js';
import { asRun, EVENT_FIXTURES, loadEvents } from '../../unit/panels/event-fixtures.js';
import { assertClean, launchChromium, openPanel, screenshotPath, webviewUri, type PanelPage } from './harness.js';

// Callbacks passed to page.evaluate run in the browser; the root tsconfig has no DOM lib.
declare const document: any;

const ROOT = join(EVENT_FIXTURES, 'quickstart/output');

describe('outputs webview (Chromium, recorded quickstart run)', function () {
    this.timeout(120_000);
    const events = loadEvents('quickstart');
    const images = events.filter((e): e is ImageEvent => e.event === 'image');
    let browser: Browser;
    before(async () => { browser = await launchChromium(); });
    after(async () => { await browser?.close(); });

    let panel: PanelPage;
    afterEach(async () => { await panel?.close(); });

    /** Every thumbnail is drawn from its real file (loaded under the CSP, not broken). */
    async function loadedThumbs(): Promise<Array<{ path: string; src: string; natural: number }>> {
        await panel.page.waitForFunction(() => [...document.querySelectorAll('.thumb img')].every((i: any) => i.complete));
        return panel.page.$$eval('.thumb', els => els.map((b: any) => ({ path: b.dataset.path, src: b.querySelector('img')?.src ?? '', natural: b.querySelector('img')?.naturalWidth ?? 0 })));
    }

    it('shows images as the engine reports them, grouped by node, with seed and arguments', async () => {
        panel = await openPanel(browser, 'outputs', { roots: [ROOT] });
        assert.match(await panel.page.locator('.empty').textContent() ?? '', /No outputs yet/);
        const firstImage = events.indexOf(images[0]);
        await panel.feed(events.slice(0, firstImage));
        const run = panel.page.locator(`.run[data-run-id="${events[0].runId}"]`);
        assert.equal(await run.getAttribute('data-status'), 'running');
        assert.equal(await run.locator('vscode-progress-ring').count(), 1);
        assert.match(await run.locator('.run-meta').textContent() ?? '', /running SaveImages#1/);
        assert.match(await run.locator('.waiting').textContent() ?? '', /Waiting for images/);

        // Images one by one, as the run reports them.
        await panel.feed([images[0]]);
        let thumbs = await loadedThumbs();
        assert.deepEqual(thumbs.map(t => t.path), [images[0].path]);
        assert.equal(thumbs[0].src, webviewUri(images[0].path));
        assert.equal(thumbs[0].natural, images[0].width, 'the PNG loaded');
        await panel.feed(events.slice(firstImage + 1));
        thumbs = await loadedThumbs();
        assert.deepEqual(thumbs.map(t => t.path), images.map(i => i.path));
        assert.ok(thumbs.every(t => t.natural > 0), 'every PNG loaded');
        assert.equal(await run.getAttribute('data-status'), 'success');
        assert.equal(await run.locator('vscode-progress-ring').count(), 0);
        assert.equal(await run.locator('.status-tag').textContent(), 'success');

        const groups = await panel.page.$$eval('.node-group', els => els.map((g: any) => ({ id: g.dataset.nodeId, heading: g.querySelector('.node-heading').textContent, count: g.querySelectorAll('.thumb').length })));
        assert.deepEqual(groups.map(g => [g.id, g.count]), [['SaveImages#1', 16], ['SaveImages#2', 1]]);
        assert.match(groups[0].heading, /samples · count 16 · seed 42/);
        assert.match(groups[1].heading, /grid · columns 4/);
        const label = await panel.page.locator('.thumb').first().getAttribute('aria-label');
        assert.match(label!, /sample_00001\.png, 28×28, seed 42/);
        await panel.page.screenshot({ path: screenshotPath('outputs-run'), fullPage: true });
        await assertClean(panel);
    });

    it('enlarges an image on click; arrows step, Escape closes and gives focus back', async () => {
        panel = await openPanel(browser, 'outputs', { roots: [ROOT] });
        await panel.feed(events);
        const third = panel.page.locator('.thumb').nth(2);
        await third.click();
        const box = panel.page.locator('.lightbox');
        await box.waitFor({ state: 'visible' });
        assert.equal(await box.getAttribute('data-path'), images[2].path);
        assert.equal(await box.locator('img.lightbox-image').getAttribute('src'), webviewUri(images[2].path));
        const size = await box.locator('img.lightbox-image').evaluate((i: any) => ({ w: i.getBoundingClientRect().width, natural: i.naturalWidth }));
        assert.equal(size.natural, 28);
        assert.ok(size.w >= 28 * 4, `enlarged (${size.w}px wide)`);
        assert.match(await box.locator('.lightbox-counter').textContent() ?? '', /^3 \/ 17 · Quickstart · 28×28/);
        // The arguments grid lists seed and count.
        await panel.page.waitForFunction(() => document.querySelectorAll('.lightbox vscode-data-grid-row').length >= 5);
        const cells = (await box.locator('vscode-data-grid-cell').allTextContents()).map(c => c.trim());
        assert.ok(cells.join('|').includes('seed|42'), cells.join('|'));
        assert.ok(cells.join('|').includes('type|"SampleGAN"'), cells.join('|'));
        assert.equal(await panel.page.evaluate(() => document.activeElement?.dataset.action), 'close', 'focus moves into the dialog');
        await panel.page.screenshot({ path: screenshotPath('outputs-lightbox') });

        await panel.page.keyboard.press('ArrowRight');
        assert.equal(await box.getAttribute('data-path'), images[3].path);
        await panel.page.keyboard.press('ArrowLeft');
        await panel.page.keyboard.press('ArrowLeft');
        assert.equal(await box.getAttribute('data-path'), images[1].path);
        // Tab stays inside the dialog.
        for (let i = 0; i < 12; i++) await panel.page.keyboard.press('Tab');
        assert.ok(await panel.page.evaluate(() => !!document.activeElement?.closest('.lightbox')), 'focus trapped in the dialog');
        await panel.page.keyboard.press('Escape');
        assert.equal(await box.isVisible(), false);
        assert.equal(await panel.page.evaluate(() => document.activeElement?.dataset.path), images[1].path, 'focus back on the shown image');
        // Keyboard only: arrows move between thumbnails, Enter on a focused one opens it.
        await panel.page.keyboard.press('ArrowRight');
        assert.equal(await panel.page.evaluate(() => document.activeElement?.dataset.path), images[2].path);
        await panel.page.keyboard.press('ArrowLeft');
        await panel.page.keyboard.press('Enter');
        await box.waitFor({ state: 'visible' });
        assert.equal(await box.getAttribute('data-path'), images[1].path);
        await assertClean(panel);
    });

    it('posts open, reveal and copy requests for the shown file', async () => {
        panel = await openPanel(browser, 'outputs', { roots: [ROOT] });
        await panel.feed(events);
        await panel.page.locator('.node-group[data-node-id="SaveImages#2"] .thumb').click();
        await panel.clearPosted();
        for (const action of ['open-file', 'reveal-explorer', 'reveal-os', 'copy-path']) {
            await panel.page.click(`.lightbox vscode-button[data-action="${action}"]`);
        }
        const grid = images[16].path;
        assert.deepEqual(await panel.posted(), [
            { type: 'open-file', path: grid },
            { type: 'reveal', path: grid, target: 'explorer' },
            { type: 'reveal', path: grid, target: 'os' },
            { type: 'copy-path', path: grid },
        ]);
        // The buttons work from the keyboard too.
        await panel.clearPosted();
        await panel.page.focus('.lightbox vscode-button[data-action="copy-path"]');
        await panel.page.keyboard.press('Enter');
        assert.deepEqual(await panel.posted(), [{ type: 'copy-path', path: grid }]);
        await assertClean(panel);
    });

    it('collapses older runs when a new one starts, toggles from the keyboard, and restores from saved state', async () => {
        panel = await openPanel(browser, 'outputs', { roots: [ROOT] });
        await panel.feed(events);
        const second: RunEvent[] = asRun(events, 'second-run', 90_000);
        await panel.feed(second.slice(0, second.findIndex(e => e.event === 'image') + 3));
        const runIds = await panel.page.$$eval('.run', els => els.map((r: any) => r.dataset.runId));
        assert.deepEqual(runIds, ['second-run', events[0].runId], 'newest first');
        const older = panel.page.locator(`.run[data-run-id="${events[0].runId}"]`);
        assert.equal(await older.locator('.run-toggle').getAttribute('aria-expanded'), 'false');
        assert.equal(await older.locator('.run-body').isVisible(), false);
        await older.locator('.run-toggle').focus();
        await panel.page.keyboard.press('Enter');
        assert.equal(await older.locator('.run-toggle').getAttribute('aria-expanded'), 'true');
        assert.equal(await older.locator('.thumb').first().isVisible(), true);
        await panel.page.keyboard.press('Space');
        assert.equal(await older.locator('.run-toggle').getAttribute('aria-expanded'), 'false');
        assert.equal(await panel.page.locator('.run[data-run-id="second-run"] .thumb').count(), 3);
        await panel.page.screenshot({ path: screenshotPath('outputs-two-runs'), fullPage: true });
        await assertClean(panel);

        // A reload: the view comes back from its saved state before the host says anything.
        const saved = await panel.savedState() as { runs: Array<{ runId: string }>; collapsed: string[] };
        assert.deepEqual(saved.runs.map(r => r.runId), ['second-run', events[0].runId]);
        assert.deepEqual(saved.collapsed, [events[0].runId]);
        await panel.close();
        panel = await openPanel(browser, 'outputs', { roots: [ROOT], state: saved });
        assert.deepEqual(await panel.page.$$eval('.run', els => els.map((r: any) => r.dataset.runId)), ['second-run', events[0].runId]);
        assert.equal(await panel.page.locator(`.run[data-run-id="${events[0].runId}"] .run-toggle`).getAttribute('aria-expanded'), 'false');
        assert.equal(await panel.page.locator('.thumb').count(), 17 + 3);
        await assertClean(panel);
    });

    it('inlines temporary PreviewImage files (outside the output folder) and offers no Explorer reveal for them', async () => {
        panel = await openPanel(browser, 'outputs', { roots: [ROOT] });
        const temp = join(EVENT_FIXTURES, 'quickstart/previews/trained-preview-000020.png');
        await panel.feed([events[0], { ...images[0], node: 'PreviewImage#1', path: temp, width: 236, height: 236, saved: false }]);
        const thumb = panel.page.locator('.thumb img');
        assert.match(await thumb.getAttribute('src') ?? '', /^data:image\/png;base64,/);
        assert.equal(await thumb.evaluate((i: any) => i.naturalWidth), 236);
        await panel.page.click('.thumb');
        assert.equal(await panel.page.locator('.lightbox vscode-button[data-action="reveal-explorer"]').getAttribute('disabled'), '');
        await panel.clearPosted();
        await panel.page.click('.lightbox vscode-button[data-action="reveal-os"]');
        assert.deepEqual(await panel.posted(), [{ type: 'reveal', path: temp, target: 'os' }]);
        // Temporary images are not persisted (they would bloat the saved state and vanish anyway).
        assert.deepEqual(((await panel.savedState()) as { runs: Array<{ nodes: unknown[] }> }).runs.map(r => r.nodes), [[]]);
        await assertClean(panel);
    });

    it('shows a missing file as missing rather than a broken image', async () => {
        panel = await openPanel(browser, 'outputs', { roots: [ROOT] });
        await panel.feed([events[0]]);
        await panel.send({ type: 'event', event: { ...images[0], path: '/nowhere/gone.png' }, src: '' });
        assert.equal(await panel.page.locator('.thumb .missing').textContent(), 'file missing');
        await assertClean(panel);
    });

    it('fails on CSP violations (the guard itself works)', async () => {
        panel = await openPanel(browser, 'outputs', { roots: [ROOT] });
        await panel.page.evaluate(() => {
            document.body.setAttribute('style', 'color: red');
            const s = document.createElement('style');
            s.textContent = 'body { color: red }';
            document.head.append(s);
        });
        await panel.page.waitForFunction(() => (globalThis as any).__csp.length >= 2);
        const violations = await panel.violations();
        assert.ok(violations.some(v => v.startsWith('style-src')), violations.join('\n'));
        panel.errors.length = 0;
    });
});
