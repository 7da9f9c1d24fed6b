/**
 * The whole editing loop without VS Code: gestures in the real view -> intents -> text edits
 * (editing/src) -> re-parse with the language (server/src/api.ts) -> update -> the view redraws.
 * The fake host below does what the CustomTextEditorProvider will do.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import type { FlowGraph } from '../../../catalog/src/graph.js';
import { NODE_SCHEMAS } from '../../../catalog/src/index.js';
import { parseFlowText } from '../../../server/src/api.js';
import { applyTextEdits, computeEdits } from '../../../editing/src/index.js';
import { isEditIntent, packGraph, type ViewToHostMessage } from '../../../webview/src/graph/contract.js';
import { assertClean, launchChromium, openGraphPage, renameWithKeyboard, REPO, screenshotPath, type GraphPage } from './harness.js';

const URI = 'file:///memory/round-trip.flow';

class FakeHost {
    version = 1;
    graph!: FlowGraph;
    applied: string[] = [];
    constructor(public text: string, private readonly gp: GraphPage) {}

    async publish(): Promise<void> {
        this.graph = (await parseFlowText(this.text, URI)).graph;
        await this.gp.update({ type: 'update', graph: packGraph(this.graph), catalog: [...NODE_SCHEMAS], documentVersion: this.version });
    }

    /** Applies every intent the view posted since the last call, like the provider would. */
    async pump(): Promise<void> {
        const messages: ViewToHostMessage[] = await this.gp.posted();
        await this.gp.clearPosted();
        for (const m of messages) {
            if (!isEditIntent(m)) continue;
            assert.equal(m.documentVersion, this.version, 'intent made on the current graph');
            const edits = computeEdits(this.text, this.graph, m, { catalog: NODE_SCHEMAS });
            this.text = applyTextEdits(this.text, edits);
            this.version++;
            this.applied.push(m.type);
            await this.publish();
        }
    }
}

async function center(l: Locator): Promise<{ x: number; y: number }> {
    const b = await l.boundingBox();
    assert.ok(b);
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

describe('graph webview: edit round trip through the text (Chromium + language)', function () {
    this.timeout(180_000);
    let browser: Browser;
    before(async () => { browser = await launchChromium(); });
    after(async () => { await browser?.close(); });

    it('value change, connect, add from a dropped wire, rename and delete all land in the text', async () => {
        const gp = await openGraphPage(browser);
        const original = readFileSync(join(REPO, 'examples/digits-gan.flow'), 'utf8');
        const host = new FakeHost(original, gp);
        await host.publish();
        const node = (id: string) => gp.page.locator(`.node[data-node-id="${id}"]`);

        await node('trained').locator('.widget-value[data-widget="epochs"]').click();
        await node('trained').locator('vscode-text-field[data-editor="epochs"]').waitFor();
        await gp.page.keyboard.press('Control+A');
        await gp.page.keyboard.type('9');
        await gp.page.keyboard.press('Enter');
        await host.pump();
        assert.equal(await node('trained').locator('.widget-value[data-widget="epochs"]').textContent(), '9');

        const from = await center(node('gen').locator('.port.out[data-name="generator"]'));
        const to = await center(node('samples').locator('.port.in[data-name="generator"]'));
        await gp.page.mouse.move(from.x, from.y);
        await gp.page.mouse.down();
        await gp.page.mouse.move(to.x, to.y, { steps: 6 });
        await gp.page.mouse.up();
        await host.pump();
        assert.equal(await gp.page.locator('.wires g[data-edge-id="gen.generator->samples.generator"]').count(), 1);

        const out = await center(node('samples').locator('.port.out[data-name="images"]'));
        await gp.page.mouse.move(out.x, out.y);
        await gp.page.mouse.down();
        await gp.page.mouse.move(out.x + 40, out.y + 260, { steps: 6 });
        await gp.page.mouse.up();
        await gp.page.locator('.palette:not([hidden])').waitFor();
        await gp.page.keyboard.type('preview');
        await gp.page.keyboard.press('Enter');
        await host.pump();
        await gp.page.waitForSelector('.node[data-node-id="PreviewImage#1"]');

        await renameWithKeyboard(gp, 'grid', 'sheet');
        await host.pump();
        await gp.page.waitForSelector('.node[data-node-id="sheet"]');

        await node('big').focus();
        await gp.page.keyboard.press('Delete');
        await host.pump();
        assert.equal(await node('big').count(), 0);

        assert.deepEqual(host.applied, ['setParam', 'connect', 'addNode', 'renameNode', 'deleteNode']);
        const expected = original
            .replace(/epochs: \d+,/, 'epochs: 9,')
            .replace('SampleGAN(generator: trained.generator,', 'SampleGAN(generator: gen,')
            .replace(/    grid = ImageGrid\(images: samples, columns: (\d+)\)\n    big = Upscale\(images: grid, factor: 2\)\n    SaveImages\(images: big, prefix: "grid\/digits"\)\n/,
                '    sheet = ImageGrid(images: samples, columns: $1)\n    SaveImages(prefix: "grid/digits")\n    PreviewImage(images: samples)\n');
        assert.equal(host.text, expected);
        const codes = host.graph.diagnostics.map(d => d.code).sort();
        assert.ok(codes.includes('missing-input') && codes.includes('unused-node'), `the deleted wire shows: ${codes.join(', ')}`);
        assert.equal(await node('SaveImages#2').locator('.diag').count() > 0, true, 'the diagnostic is drawn on the node');
        await gp.page.screenshot({ path: screenshotPath('graph-round-trip') });
        await assertClean(gp);
        await gp.page.context().close();
    });
});
