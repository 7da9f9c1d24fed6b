import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import type { ViewToHostMessage } from '../../../webview/src/graph/contract.js';
import { exampleUpdate } from './fixtures.js';
import { assertClean, launchChromium, openGraphPage, renameWithKeyboard, screenshotPath, type GraphPage } from './harness.js';

type HTMLElement = any;

async function center(l: Locator): Promise<{ x: number; y: number }> {
    const b = await l.boundingBox();
    assert.ok(b, 'element is on screen');
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** A real pointer drag: press, move in steps, release. */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, beforeRelease?: () => Promise<void>): Promise<void> {
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
    await page.mouse.move(to.x, to.y, { steps: 4 });
    await beforeRelease?.();
    await page.mouse.up();
}

const edits = (messages: ViewToHostMessage[]) => messages.filter(m => m.type !== 'ready' && m.type !== 'selectNode');

describe('graph webview: editing gestures (Chromium)', function () {
    this.timeout(120_000);
    let browser: Browser;
    let gp: GraphPage;
    const node = (id: string) => gp.page.locator(`.node[data-node-id="${id}"]`);

    before(async () => { browser = await launchChromium(); });
    after(async () => { await browser?.close(); });
    beforeEach(async () => {
        gp = await openGraphPage(browser);
        await gp.update(await exampleUpdate('digits-gan.flow', 7));
        await gp.clearPosted();
    });
    afterEach(async () => {
        await assertClean(gp);
        await gp.page.context().close();
    });

    it('drag from an output to a compatible input sends connect', async () => {
        const from = node('gen').locator('.port.out[data-name="generator"]');
        const to = node('samples').locator('.port.in[data-name="generator"]');
        await drag(gp.page, await center(from), await center(to), async () => {
            assert.ok(await to.evaluate((p: HTMLElement) => p.classList.contains('compatible')), 'target lights up while dragging');
            assert.ok(await node('norm').locator('.port.in[data-name="dataset"]').evaluate((p: HTMLElement) => p.classList.contains('incompatible')));
            await gp.page.screenshot({ path: screenshotPath('graph-drag-connect') });
        });
        assert.deepEqual(edits(await gp.posted()), [{
            type: 'connect', body: 'DigitsGan', documentVersion: 7,
            from: { node: 'gen', output: 'generator' }, to: { node: 'samples', input: 'generator' },
        }]);
    });

    it('refuses an incompatible drop while dragging and sends nothing', async () => {
        const from = node('digits').locator('.port.out[data-name="dataset"]');
        const to = node('samples').locator('.port.in[data-name="generator"]');
        await drag(gp.page, await center(from), await center(to), async () => {
            assert.ok(await to.evaluate((p: HTMLElement) => p.classList.contains('incompatible')));
            assert.ok(await gp.page.locator('.drag-wire path.refused').count() === 1, 'the dragged wire shows the refusal');
        });
        assert.deepEqual(edits(await gp.posted()), []);
        assert.match((await gp.page.locator('.toast').textContent())!, /Cannot connect digits\.dataset \(DATASET\) to samples\.generator \(GENERATOR\)/);
    });

    it('changes a number with a text field honoring min/max', async () => {
        await node('trained').locator('.widget-value[data-widget="batchSize"]').click();
        const field = node('trained').locator('vscode-text-field[data-editor="batchSize"]');
        await field.waitFor();
        await gp.page.keyboard.press('Control+A');
        await gp.page.keyboard.type('99999');
        await gp.page.keyboard.press('Enter');
        assert.match((await gp.page.locator('.toast').textContent())!, /batchSize: must be <= 4096/);
        assert.deepEqual(edits(await gp.posted()), [], 'out of range: nothing sent');
        await gp.page.keyboard.press('Control+A');
        await gp.page.keyboard.type('128');
        await gp.page.keyboard.press('Enter');
        assert.deepEqual(edits(await gp.posted()), [{ type: 'setParam', body: 'DigitsGan', documentVersion: 7, nodeId: 'trained', param: 'batchSize', value: 128 }]);
        assert.equal(await node('trained').locator('.widget-value[data-widget="batchSize"]').textContent(), '128');
    });

    it('edits with the keyboard: ArrowUp steps, Escape cancels', async () => {
        const value = node('samples').locator('.widget-value[data-widget="count"]');
        await value.focus();
        await gp.page.keyboard.press('Enter');
        await node('samples').locator('vscode-text-field[data-editor="count"]').waitFor();
        // Keys pressed before the editor has focus go to the canvas: wait for it.
        await node('samples').locator('vscode-text-field[data-editor="count"]:focus').waitFor();
        await gp.page.keyboard.press('ArrowUp');
        await gp.page.keyboard.press('ArrowUp');
        await gp.page.keyboard.press('Enter');
        assert.deepEqual(edits(await gp.posted()), [{ type: 'setParam', body: 'DigitsGan', documentVersion: 7, nodeId: 'samples', param: 'count', value: 102 }]);
        await gp.clearPosted();
        await node('samples').locator('.widget-value[data-widget="seed"]').click();
        await node('samples').locator('vscode-text-field[data-editor="seed"]').waitFor();
        await node('samples').locator('vscode-text-field[data-editor="seed"]:focus').waitFor();
        await gp.page.keyboard.type('5');
        await gp.page.keyboard.press('Escape');
        assert.deepEqual(edits(await gp.posted()), []);
        assert.equal(await node('samples').locator('.widget-value[data-widget="seed"]').textContent(), '42');
    });

    it('picks a choice from a dropdown', async () => {
        await node('gen').locator('.widget-value[data-widget="imageSize"]').click();
        const dropdown = node('gen').locator('vscode-dropdown[data-editor="imageSize"]');
        await dropdown.waitFor();
        await dropdown.click();
        await dropdown.locator('vscode-option', { hasText: '64' }).click();
        assert.deepEqual(edits(await gp.posted()), [{ type: 'setParam', body: 'DigitsGan', documentVersion: 7, nodeId: 'gen', param: 'imageSize', value: 64 }]);
    });

    it('adds a node from the searchable palette', async () => {
        await gp.page.locator('.canvas').focus();
        await gp.page.keyboard.press('a');
        await gp.page.locator('.palette:not([hidden]) vscode-text-field').waitFor();
        await gp.page.waitForFunction(() => (globalThis as any).document.activeElement?.tagName === 'VSCODE-TEXT-FIELD');
        await gp.page.keyboard.type('preview');
        const options = await gp.page.locator('.palette li').allTextContents();
        assert.ok(options[0].startsWith('PreviewImage'), `best match first: ${options.join(' | ')}`);
        await gp.page.screenshot({ path: screenshotPath('graph-palette') });
        await gp.page.keyboard.press('Enter');
        assert.deepEqual(edits(await gp.posted()), [{ type: 'addNode', body: 'DigitsGan', documentVersion: 7, nodeType: 'PreviewImage' }]);
        assert.ok(await gp.page.locator('.palette[hidden]').count() === 1, 'palette closed');
    });

    it('dropping a wire on empty canvas offers only nodes that accept its type', async () => {
        const from = node('samples').locator('.port.out[data-name="images"]');
        const start = await center(from);
        await drag(gp.page, start, { x: start.x + 60, y: start.y + 300 });
        await gp.page.locator('.palette:not([hidden])').waitFor();
        const types = await gp.page.locator('.palette li strong').allTextContents();
        assert.ok(types.length > 0 && types.every(t => ['Upscale', 'ImageGrid', 'SaveImages', 'PreviewImage', 'ImageBatch', 'VAEEncode'].includes(t)), types.join(', '));
        await gp.page.locator('.palette li', { hasText: 'ImageGrid' }).click();
        assert.deepEqual(edits(await gp.posted()), [{ type: 'addNode', body: 'DigitsGan', documentVersion: 7, nodeType: 'ImageGrid', connectFrom: { node: 'samples', output: 'images' } }]);
    });

    it('selects, reveals, renames and deletes nodes; deletes wires', async () => {
        await node('grid').locator('.node-header .node-title').click();
        const posted = await gp.posted();
        const graph = (await exampleUpdate('digits-gan.flow')).graph;
        const grid = graph.workflows[0].nodes.find(n => n.id === 'grid')!;
        assert.deepEqual(posted.filter(m => m.type === 'selectNode'), [{ type: 'selectNode', body: 'DigitsGan', nodeId: 'grid', range: grid.range }]);
        await node('grid').locator('.node-header .node-title').dblclick();
        assert.deepEqual((await gp.posted()).filter(m => m.type === 'reveal'), [{ type: 'reveal', uri: graph.uri, range: grid.range }]);
        await gp.clearPosted();

        await renameWithKeyboard(gp, 'grid', 'sheet');
        await node('big').focus();
        await gp.page.keyboard.press('Delete');
        await gp.page.locator('.wires g[data-edge-id="digits.dataset->norm.dataset"] .wire-hit').click({ force: true });
        await gp.page.keyboard.press('Delete');
        assert.deepEqual(edits(await gp.posted()), [
            { type: 'renameNode', body: 'DigitsGan', documentVersion: 7, nodeId: 'grid', newName: 'sheet' },
            { type: 'deleteNode', body: 'DigitsGan', documentVersion: 7, nodeId: 'big' },
            { type: 'disconnect', body: 'DigitsGan', documentVersion: 7, nodeId: 'norm', input: 'dataset' },
        ]);
    });

    it('moves a node by its header; the position is kept in the webview state and restored', async () => {
        const header = node('grid').locator('.node-header .node-type');
        const start = await center(header);
        await drag(gp.page, start, { x: start.x + 40, y: start.y + 120 });
        const state = await gp.page.evaluate(() => (globalThis as any).__state);
        const saved = state.positions.DigitsGan.grid as [number, number];
        const reopened = await openGraphPage(browser, { state });
        try {
            await reopened.update(await exampleUpdate('digits-gan.flow'));
            const transform = await reopened.page.locator('.node[data-node-id="grid"]').evaluate((e: HTMLElement) => e.style.transform);
            assert.equal(transform, `translate(${saved[0]}px, ${saved[1]}px)`);
        } finally {
            await reopened.page.context().close();
        }
        assert.deepEqual(edits(await gp.posted()), [], 'moving is not an edit of the text');
    });

    it('pans, zooms, fits, and navigates with the minimap', async () => {
        const world = gp.page.locator('.world');
        const transform = () => world.evaluate((w: HTMLElement) => w.style.transform as string);
        const scale = async () => Number(/scale\(([\d.]+)\)/.exec(await transform())![1]);
        const k0 = await scale();
        const canvas = await gp.page.locator('.canvas').boundingBox();
        assert.ok(canvas);
        await gp.page.mouse.move(canvas.x + 30, canvas.y + 30);
        await gp.page.mouse.wheel(0, -400);
        await gp.page.waitForFunction((k: number) => !(globalThis as any).document.querySelector('.world').style.transform.includes(`scale(${k})`), k0);
        assert.ok(await scale() > k0, 'wheel up zooms in');
        const before = await transform();
        await drag(gp.page, { x: canvas.x + 20, y: canvas.y + canvas.height - 20 }, { x: canvas.x + 220, y: canvas.y + canvas.height - 120 });
        assert.notEqual(await transform(), before, 'dragging the background pans');
        await gp.page.click('[data-toolbar="fit"]');
        const boxes = await gp.page.$$eval('.node', els => els.map((e: HTMLElement) => e.getBoundingClientRect()));
        for (const b of boxes) assert.ok(b.left >= canvas.x - 1 && b.right <= canvas.x + canvas.width + 1 && b.top >= canvas.y - 1 && b.bottom <= canvas.y + canvas.height + 1, 'fit shows every node');
        const fitted = await transform();
        const minimap = await gp.page.locator('.minimap').boundingBox();
        assert.ok(minimap);
        await gp.page.mouse.click(minimap.x + 5, minimap.y + 5);
        assert.notEqual(await transform(), fitted, 'a minimap click moves the view');
        assert.deepEqual(edits(await gp.posted()), []);
    });

    it('highlights the node under the text cursor without echoing a selection', async () => {
        await gp.send({ type: 'highlight', body: 'DigitsGan', nodeId: 'disc' });
        await gp.page.waitForSelector('.node.highlighted[data-node-id="disc"]');
        assert.deepEqual(await gp.posted(), []);
    });
});
