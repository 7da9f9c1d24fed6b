/**
 * Graph view speed in Chromium (issue 6): layout + first paint of a generated 500-node
 * workflow in a freshly loaded view (target <= 1 s), and the view's share of a text edit's
 * latency: redrawing the same graph after one value changed (positions kept, no layout).
 * Each figure is the median over fresh pages; the time runs from posting the `update`
 * message inside the page to the second animation frame after the render (painted).
 */
import type { Browser } from 'playwright-core';
import { NODE_SCHEMAS } from '../catalog/src/index.js';
import { packGraph } from '../webview/src/graph/contract.js';
import { parseFlowText } from '../server/src/api.js';
import { generateWorkflow } from './generate-workflow.js';
import { launchChromium, openGraphPage, timeToPaint } from '../test/webview/graph/harness.js';

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

export async function main(argv: string[] = []): Promise<string[]> {
    const runs = Number(argv.find(a => a.startsWith('--graph-runs='))?.split('=')[1] ?? 5);
    const { graph } = await parseFlowText(generateWorkflow(500), 'file:///bench/graph-view.flow');
    const nodes = graph.workflows[0].nodes.length;
    const edited = structuredClone(graph);
    const target = edited.workflows[0].nodes.find(n => n.type === 'TrainGAN')!;
    target.args.epochs = { kind: 'literal', value: 7 };
    const first: number[] = [], layout: number[] = [], redraw: number[] = [];
    let browser: Browser | undefined;
    try {
        browser = await launchChromium();
        for (let i = 0; i < runs; i++) {
            const gp = await openGraphPage(browser);
            const a = await timeToPaint(gp, { type: 'update', graph: packGraph(graph), catalog: [...NODE_SCHEMAS], documentVersion: 1 });
            const b = await timeToPaint(gp, { type: 'update', graph: packGraph(edited), catalog: [...NODE_SCHEMAS], documentVersion: 2 });
            if (a.nodes !== nodes || b.nodes !== nodes) throw new Error(`rendered ${a.nodes}/${b.nodes} of ${nodes} nodes`);
            first.push(a.ms); layout.push(a.layoutMs); redraw.push(b.ms);
            await gp.page.context().close();
        }
    } finally {
        await browser?.close();
    }
    const f = (v: number[]) => median(v).toFixed(0);
    return [
        `graph-first-paint-${nodes} ${f(first)} ms (median of ${runs} fresh views; layout ${f(layout)} ms; target <= 1000 ms; all: ${first.map(v => v.toFixed(0)).join(', ')})`,
        `graph-edit-redraw-${nodes} ${f(redraw)} ms (view side of a text edit: update message to painted, positions kept)`,
    ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
    main(process.argv.slice(2)).then(lines => console.log(lines.join('\n')), e => { console.error(e); process.exitCode = 1; });
}
