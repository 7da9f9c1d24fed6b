/**
 * "Flow Studio: Run With Values…" in a real VS Code: two arguments given several values each
 * through the quick picks run one sweep through the flowstudio task (terminal, status bar), and
 * the Outputs panel shows one entry with the labelled comparison grid first (the file on disk,
 * loaded in the webview) and each combination's image labelled with its values.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pngsUnder, SELECTORS, sessionHooks, startSession, waitInWebview, workbench as wb, type Session } from '../driver/index.js';

const SHAPES = `workflow Shapes {
    shapes = SyntheticShapes(count: 4, size: 16, seed: 0)
    big = Resize(dataset: shapes, width: 24, height: 24, mode: "nearest")
    picked = DatasetImages(dataset: big, count: 2)
    grid = ImageGrid(images: picked, columns: 2, padding: 2)
    SaveImages(images: grid, prefix: "cells/cell")
}
`;

describe('e2e: Run With Values (sweeps) in VS Code', function () {
    let vs: Session;

    /** Picks the quick-pick row whose label is `label` (typing it first to filter). */
    const pick = async (label: string, filter = label) => {
        const input = vs.page.locator(SELECTORS.quickInputBox);
        await input.waitFor({ state: 'visible' });
        await input.fill(filter);
        const row = vs.page.locator(SELECTORS.quickInputRows).filter({ has: vs.page.locator('.label-name', { hasText: label }) }).first();
        await row.waitFor({ state: 'visible', timeout: 20_000 });
        await row.click();
    };
    /** Types into the input box the command opened and accepts. */
    const type = async (text: string) => {
        const input = vs.page.locator(SELECTORS.quickInputBox);
        await input.waitFor({ state: 'visible' });
        await input.fill(text);
        await input.press('Enter');
    };

    before(async function () {
        vs = await startSession({ name: 'sweep', files: { 'shapes.flow': SHAPES }, settings: { 'flowstudio.backend': 'cpu' }, viewport: { width: 1600, height: 900 } });
        await vs.waitForFlowStudio();
    });

    sessionHooks(() => vs);

    it('sweeps two arguments from the quick picks and shows the labelled grid in the Outputs panel', async function () {
        await vs.openFile('shapes.flow');
        await wb.runCommand(vs.page, 'Flow Studio: Run With Values…', { opensQuickPick: true });
        await pick('grid');
        await pick('padding');
        await pick('Several values', 'Several');
        await type('0,4');
        await vs.screenshot('first-axis-given');
        await pick('Give another argument a value…', 'another');
        await pick('big');
        await pick('mode');
        await pick('Several values', 'Several');
        await type('nearest,bilinear');
        await pick('Run', 'Run');

        await wb.waitForTerminalText(vs.page, /Sweep finished in/, 180_000);
        const terminal = await wb.readTerminal(vs.page);
        assert.match(terminal, /Combination 4\/4: padding=4, mode=bilinear/);
        await vs.page.locator('.statusbar-item', { hasText: 'Shapes: finished' }).first().waitFor({ timeout: 10_000 });

        const grids = pngsUnder(path.join(vs.workspace, 'flow-output', 'Shapes', 'sweeps'));
        assert.equal(grids.length, 1, `one grid on disk: ${JSON.stringify(grids)}`);
        assert.equal(pngsUnder(path.join(vs.workspace, 'flow-output', 'Shapes', 'cells')).length, 4, 'each combination saved its image');

        await vs.page.locator('.tab', { hasText: 'Flow Outputs' }).click();
        const outputs = await waitInWebview(vs.page, '.runs', 'section.run[data-status="success"]', 60_000);
        const sweep = outputs.locator('section.run[data-status="success"]', { hasText: 'sweep of grid.padding × big.mode' });
        await sweep.waitFor({ timeout: 10_000 });
        const groups = sweep.locator('section.node-group');
        assert.equal(await groups.count(), 5, 'the grid, then four combinations');
        const gridGroup = groups.first();
        assert.equal(await gridGroup.getAttribute('data-node-id'), 'sweep');
        assert.match((await gridGroup.textContent())!, /Sweep grid/);
        assert.equal(await gridGroup.locator('.thumb').getAttribute('data-path'), grids[0]);
        const loaded = await gridGroup.locator('.thumb img').evaluate((img) => {
            const el = img as unknown as { complete: boolean; naturalWidth: number };
            return el.complete && el.naturalWidth > 200;
        });
        assert.ok(loaded, 'the grid image loaded in the webview');
        assert.match((await groups.nth(4).textContent())!, /4\/4: padding=4, mode=bilinear/);
        await vs.screenshot('sweep-grid-in-outputs');

        // the grid opens large in the panel's viewer
        await gridGroup.locator('.thumb').click();
        const box = outputs.locator('.lightbox');
        await box.waitFor({ state: 'visible' });
        assert.equal(await box.getAttribute('data-path'), grids[0]);
        const width = await box.locator('img.lightbox-image').evaluate((img) => (img as unknown as { getBoundingClientRect(): { width: number } }).getBoundingClientRect().width);
        assert.ok(width > 300, `shown large (${width}px)`);
        await vs.screenshot('sweep-grid-enlarged');
    });
});
