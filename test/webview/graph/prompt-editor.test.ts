/** The graph view's prompt editor (Chromium): a text area where Enter starts a line, Ctrl+Enter keeps the text, Escape drops it, and keys stay in it. */
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { ViewToHostMessage } from '../../../webview/src/graph/contract.js';
import { exampleUpdate } from './fixtures.js';
import { assertClean, launchChromium, openGraphPage, type GraphPage } from './harness.js';

const edits = (messages: ViewToHostMessage[]) => messages.filter(m => m.type !== 'ready' && m.type !== 'selectNode');

describe('graph webview: prompt text area (Chromium)', function () {
    this.timeout(120_000);
    let browser: Browser;
    let gp: GraphPage;
    const node = (id: string) => gp.page.locator(`.node[data-node-id="${id}"]`);

    before(async () => { browser = await launchChromium(); });
    after(async () => { await browser?.close(); });
    beforeEach(async () => {
        gp = await openGraphPage(browser);
        await gp.update(await exampleUpdate('txt2img.flow', 3));
        await gp.clearPosted();
    });
    afterEach(async () => {
        await assertClean(gp);
        await gp.page.context().close();
    });

    it('edits a prompt over several lines and keeps it with Ctrl+Enter', async () => {
        await node('positive').locator('.widget-value[data-widget="text"]').click();
        const area = node('positive').locator('textarea[data-editor="text"]:focus');
        await area.waitFor();
        assert.equal(await area.inputValue(), 'a handwritten seven');
        await gp.page.keyboard.press('Enter');
        await gp.page.keyboard.type('(thick strokes:1.3), "bold"');
        await gp.page.keyboard.press('Delete'); // stays in the text area: no node is deleted
        await gp.page.keyboard.press('Control+Enter');
        assert.deepEqual(edits(await gp.posted()), [
            { type: 'setParam', body: 'Txt2Img', documentVersion: 3, nodeId: 'positive', param: 'text', value: 'a handwritten seven\n(thick strokes:1.3), "bold"' },
        ]);
        assert.equal(await node('positive').locator('textarea').count(), 0);
        assert.equal(await node('positive').locator('.widget-value[data-widget="text"]').textContent(), JSON.stringify('a handwritten seven\n(thick strokes:1.3), "bold"'));
    });

    it('drops the edit with Escape', async () => {
        await node('negative').locator('.widget-value[data-widget="text"]').click();
        await node('negative').locator('textarea[data-editor="text"]:focus').waitFor();
        await gp.page.keyboard.type('blurry');
        await gp.page.keyboard.press('Escape');
        assert.deepEqual(edits(await gp.posted()), []);
        assert.equal(await node('negative').locator('.widget-value[data-widget="text"]').textContent(), '""');
    });
});
