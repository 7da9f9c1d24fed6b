/**
 * The rendering pipeline: view model, expanded instances, layout, fit, draw. Layouts are async
 * (elkjs, inner layouts of instances), so a render that a newer one overtook must leave no trace:
 * it checks its token before touching state.
 */
import type { FlowGraph } from '../../../catalog/src/graph.js';
import { draw } from './draw.js';
import { expandInstance, type Expansion } from './expand.js';
import type { Point } from './geometry.js';
import { boundsOf, layeredLayout, stableLayout } from './layout.js';
import { saveState } from './persist.js';
import { buildViewBody, type ViewBody } from './view-model.js';
import type { GraphView } from './view.js';

/** Draws the current graph; resolves once it is in the DOM (a newer render supersedes it). */
export function render(view: GraphView, relayout = false): Promise<void> {
    const token = ++view.state.renderToken;
    return doRender(view, token, relayout).catch(err => {
        view.toast.show(`Graph view error: ${err instanceof Error ? err.message : String(err)}`);
        console.error(err);
    });
}

async function doRender(view: GraphView, token: number, relayout: boolean): Promise<void> {
    const graph = view.state.graph, context = view.state.context, bodyName = view.state.bodyName;
    if (!graph || !context) return;
    const t0 = performance.now();
    const body = bodyName ? buildViewBody(graph, bodyName, context) : undefined;
    view.state.body = body;
    showBanner(view, graph, body);
    if (!body) {
        clearCanvas(view, graph.workflows.length + graph.subgraphs.length === 0 ? 'No workflow or subgraph in this file.' : '');
        return;
    }
    const expandedIds = view.state.expanded.get(body.name) ?? new Set<string>();
    const expansions = new Map<string, Expansion>();
    for (const n of body.nodes) {
        if (!expandedIds.has(n.id) || !n.subgraph) continue;
        const ex = await expandInstance(n, context);
        if (ex) expansions.set(n.id, ex);
    }
    const layoutNodes = body.nodes.map(n => {
        const ex = expansions.get(n.id);
        return ex ? { ...n, width: ex.width, height: ex.height } : n;
    });
    let previous = view.state.positions.get(body.name) ?? new Map<string, Point>();
    if (relayout) previous = new Map();
    // a copy: a render superseded by a newer one must leave no trace
    const loose = new Set(relayout ? [] : view.state.loose.get(body.name));
    const positions = relayout
        ? await layeredLayout(layoutNodes, body.edges)
        : await stableLayout(layoutNodes, body.edges, previous, loose);
    if (token !== view.state.renderToken) return;
    const t1 = performance.now();
    view.state.positions.set(body.name, positions);
    view.state.loose.set(body.name, loose);
    view.state.expansions = expansions;
    // Fit before drawing, so the draw knows whether the zoom needs the nodes' rows.
    if (!view.state.fitted.has(body.name) || relayout) {
        view.state.fitted.add(body.name);
        view.state.fitting = true;
        try { view.viewport.fit(boundsOf(layoutNodes, positions)); } finally { view.state.fitting = false; }
    }
    draw(view, body, layoutNodes, positions);
    saveState(view);
    const t2 = performance.now();
    view.state.lastRender = { layoutMs: t1 - t0, domMs: t2 - t1, nodes: layoutNodes.length, edges: body.edges.length };
    view.root.dataset.rendered = String(token);
}

function clearCanvas(view: GraphView, message: string): void {
    view.dom.nodesLayer.replaceChildren();
    view.dom.wiresLayer.replaceChildren();
    view.state.nodeEls.clear();
    view.state.nodeSigs.clear();
    view.state.placed.clear();
    view.state.allEdges = [];
    view.dom.emptyEl.textContent = message;
}

function showBanner(view: GraphView, graph: FlowGraph, body: ViewBody | undefined): void {
    const outside = graph.diagnostics.filter(d => d.severity === 'error' && (d.uri !== graph.uri
        || ![...graph.workflows, ...graph.subgraphs].some(b => b.range.start.line <= d.range.start.line && d.range.end.line <= b.range.end.line)));
    const problems = [...outside, ...(body?.diagnostics.filter(d => d.severity === 'error') ?? [])];
    view.dom.banner.textContent = problems.length
        ? `${problems.length} problem(s): ${problems.slice(0, 3).map(d => `line ${d.range.start.line + 1}: ${d.message}`).join(' · ')}`
        : '';
}

export function fit(view: GraphView): void {
    if (!view.state.body || !view.state.lastDraw) return;
    view.viewport.fit(boundsOf(view.state.lastDraw.layoutNodes, view.state.lastDraw.positions));
}
