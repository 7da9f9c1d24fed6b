/**
 * Puts a laid-out body on screen. Node elements whose signature did not change are kept, so an
 * edit redraws the few nodes it touched (and keeps focus and Tab order) instead of the graph.
 */
import type { Point } from './geometry.js';
import { boundsOf } from './layout.js';
import { applyRunStateToElement, categoryColor, nodeSignature, renderNode } from './render-node.js';
import { stateForNode } from './run-state.js';
import type { ViewBody, ViewNode } from './view-model.js';
import type { GraphView } from './view.js';
import { type PlacedNode, syncWires } from './wires.js';

/** Below this zoom nodes are drawn as headers only (see `.lod` in styles.ts). */
const LOW_DETAIL_ZOOM = 0.4;

/** Toggles the low-detail look; the first readable zoom redraws the nodes with their rows. */
export function onZoom(view: GraphView): void {
    const lod = view.viewport.transform.k < LOW_DETAIL_ZOOM;
    view.dom.world.classList.toggle('lod', lod);
    if (!lod && !view.state.detail) {
        view.state.detail = true;
        if (view.state.lastDraw && !view.state.fitting) draw(view, view.state.lastDraw.body, view.state.lastDraw.layoutNodes, view.state.lastDraw.positions);
    }
}

export function draw(view: GraphView, body: ViewBody, layoutNodes: ViewNode[], positions: Map<string, Point>): void {
    view.state.lastDraw = { body, layoutNodes, positions };
    view.state.detail ||= view.viewport.transform.k >= LOW_DETAIL_ZOOM;
    view.dom.emptyEl.textContent = body.nodes.length ? '' : `${body.name} has no nodes yet: press A to add one.`;
    const placed = new Map<string, PlacedNode>();
    const allNodes: Array<{ node: ViewNode; at: Point; width: number; height: number; expanded?: boolean }> = [];
    for (const n of layoutNodes) {
        const at = positions.get(n.id) ?? { x: 0, y: 0 };
        const ex = view.state.expansions.get(n.id);
        allNodes.push({ node: n, at, width: n.width, height: n.height, expanded: Boolean(ex) });
        for (const inner of ex?.nodes ?? []) {
            const off = ex!.offsets.get(inner.id)!;
            allNodes.push({ node: inner, at: { x: at.x + off.x, y: at.y + off.y }, width: inner.width, height: inner.height });
        }
    }
    const edges = [...body.edges, ...[...view.state.expansions.values()].flatMap(e => e.edges)];
    const connectedIn = new Map<string, Set<string>>(), connectedOut = new Map<string, Set<string>>();
    const mark = (m: Map<string, Set<string>>, k: string, v: string) => { let s = m.get(k); if (!s) m.set(k, s = new Set()); s.add(v); };
    for (const e of edges) {
        if (e.fromFrameInput) mark(connectedIn, e.from.node, e.from.output); else mark(connectedOut, e.from.node, e.from.output);
        if (e.toFrameOutput) mark(connectedOut, e.to.node, e.to.input); else mark(connectedIn, e.to.node, e.to.input);
    }
    const els = new Map<string, HTMLElement>();
    const sigs = new Map<string, string>();
    const empty = new Set<string>();
    const ordered: HTMLElement[] = [];
    let reused = 0;
    for (const item of allNodes) {
        const options = {
            connectedInputs: connectedIn.get(item.node.id) ?? empty,
            connectedOutputs: connectedOut.get(item.node.id) ?? empty,
            expandable: Boolean(item.node.subgraph) && !item.node.readonly,
            expanded: Boolean(item.expanded),
            size: { width: item.width, height: item.height },
            detail: view.state.detail,
        };
        const sig = nodeSignature(item.node, options);
        const previous = view.state.nodeEls.get(item.node.id);
        let el: HTMLElement;
        if (previous && view.state.nodeSigs.get(item.node.id) === sig) {
            el = previous;
            reused++;
        } else {
            el = renderNode(item.node, options);
        }
        const transform = `translate(${item.at.x}px, ${item.at.y}px)`;
        if (el.style.transform !== transform) el.style.transform = transform;
        el.classList.toggle('selected', item.node.id === view.state.selectedNode);
        el.classList.toggle('highlighted', item.node.id === view.state.highlighted);
        applyRunStateToElement(el, stateForNode(view.state.runState, item.node.execId));
        els.set(item.node.id, el);
        sigs.set(item.node.id, sig);
        placed.set(item.node.id, { node: item.node, at: item.at, width: item.width });
        ordered.push(el);
    }
    const focusedId = (document.activeElement as HTMLElement | null)?.closest?.<HTMLElement>('.node')?.dataset.nodeId;
    // Keep the DOM in source order (it is the Tab order), moving elements only when needed.
    const current = view.dom.nodesLayer.children;
    const inOrder = current.length === ordered.length && ordered.every((el, i) => current[i] === el);
    if (!inOrder) {
        if (reused === 0) view.dom.nodesLayer.replaceChildren(...ordered);
        else {
            const keep = new Set(ordered);
            for (const el of Array.from(current)) if (!keep.has(el as HTMLElement)) el.remove();
            ordered.forEach((el, i) => { if (view.dom.nodesLayer.children[i] !== el) view.dom.nodesLayer.insertBefore(el, view.dom.nodesLayer.children[i] ?? null); });
        }
    }
    view.state.nodeEls = els;
    view.state.nodeSigs = sigs;
    view.state.placed = placed;
    view.state.allEdges = edges;
    if (view.state.selectedEdge && !edges.some(e => e.id === view.state.selectedEdge)) view.state.selectedEdge = undefined;
    if (view.state.selectedNode && !els.has(view.state.selectedNode)) view.state.selectedNode = undefined;
    view.state.wirePaths = syncWires(view.dom.wiresLayer, edges, placed, view.state.selectedEdge);
    view.state.lastReused = reused;
    if (focusedId) els.get(focusedId)?.focus({ preventScroll: true });
    view.minimap.setItems(allNodes.filter(n => !n.node.readonly || n.node.id.includes('/')).map(n => ({
        rect: { x: n.at.x, y: n.at.y, width: n.width, height: n.height }, color: categoryColor(n.node.category),
    })), boundsOf(layoutNodes, positions));
}
