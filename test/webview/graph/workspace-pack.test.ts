/**
 * A real workspace node pack in the graph view (issue 9): the test fixture pack, TypeScript and
 * JavaScript, loaded by the loader the language server uses (packs/src/), gives the view its
 * nodes, drawn with the pack's MASK wire type colour, wired, and offered by the palette to a MASK
 * wire dropped on the canvas.
 */
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { workspacePacks } from '../../../packs/src/workspace-packs.js';
import { flowServices, parseFlowText } from '../../../server/src/api.js';
import type { UpdateMessage } from '../../../webview/src/graph/contract.js';
import { masksFlow, packWorkspace } from '../../helpers/pack-workspace.js';
import { launchChromium, openGraphPage, cssRgb } from './harness.js';

declare const getComputedStyle: any;

const MASK_COLOR = '#81c784';

describe('graph webview: a workspace node pack loaded from its file (Chromium)', function () {
    this.timeout(120_000);
    let browser: Browser;
    before(async () => { browser = await launchChromium(); });
    after(async () => {
        await browser?.close();
        flowServices().Flow.catalog.setPacks([]);
    });

    for (const ext of ['ts', 'mjs'] as const) {
        it(`draws the nodes and MASK wires of masks.${ext} and offers its nodes in the palette`, async () => {
            const flow = masksFlow('m');
            const { dir } = packWorkspace(flow, ext);
            const packs = await workspacePacks([dir], true, '');
            assert.deepEqual(packs.problems, []);
            const catalog = flowServices().Flow.catalog;
            catalog.setPacks(packs.loaded.map(l => l.pack));
            const { graph, diagnostics } = await parseFlowText(flow);
            assert.deepEqual(diagnostics.filter(d => d.severity === 'error'), []);

            const gp = await openGraphPage(browser);
            const message: UpdateMessage = { type: 'update', graph, documentVersion: 1, catalog: { ...catalog.current.toJSON(), engine: 'local' } };
            await gp.update(message);
            const portColor = (node: string, side: 'in' | 'out', name: string) => gp.page.locator(`.node[data-node-id="${node}"] .port[data-port="${side}"][data-name="${name}"]`)
                .evaluate((el: any) => getComputedStyle(el).getPropertyValue('--port-color').trim());
            assert.equal(await portColor('mask', 'out', 'mask'), MASK_COLOR, 'the pack\'s wire type colour on its node\'s output');
            assert.equal(await portColor('back', 'in', 'mask'), MASK_COLOR);
            const wires = await gp.page.$$eval('.wires path.wire', els => els.map(e => getComputedStyle(e).stroke));
            assert.ok(wires.includes(cssRgb(MASK_COLOR)), `the MASK wire is drawn in its colour: ${wires.join(', ')}`);
            assert.match((await gp.page.locator('.legend').textContent())!, /MASK/);

            // A MASK wire dropped on the canvas: the palette offers what accepts a MASK, the pack's node.
            const from = gp.page.locator('.node[data-node-id="mask"] .port.out[data-name="mask"]');
            const box = (await from.boundingBox())!;
            const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
            await gp.page.mouse.move(start.x, start.y);
            await gp.page.mouse.down();
            await gp.page.mouse.move(start.x + 40, start.y + 320, { steps: 8 });
            await gp.page.mouse.up();
            await gp.page.locator('.palette:not([hidden])').waitFor();
            assert.deepEqual(await gp.page.locator('.palette li strong').allTextContents(), ['MaskToImage']);
            await gp.page.locator('.palette li', { hasText: 'MaskToImage' }).click();
            assert.deepEqual((await gp.posted()).filter(m => m.type === 'addNode'),
                [{ type: 'addNode', body: 'Masks', documentVersion: 1, nodeType: 'MaskToImage', connectFrom: { node: 'mask', output: 'mask' } }]);
            assert.deepEqual(gp.errors, []);
            assert.deepEqual(await gp.violations(), []);
            await gp.page.close();
        });
    }
});
