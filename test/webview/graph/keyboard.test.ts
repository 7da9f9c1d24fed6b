import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { NODE_SCHEMAS } from '../../../catalog/src/index.js';
import { parseFlowText } from '../../../server/src/api.js';
import type { UpdateMessage, ViewToHostMessage } from '../../../webview/src/graph/contract.js';
import { exampleUpdate } from './fixtures.js';
import { assertClean, launchChromium, openGraphPage, type GraphPage } from './harness.js';

declare const document: any;

const TEXT = `workflow Folders {
    images = LoadImages(path: "data/shapes", recursive: true)
    keep = LoadMNIST(limit: 100, digits: [1, 7])
}

subgraph Twice {
    input images: IMAGE
    input factor: INT = 2
    up = Upscale(images: images, factor: factor)
    output result: IMAGE = up
}
`;

const edits = (messages: ViewToHostMessage[]) => messages.filter(m => m.type !== 'ready' && m.type !== 'selectNode');

describe('graph webview: checkboxes, lists, bodies and keyboard (Chromium)', function () {
    this.timeout(120_000);
    let browser: Browser;
    let gp: GraphPage;
    before(async () => { browser = await launchChromium(); });
    after(async () => { await browser?.close(); });
    afterEach(async () => {
        await assertClean(gp);
        await gp.page.context().close();
    });

    async function open(): Promise<UpdateMessage> {
        const { graph } = await parseFlowText(TEXT, 'file:///memory/folders.flow');
        const update: UpdateMessage = { type: 'update', graph, catalog: [...NODE_SCHEMAS], documentVersion: 3 };
        gp = await openGraphPage(browser);
        await gp.update(update);
        await gp.clearPosted();
        return update;
    }

    it('toggles a BOOLEAN with a checkbox and edits a LIST, checking item ranges', async () => {
        await open();
        const box = gp.page.locator('.node[data-node-id="images"] vscode-checkbox[data-widget="recursive"]');
        assert.equal(await box.getAttribute('aria-label'), 'recursive');
        await box.click();
        await gp.page.locator('.node[data-node-id="keep"] .widget-value[data-widget="digits"]').click();
        await gp.page.locator('vscode-text-field[data-editor="digits"]').waitFor();
        await gp.page.waitForFunction(() => document.activeElement?.tagName === 'VSCODE-TEXT-FIELD');
        await gp.page.keyboard.press('Control+A');
        await gp.page.keyboard.type('[1, 12]');
        await gp.page.keyboard.press('Enter');
        assert.match((await gp.page.locator('.toast').textContent())!, /item "12": must be <= 9/);
        await gp.page.keyboard.press('Control+A');
        await gp.page.keyboard.type('3, 4, 5');
        await gp.page.keyboard.press('Enter');
        assert.deepEqual(edits(await gp.posted()), [
            { type: 'setParam', body: 'Folders', documentVersion: 3, nodeId: 'images', param: 'recursive', value: false },
            { type: 'setParam', body: 'Folders', documentVersion: 3, nodeId: 'keep', param: 'digits', value: [3, 4, 5] },
        ]);
    });

    it('switches to a subgraph body with its inputs and outputs; edits there name the subgraph', async () => {
        await open();
        await gp.page.selectOption('.toolbar select', 'Twice');
        await gp.page.waitForSelector('.node[data-node-id="#inputs"]');
        assert.deepEqual(await gp.page.$$eval('.node', els => els.map((e: any) => e.dataset.nodeId)), ['#inputs', 'up', '#outputs']);
        assert.equal(await gp.page.locator('.wires path.wire').count(), 3);
        await gp.page.locator('.node[data-node-id="up"] .widget-value[data-widget="mode"]').click();
        const dropdown = gp.page.locator('vscode-dropdown[data-editor="mode"]');
        await dropdown.waitFor();
        await dropdown.click();
        await dropdown.locator('vscode-option', { hasText: 'bilinear' }).click();
        assert.deepEqual(edits(await gp.posted()), [{ type: 'setParam', body: 'Twice', documentVersion: 3, nodeId: 'up', param: 'mode', value: 'bilinear' }]);
        // The subgraph's own inputs and outputs can be wired by dragging.
        await gp.clearPosted();
        const dragBetween = async (from: string, to: string) => {
            const a = (await gp.page.locator(from).boundingBox())!, b = (await gp.page.locator(to).boundingBox())!;
            await gp.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
            await gp.page.mouse.down();
            await gp.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
            await gp.page.mouse.up();
        };
        await dragBetween('.node[data-node-id="#inputs"] .port.out[data-name="factor"]', '.node[data-node-id="up"] .port.in[data-name="factor"]');
        await dragBetween('.node[data-node-id="up"] .port.out[data-name="images"]', '.node[data-node-id="#outputs"] .port.in[data-name="result"]');
        assert.deepEqual(edits(await gp.posted()), [
            { type: 'connect', body: 'Twice', documentVersion: 3, from: { node: '#inputs', output: 'factor' }, to: { node: 'up', input: 'factor' } },
            { type: 'connect', body: 'Twice', documentVersion: 3, from: { node: 'up', output: 'images' }, to: { node: '#outputs', input: 'result' } },
        ]);
    });

    it('reaches nodes with Tab, moves between them with arrows, reveals with Enter, deletes with Delete, connects with C, disconnects with D', async () => {
        gp = await openGraphPage(browser);
        const update = await exampleUpdate('digits-gan.flow', 4);
        await gp.update(update);
        await gp.clearPosted();
        await gp.page.locator('.canvas').focus();
        await gp.page.keyboard.press('Tab');
        assert.equal(await gp.page.evaluate(() => document.activeElement?.dataset.nodeId), 'digits');
        await gp.page.keyboard.press('ArrowRight');
        assert.equal(await gp.page.evaluate(() => document.activeElement?.dataset.nodeId), 'norm');
        await gp.page.keyboard.press('Enter');
        const norm = update.graph.workflows[0].nodes.find(n => n.id === 'norm')!;
        const posted = await gp.posted();
        assert.deepEqual(posted.filter(m => m.type === 'selectNode').map(m => (m as { nodeId?: string }).nodeId), ['digits', 'norm']);
        assert.deepEqual(posted.filter(m => m.type === 'reveal'), [{ type: 'reveal', uri: update.graph.uri, range: norm.range }]);
        assert.equal(await gp.page.locator('.node[data-node-id="norm"]').getAttribute('aria-label'), 'Normalize node norm');
        await gp.page.keyboard.press('Delete');
        assert.deepEqual(edits(await gp.posted()).filter(m => m.type === 'deleteNode'), [{ type: 'deleteNode', body: 'DigitsGan', documentVersion: 4, nodeId: 'norm' }]);
        // Connecting without a mouse: C lists compatible inputs only.
        await gp.clearPosted();
        await gp.page.locator('.node[data-node-id="gen"]').focus();
        await gp.page.keyboard.press('c');
        await gp.page.locator('.palette:not([hidden])').waitFor();
        await gp.page.waitForFunction(() => document.activeElement?.tagName === 'VSCODE-TEXT-FIELD');
        const choices = await gp.page.locator('.palette li strong').allTextContents();
        assert.deepEqual(choices.sort(), ['gen.generator→samples.generator', 'gen.generator→trained.generator']);
        await gp.page.keyboard.type('samples');
        await gp.page.keyboard.press('Enter');
        assert.deepEqual(edits(await gp.posted()), [{ type: 'connect', body: 'DigitsGan', documentVersion: 4, from: { node: 'gen', output: 'generator' }, to: { node: 'samples', input: 'generator' } }]);
        // ...and D removes one of the node's wires.
        await gp.clearPosted();
        await gp.page.locator('.node[data-node-id="trained"]').focus();
        await gp.page.keyboard.press('d');
        await gp.page.locator('.palette:not([hidden])').waitFor();
        await gp.page.waitForFunction(() => document.activeElement?.tagName === 'VSCODE-TEXT-FIELD');
        assert.deepEqual((await gp.page.locator('.palette li strong').allTextContents()).sort(),
            ['dataset←norm.dataset', 'discriminator←disc.discriminator', 'generator←gen.generator']);
        await gp.page.keyboard.type('disc');
        await gp.page.keyboard.press('Enter');
        assert.deepEqual(edits(await gp.posted()), [{ type: 'disconnect', body: 'DigitsGan', documentVersion: 4, nodeId: 'trained', input: 'discriminator' }]);
    });
});
