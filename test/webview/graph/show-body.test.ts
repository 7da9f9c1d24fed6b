import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { NODE_SCHEMAS } from '../../../catalog/src/index.js';
import { parseFlowText } from '../../../server/src/api.js';
import type { UpdateMessage } from '../../../webview/src/graph/contract.js';
import { launchChromium, openGraphPage, type GraphPage } from './harness.js';

const TEXT = `workflow First {
    digits = LoadMNIST(limit: 64)
}

workflow Second {
    more = LoadMNIST(limit: 32)
}
`;

describe('graph webview: the body chosen by the host (Chromium)', function () {
    this.timeout(120_000);
    let browser: Browser;
    let gp: GraphPage;
    before(async () => { browser = await launchChromium(); });
    after(async () => { await browser?.close(); });
    afterEach(async () => {
        assert.deepEqual(gp.errors, [], 'page errors');
        await gp.page.context().close();
    });

    async function update(version: number, body?: string): Promise<void> {
        const { graph } = await parseFlowText(TEXT);
        const message: UpdateMessage = { type: 'update', graph, catalog: [...NODE_SCHEMAS], documentVersion: version, ...(body ? { body } : {}) };
        await gp.update(message);
    }
    const shown = async () => ({
        select: await gp.page.locator('.toolbar select').inputValue(),
        nodes: await gp.page.$$eval('.node', els => els.map(e => (e as { dataset: { nodeId: string } }).dataset.nodeId)),
    });

    it('shows the first workflow, then the one an update names, and keeps it', async () => {
        gp = await openGraphPage(browser);
        await update(1);
        assert.deepEqual(await shown(), { select: 'First', nodes: ['digits'] });
        await update(2, 'Second');
        assert.deepEqual(await shown(), { select: 'Second', nodes: ['more'] }, 'the requested workflow');
        await update(3);
        assert.deepEqual(await shown(), { select: 'Second', nodes: ['more'] }, 'an update without body keeps the shown one');
        await update(4, 'NoSuchWorkflow');
        assert.deepEqual(await shown(), { select: 'Second', nodes: ['more'] }, 'an unknown name is ignored');
        const state = await gp.page.evaluate('window.__state') as { body?: string };
        assert.equal(state.body, 'Second', 'remembered in the webview state');
    });
});
