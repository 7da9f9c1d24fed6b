import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { PreviewEvent, ProgressEvent, RunEvent } from '../../../catalog/src/run-events.js';
import { formatMetric } from '../../../webview/src/shared/format.js';
import { asRun, loadEvents, trainingRun } from '../../unit/panels/event-fixtures.js';
import { assertClean, launchChromium, openPanel, screenshotPath, type PanelPage } from './harness.js';

// Callbacks passed to page.evaluate run in the browser; the root tsconfig has no DOM lib.
declare const document: any;
declare const globalThis: any;

describe('training dashboard webview (Chromium, recorded quickstart run and synthetic trainers)', function () {
    this.timeout(120_000);
    const events = loadEvents('quickstart');
    const progress = events.filter((e): e is ProgressEvent => e.event === 'progress');
    const previews = events.filter((e): e is PreviewEvent => e.event === 'preview');
    let browser: Browser;
    before(async () => { browser = await launchChromium(); });
    after(async () => { await browser?.close(); });

    let panel: PanelPage;
    afterEach(async () => { await panel?.close(); });

    /** Painted pixels of the first chart of `node`. */
    async function chartPainted(node: string): Promise<number> {
        return panel.page.evaluate((n: string) => {
            const canvas = globalThis.flowDashboardView.chartOf(n).canvas;
            const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            let painted = 0;
            for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
            return painted;
        }, node);
    }

    /** What chart.js holds and has drawn. */
    async function chartData(): Promise<{ d: Array<{ x: number; y: number }>; g: Array<{ x: number; y: number }>; labels: string[]; painted: number }> {
        return panel.page.evaluate(() => {
            const chart = globalThis.flowDashboardView.chartOf('trained');
            const canvas = chart.canvas;
            const ctx = canvas.getContext('2d');
            const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
            let painted = 0;
            for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
            return { d: chart.data.datasets[0].data, g: chart.data.datasets[1].data, labels: chart.data.datasets.map((s: any) => s.label), painted };
        });
    }

    const stat = (key: string) => panel.page.locator(`[data-stat="${key}"]`).textContent();
    const statLabels = async () => (await panel.page.locator('.stats dt').allTextContents()).map(t => t.trim());

    /** Series labels and point counts of every chart of `node`, by chart name. */
    async function charts(node: string): Promise<Record<string, Array<{ label: string; points: number }>>> {
        return panel.page.evaluate((n: string) => {
            const out: Record<string, Array<{ label: string; points: number }>> = {};
            for (const figure of document.querySelectorAll(`section[data-node="${n}"] figure[data-chart]`)) {
                const name = figure.dataset.chart;
                const chart = globalThis.flowDashboardView.chartOf(n, name);
                out[name] = chart.data.datasets.map((s: any) => ({ label: s.label, points: s.data.length }));
            }
            return out;
        }, node);
    }

    /** The column titles of the table tab (its first, generated, row). */
    async function tableHeader(): Promise<string[]> {
        await panel.page.click('vscode-panel-tab:has-text("Table")');
        await panel.page.waitForFunction(() => document.querySelectorAll('vscode-data-grid vscode-data-grid-row').length > 1);
        const cells = panel.page.locator('vscode-data-grid vscode-data-grid-row').first().locator('vscode-data-grid-cell');
        return (await cells.allTextContents()).map(c => c.trim());
    }

    it('draws live loss curves with step, epoch and ETA while training', async () => {
        panel = await openPanel(browser, 'dashboard');
        assert.match(await panel.page.locator('.empty').textContent() ?? '', /No training yet/);
        const half = events.indexOf(progress[Math.floor(progress.length / 2)]);
        await panel.feed(events.slice(0, half + 1));
        const shown = progress.slice(0, Math.floor(progress.length / 2) + 1);
        let data = await chartData();
        assert.deepEqual(data.labels, ['D loss', 'G loss']);
        assert.deepEqual(Object.keys(await charts('trained')), ['Loss'], 'both losses share the one Loss chart');
        assert.deepEqual(await statLabels(), ['Step', 'Epoch', 'ETA', 'D loss', 'G loss']);
        assert.equal(data.d.length, shown.length);
        assert.deepEqual(data.d[0], { x: shown[0].metrics!.step, y: shown[0].metrics!.dLoss });
        assert.deepEqual(data.g[data.g.length - 1], { x: shown[shown.length - 1].metrics!.step, y: shown[shown.length - 1].metrics!.gLoss });
        assert.ok(data.painted > 1000, `the chart is drawn (${data.painted} painted pixels)`);
        const last = shown[shown.length - 1];
        assert.equal(await stat('step'), `${last.value} / ${last.max}`);
        assert.equal(await stat('epoch'), String(last.metrics!.epoch));
        assert.match(await stat('eta') ?? '', /^\d+:\d\d$/);
        assert.equal(await stat('dLoss'), formatMetric(last.metrics!.dLoss));
        assert.equal(await stat('gLoss'), formatMetric(last.metrics!.gLoss));
        assert.equal(await panel.page.locator('[data-status]').textContent(), 'running');
        assert.equal(await panel.page.locator('vscode-progress-ring').count(), 1);
        assert.equal(await panel.page.locator('progress.training-progress').evaluate((p: any) => p.value), last.value);

        await panel.feed(events.slice(half + 1));
        data = await chartData();
        assert.equal(data.d.length, progress.length);
        assert.equal(data.g.length, progress.length);
        assert.equal(await stat('eta'), 'done');
        assert.equal(await panel.page.locator('[data-status]').textContent(), 'success');
        const end = progress[progress.length - 1].metrics!;
        assert.equal(await panel.page.locator('canvas').getAttribute('aria-label'),
            `Loss curves over ${progress.length} steps; at step ${end.step}: D loss ${formatMetric(end.dLoss)}, G loss ${formatMetric(end.gLoss)}`);
        await panel.page.screenshot({ path: screenshotPath('dashboard-trained'), fullPage: true });

        // The table tab shows the same numbers as text (keyboard and screen reader users).
        assert.equal(await panel.page.locator('vscode-data-grid').isVisible(), false, 'the table tab starts hidden');
        await panel.page.click('vscode-panel-tab:has-text("Table")');
        assert.equal(await panel.page.locator('canvas').isVisible(), false);
        await panel.page.waitForFunction(() => document.querySelectorAll('vscode-data-grid vscode-data-grid-row').length > 2);
        const firstRow = (await panel.page.locator('vscode-data-grid vscode-data-grid-row').nth(1).locator('vscode-data-grid-cell').allTextContents()).map(c => c.trim());
        assert.deepEqual(firstRow, [String(end.step), formatMetric(end.dLoss), formatMetric(end.gLoss)]);
        assert.deepEqual(await tableHeader(), ['Step', 'D loss', 'G loss']);
        await assertClean(panel);
    });

    it('draws a diffusion training (TrainDiffusion declares loss only): one series, a Loss stat, no D/G stats', async () => {
        panel = await openPanel(browser, 'dashboard');
        const run = trainingRun({ runId: 'diffusion', node: 'model', type: 'TrainDiffusion', steps: 40, metrics: step => ({ loss: 0.1 + 1 / step, epoch: 1 + Math.floor(step / 20) }) });
        await panel.feed(run);
        assert.deepEqual(await charts('model'), { Loss: [{ label: 'Loss', points: 40 }] });
        assert.deepEqual(await statLabels(), ['Step', 'Epoch', 'ETA', 'Loss']);
        assert.equal(await stat('loss'), formatMetric(0.1 + 1 / 40));
        assert.equal(await stat('epoch'), '3');
        assert.equal(await panel.page.locator('[data-stat="dLoss"], [data-stat="gLoss"]').count(), 0);
        assert.equal(await panel.page.locator('canvas').getAttribute('aria-label'), `Loss curves over 40 steps; at step 40: Loss ${formatMetric(0.1 + 1 / 40)}`);
        assert.ok((await chartPainted('model')) > 1000, 'the curve is drawn');
        await panel.page.screenshot({ path: screenshotPath('dashboard-diffusion'), fullPage: true });
        assert.deepEqual(await tableHeader(), ['Step', 'Loss']);
        await assertClean(panel);
    });

    it('draws a pack trainer that declares no metrics: every numeric metric but step/epoch/resumedFrom, in one chart', async () => {
        panel = await openPanel(browser, 'dashboard');
        const run = trainingRun({
            runId: 'pack', node: 'agent', type: 'TrainAgent', steps: 30,
            metrics: step => ({ reward: Math.sqrt(step), epoch: 1, ...(step === 1 ? { resumedFrom: 0 } : {}), ...(step > 10 ? { entropy: 3 - step / 15 } : {}) }),
        });
        // Up to step 10 only `reward` is reported; `entropy` joins later and gets its own series.
        await panel.feed(run.slice(0, 12));
        assert.deepEqual(await charts('agent'), { Metrics: [{ label: 'reward', points: 10 }] });
        assert.deepEqual(await statLabels(), ['Step', 'Epoch', 'ETA', 'reward']);
        await panel.feed(run.slice(12));
        assert.deepEqual(await charts('agent'), { Metrics: [{ label: 'reward', points: 30 }, { label: 'entropy', points: 20 }] });
        assert.deepEqual(await statLabels(), ['Step', 'Epoch', 'ETA', 'reward', 'entropy']);
        assert.equal(await stat('entropy'), formatMetric(3 - 30 / 15));
        assert.equal(await stat('eta'), 'done');
        assert.match(await panel.page.locator('canvas').getAttribute('aria-label') ?? '', /^Metrics curves over 30 steps; at step 30: reward 5\.477, entropy 1$/);
        await panel.page.screenshot({ path: screenshotPath('dashboard-pack-trainer'), fullPage: true });
        assert.deepEqual(await tableHeader(), ['Step', 'reward', 'entropy']);
        await assertClean(panel);
    });

    it('draws one chart per distinct chart of the declared metrics (a pack trainer the host knows)', async () => {
        panel = await openPanel(browser, 'dashboard', {
            metrics: type => (type === 'TrainAgent' ? [
                { name: 'reward', label: 'Reward', chart: 'Return' },
                { name: 'policyLoss', label: 'Policy loss', chart: 'Loss' }, { name: 'valueLoss', label: 'Value loss', chart: 'Loss' },
            ] : undefined),
        });
        await panel.feed(trainingRun({
            runId: 'pack', node: 'agent', type: 'TrainAgent', steps: 20,
            metrics: step => ({ reward: step, policyLoss: 1 / step, valueLoss: 2 / step, undeclared: 7, epoch: 1 }),
        }));
        assert.deepEqual(await charts('agent'), {
            Return: [{ label: 'Reward', points: 20 }],
            Loss: [{ label: 'Policy loss', points: 20 }, { label: 'Value loss', points: 20 }],
        });
        assert.deepEqual(await statLabels(), ['Step', 'Epoch', 'ETA', 'Reward', 'Policy loss', 'Value loss']);
        assert.deepEqual(await panel.page.locator('canvas').evaluateAll((cs: any[]) => cs.map(c => c.getAttribute('aria-label'))), [
            'Return curves over 20 steps; at step 20: Reward 20',
            'Loss curves over 20 steps; at step 20: Policy loss 0.05, Value loss 0.1',
        ]);
        const ids: string[] = await panel.page.evaluate(() => [...document.querySelectorAll('[id]')].map((e: any) => e.id));
        assert.equal(new Set(ids).size, ids.length, `element ids are unique: ${ids.join(' ')}`);
        await panel.page.screenshot({ path: screenshotPath('dashboard-two-charts'), fullPage: true });
        await assertClean(panel);
    });

    it('shows the latest preview grid and scrubs back through earlier ones with the slider', async () => {
        panel = await openPanel(browser, 'dashboard');
        await panel.feed(events.slice(0, events.indexOf(previews[0]) + 1));
        const img = panel.page.locator('.preview-image');
        assert.equal(await img.getAttribute('data-step'), String(previews[0].step));
        assert.ok(await img.evaluate((i: any) => i.complete && i.naturalWidth > 0), 'the preview loaded');
        assert.equal(await img.evaluate((i: any) => i.naturalWidth), previews[0].width);
        await panel.feed(events.slice(events.indexOf(previews[0]) + 1));
        const steps = previews.map(p => String(p.step));
        assert.equal(await img.getAttribute('data-step'), steps[steps.length - 1], 'follows the newest grid');
        const slider = panel.page.locator('input[type="range"]');
        assert.equal(await slider.getAttribute('max'), String(previews.length - 1));
        assert.equal(await slider.inputValue(), String(previews.length - 1));

        // Keyboard scrubbing: Home, then one step right.
        await slider.focus();
        await panel.page.keyboard.press('Home');
        assert.equal(await img.getAttribute('data-step'), steps[0]);
        assert.match(await panel.page.locator('.preview-caption').textContent() ?? '', new RegExp(`Step ${steps[0]} \\(1 of ${steps.length}\\)`));
        await panel.page.keyboard.press('ArrowRight');
        assert.equal(await img.getAttribute('data-step'), steps[1]);
        assert.equal(await slider.getAttribute('aria-valuetext'), `step ${steps[1]}`);
        const src1 = await img.getAttribute('src');
        assert.match(src1!, /^data:image\/png;base64,/);

        // A new preview while scrubbed back does not pull the view away.
        const extra: RunEvent = { ...previews[previews.length - 1], step: 999, time: previews[previews.length - 1].time + 1 };
        await panel.feed([extra]);
        assert.equal(await img.getAttribute('data-step'), steps[1]);
        assert.equal(await slider.getAttribute('max'), String(previews.length));
        // "Latest" jumps back to following.
        await panel.page.click('vscode-button[data-action="latest"]');
        assert.equal(await img.getAttribute('data-step'), '999');

        // Clicking the grid asks the host to open that preview file.
        await panel.clearPosted();
        await panel.page.click('.preview-frame');
        assert.deepEqual(await panel.posted(), [{ type: 'open-preview', node: 'trained', step: 999 }]);
        await panel.page.screenshot({ path: screenshotPath('dashboard-scrubbed'), fullPage: true });
        await assertClean(panel);
    });

    it('keeps the last training through a run that does not train, replaces it on the next training, and restores from saved state', async () => {
        panel = await openPanel(browser, 'dashboard');
        await panel.feed(events);
        const start = events[0];
        await panel.feed([
            { ...start, runId: 'cached', time: start.time + 60_000 },
            { event: 'node-cached', node: 'trained', type: 'TrainGAN', source: 'disk', runId: 'cached', time: start.time + 60_001 },
            { event: 'run-end', status: 'success', ms: 3, executed: 0, cached: 7, runId: 'cached', time: start.time + 60_003 },
        ]);
        assert.match(await panel.page.locator('.training-origin').textContent() ?? '', /showing the last training/);
        assert.equal((await chartData()).d.length, progress.length);

        const again = asRun(events, 'again', 120_000);
        await panel.feed(again.slice(0, again.findIndex(e => e.event === 'progress') + 3));
        assert.equal(await panel.page.locator('.training-origin').count(), 0);
        assert.equal((await chartData()).d.length, 3);
        assert.equal(await panel.page.locator('.preview-image').getAttribute('src'), null, 'old previews are gone');

        const saved = await panel.savedState();
        await panel.close();
        panel = await openPanel(browser, 'dashboard', { state: saved });
        assert.equal((await chartData()).d.length, 3);
        assert.equal(await stat('step'), `${progress[2].value} / ${progress[2].max}`);
        await assertClean(panel);
    });

    it('follows the VS Code theme colors', async () => {
        panel = await openPanel(browser, 'dashboard');
        await panel.feed(events.slice(0, events.indexOf(progress[3]) + 1));
        await panel.page.evaluate(() => {
            document.documentElement.style.setProperty('--vscode-charts-red', 'rgb(1, 2, 3)');
            document.body.classList.add('vscode-light');
        });
        await panel.page.waitForFunction(() => globalThis.flowDashboardView.chartOf('trained').data.datasets[0].borderColor === 'rgb(1, 2, 3)');
        await assertClean(panel);
    });
});
