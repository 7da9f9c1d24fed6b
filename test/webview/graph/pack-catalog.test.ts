/**
 * The graph view draws nodes of packs with what the language server's catalog says of them: a
 * workspace pack's node (its own wire type and colour, its own category) and, in a workflow that
 * runs on ComfyUI, a ComfyUI node from the server's node list (the subset fixture) with ComfyUI's
 * type colours. Before the view received the composed catalog, both were drawn in the fallback grey.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import type { NodePack } from '../../../catalog/src/catalog.js';
import { categoryColor } from '../../../catalog/src/schema.js';
import { objectInfoToPack } from '../../../comfyui/src/object-info.js';
import { flowServices, parseFlowText } from '../../../server/src/api.js';
import type { UpdateMessage } from '../../../webview/src/graph/contract.js';
import { launchChromium, openGraphPage, REPO, cssRgb } from './harness.js';

declare const getComputedStyle: any;

const HEAT: NodePack = {
    id: '/ws/.flowstudio/nodes/heat.mjs', origin: 'workspace', label: 'heat.mjs',
    types: [{ name: 'HEATMAP', color: '#123456', description: 'Per-pixel heat.' }],
    nodes: [
        {
            name: 'HeatOf', category: 'analysis/heat', description: 'Heat of images.', version: 1,
            inputs: [{ name: 'images', type: 'IMAGE', description: 'Images.' }], params: [],
            outputs: [{ name: 'heat', type: 'HEATMAP', description: 'The heat.' }],
        },
        {
            name: 'ShowHeat', category: 'analysis/heat', description: 'Shows heat.', version: 1, isOutput: true,
            inputs: [{ name: 'heat', type: 'HEATMAP', description: 'The heat.' }], params: [], outputs: [],
        },
    ],
};

const TEXT = `workflow Local {
    shapes = SyntheticShapes(count: 4, size: 16)
    images = DatasetImages(dataset: shapes, count: 4)
    heat = HeatOf(images: images)
    ShowHeat(heat: heat)
}

workflow Remote on comfyui {
    mask = SolidMask(value: 1.0, width: 64, height: 64)
    img = MaskToImage(mask: mask)
    PreviewImage(images: img)
}
`;


describe('graph webview: nodes of packs in the composed catalog (Chromium)', function () {
    this.timeout(120_000);
    let browser: Browser;
    before(async () => { browser = await launchChromium(); });
    after(async () => {
        await browser?.close();
        flowServices().Flow.catalog.setPacks([]);
        flowServices().Flow.catalog.setComfyPack({ problems: [], sources: [] });
    });

    it('draws a workspace pack node and a ComfyUI node with their types\' colours and categories', async () => {
        const catalog = flowServices().Flow.catalog;
        catalog.setPacks([HEAT]);
        const subset = JSON.parse(fs.readFileSync(path.join(REPO, 'test/fixtures/comfyui/object_info.subset.json'), 'utf8'));
        catalog.setComfyPack({ ...objectInfoToPack(subset, { id: 'comfyui:test', label: 'test' }), sources: [] });
        const { graph, diagnostics } = await parseFlowText(TEXT);
        assert.deepEqual(diagnostics.filter(d => d.severity === 'error'), []);

        const message: UpdateMessage = {
            type: 'update', graph, documentVersion: 1,
            catalog: { ...catalog.current.toJSON(), engine: 'local' },
            engineCatalogs: { comfyui: { ...catalog.forEngine('comfyui').toJSON(), engine: 'comfyui' } },
        };
        const gp = await openGraphPage(browser);
        await gp.update(message);
        const portColor = (node: string, side: 'in' | 'out', name: string) => gp.page.locator(`.node[data-node-id="${node}"] .port[data-port="${side}"][data-name="${name}"]`)
            .evaluate((el: any) => getComputedStyle(el).getPropertyValue('--port-color').trim());
        const headerColor = (node: string) => gp.page.locator(`.node[data-node-id="${node}"]`)
            .evaluate((el: any) => getComputedStyle(el).getPropertyValue('--cat').trim());

        assert.equal(await portColor('heat', 'out', 'heat'), '#123456', 'the pack\'s own wire type colour');
        assert.equal(await portColor('ShowHeat#1', 'in', 'heat'), '#123456');
        assert.equal(await headerColor('heat'), categoryColor('analysis/heat'));

        const legend = await gp.page.locator('.legend').textContent();
        assert.ok(legend!.includes('HEATMAP') && legend!.includes('MASK') && legend!.includes('analysis/heat') && legend!.includes('image/upscaling'), `the legend lists pack types and categories: ${legend}`);

        await gp.page.locator('.toolbar select').selectOption('Remote');
        await gp.page.locator('.node[data-node-id="mask"]').waitFor();
        assert.equal(await portColor('mask', 'out', 'MASK'), '#81c784', 'ComfyUI\'s MASK colour, from the pack');
        assert.equal(await portColor('img', 'in', 'mask'), '#81c784');
        assert.equal(await headerColor('mask'), categoryColor('mask'));
        // SolidMask's widgets come from the ComfyUI schema (only the comfyui catalog has the node).
        assert.equal(await gp.page.locator('.node[data-node-id="mask"] [data-widget="width"]').count(), 1);
        const colors = await gp.page.$$eval('.wires path.wire', els => els.map(e => getComputedStyle(e).stroke));
        assert.ok(colors.includes(cssRgb('#81c784')), `a MASK wire is drawn in its colour: ${colors.join(', ')}`);
        await gp.page.screenshot({ path: path.join(REPO, 'out', 'pack-catalog.png') }).catch(() => undefined);
        assert.deepEqual(gp.errors, []);
        assert.deepEqual(await gp.violations(), []);
    });
});
