import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { SubgraphGraph, WorkflowGraph } from '../../../catalog/src/graph.js';
import { EXAMPLES, exampleUpdate } from './fixtures.js';
import { assertClean, launchChromium, openGraphPage, screenshotPath } from './harness.js';

// Callbacks passed to page.evaluate run in the browser; the root tsconfig has no DOM lib.
declare const getComputedStyle: any;
type HTMLElement = any;

describe('graph webview: rendering (Chromium)', function () {
    this.timeout(120_000);
    let browser: Browser;
    before(async () => { browser = await launchChromium(); });
    after(async () => { await browser?.close(); });

    for (const file of EXAMPLES) {
        it(`renders ${file}: every node, port, wire and widget value`, async () => {
            const gp = await openGraphPage(browser);
            const message = await exampleUpdate(file);
            await gp.update(message);
            const graph = message.graph;
            const body: WorkflowGraph | SubgraphGraph = graph.workflows.length ? graph.workflows[0] : graph.subgraphs[0];
            const pseudo = body.kind === 'subgraph' ? 2 : 0;
            const ids = await gp.page.$$eval('.node', els => els.map(e => (e as HTMLElement).dataset.nodeId));
            assert.deepEqual(ids.filter(id => !id!.startsWith('#')).sort(), body.nodes.map(n => n.id).sort());
            assert.equal(ids.length, body.nodes.length + pseudo);
            const extraWires = body.kind === 'subgraph'
                ? body.nodes.reduce((k, n) => k + Object.values(n.args).filter(a => a.kind === 'subgraph-input').length, 0) + body.outputs.length : 0;
            assert.equal(await gp.page.locator('.wires path.wire').count(), body.edges.length + extraWires);
            // Titles, category colors, typed ports and literal values are on screen.
            for (const n of body.nodes) {
                const el = gp.page.locator(`.node[data-node-id="${n.id}"]`);
                assert.equal(await el.locator('.node-title').textContent(), n.name ?? n.type);
                for (const [arg, source] of Object.entries(n.args)) {
                    if (source.kind !== 'literal' || Array.isArray(source.value)) continue;
                    if (typeof source.value === 'boolean') {
                        assert.equal(await el.locator(`vscode-checkbox[data-widget="${arg}"]`).evaluate((c: any) => c.checked), source.value, `${n.id}.${arg}`);
                        continue;
                    }
                    const shown = await el.locator(`.widget-row[data-row="${arg}"] .widget-value`).textContent();
                    assert.equal(shown, typeof source.value === 'string' ? JSON.stringify(source.value) : String(source.value), `${n.id}.${arg}`);
                }
                for (const o of n.outputs) {
                    const color = await el.locator(`.port.out[data-name="${o.name}"]`).evaluate(p => getComputedStyle(p).backgroundColor);
                    assert.notEqual(color, 'rgba(0, 0, 0, 0)');
                }
            }
            await gp.page.screenshot({ path: screenshotPath(`graph-${file.replace(/[/.]/g, '-')}`) });
            await assertClean(gp);
            await gp.page.context().close();
        });
    }

    it('follows the VS Code theme through its CSS variables', async () => {
        const gp = await openGraphPage(browser);
        // What VS Code injects on <html> for a light theme (a few of the variables the view uses).
        await gp.page.evaluate(() => {
            const style = (globalThis as any).document.documentElement.style;
            for (const [k, v] of Object.entries({
                '--vscode-editor-background': '#ffffff', '--vscode-foreground': '#1f1f1f',
                '--vscode-editorWidget-background': '#f3f3f3', '--vscode-editorWidget-border': '#c8c8c8',
                '--vscode-input-background': '#ffffff', '--vscode-input-foreground': '#1f1f1f', '--vscode-focusBorder': '#0090f1',
            })) style.setProperty(k, v);
        });
        await gp.update(await exampleUpdate('quickstart.flow'));
        const colors = await gp.page.locator('.node[data-node-id="trained"]').evaluate((e: HTMLElement) => [getComputedStyle(e).backgroundColor, getComputedStyle((globalThis as any).document.body).backgroundColor]);
        assert.deepEqual(colors, ['rgb(243, 243, 243)', 'rgb(255, 255, 255)']);
        await gp.page.screenshot({ path: screenshotPath('graph-quickstart-light') });
        await assertClean(gp);
        await gp.page.context().close();
    });

    it('expands a subgraph instance to show its inside, wired to the frame', async () => {
        const gp = await openGraphPage(browser);
        await gp.update(await exampleUpdate('shapes-gan.flow'));
        await gp.page.click('.node[data-node-id="sheet"] [data-action="expand"]');
        await gp.page.waitForSelector('.node[data-node-id="sheet/grid"]');
        assert.equal(await gp.page.locator('.node[data-node-id="sheet/up"].readonly').count(), 1);
        assert.ok(await gp.page.locator('.wires g[data-edge-id="sheet.images->sheet/grid.images"]').count() === 1, 'frame input wired to the inner node');
        assert.ok(await gp.page.locator('.wires g[data-edge-id="sheet/up.images->sheet.result"]').count() === 1, 'inner node wired to the frame output');
        const frame = await gp.page.locator('.node[data-node-id="sheet"]').boundingBox();
        const inner = await gp.page.locator('.node[data-node-id="sheet/up"]').boundingBox();
        assert.ok(frame && inner && inner.x >= frame.x && inner.x + inner.width <= frame.x + frame.width + 1 && inner.y + inner.height <= frame.y + frame.height + 1, 'inner nodes inside the frame');
        await gp.page.click('[data-toolbar="fit"]');
        await gp.page.screenshot({ path: screenshotPath('graph-shapes-gan-expanded') });
        await assertClean(gp);
        await gp.page.context().close();
    });

    it('shows diagnostics on their node with an error border, and keeps positions across edits', async () => {
        const gp = await openGraphPage(browser);
        const message = await exampleUpdate('digits-gan.flow');
        await gp.update(message);
        const before = await gp.page.locator('.node[data-node-id="samples"]').evaluate(e => (e as HTMLElement).style.transform);
        const graph = structuredClone(message.graph);
        const samples = graph.workflows[0].nodes.find(n => n.id === 'samples')!;
        graph.diagnostics.push({ severity: 'error', message: "count must be <= 1024 (got 5000)", code: 'out-of-range', uri: graph.uri, range: samples.argRanges.count, node: 'samples' });
        // A new node appears too: it is placed without moving the others.
        const extra = { ...structuredClone(samples), id: 'more', name: 'more' };
        graph.workflows[0].nodes.push(extra);
        await gp.update({ ...message, graph: JSON.stringify(graph), documentVersion: 2 });
        const el = gp.page.locator('.node[data-node-id="samples"]');
        assert.ok(await el.evaluate(e => e.classList.contains('has-error')));
        assert.match((await el.locator('.diag').textContent())!, /count must be <= 1024/);
        assert.equal(await el.evaluate(e => (e as HTMLElement).style.transform), before, 'unchanged node keeps its position');
        const boxes = await gp.page.$$eval('.node', els => els.map(e => e.getBoundingClientRect()).map(r => ({ x: r.x, y: r.y, w: r.width, h: r.height })));
        const overlapping = boxes.some((a, i) => boxes.some((b, j) => j > i && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h));
        assert.ok(!overlapping, 'no nodes overlap after placing the new one');
        await gp.page.screenshot({ path: screenshotPath('graph-diagnostics') });
        await assertClean(gp);
        await gp.page.context().close();
    });
});
