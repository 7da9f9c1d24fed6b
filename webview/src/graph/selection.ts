/**
 * The selected node or wire, and the node under the text cursor (highlight). Classes are
 * toggled on the existing elements, not redrawn: selection changes with every click and key.
 * Selecting or revealing a node tells the host, which moves the text editor to it.
 */
import type { GraphView } from './view.js';

export function select(view: GraphView, nodeId: string | undefined, notify = true): void {
    if (view.state.selectedEdge) selectEdge(view, undefined);
    if (view.state.selectedNode === nodeId) return;
    if (view.state.selectedNode) view.state.nodeEls.get(view.state.selectedNode)?.classList.remove('selected');
    view.state.selectedNode = nodeId;
    if (nodeId) view.state.nodeEls.get(nodeId)?.classList.add('selected');
    const node = nodeId ? view.state.placed.get(nodeId)?.node : undefined;
    if (notify && view.state.bodyName && (!node || !node.readonly)) {
        view.host.post({ type: 'selectNode', body: view.state.bodyName, nodeId: node?.id, range: node?.graphNode.range });
    }
}

export function selectEdge(view: GraphView, edgeId: string | undefined): void {
    if (view.state.selectedEdge) view.state.wirePaths.get(view.state.selectedEdge)?.classList.remove('selected');
    view.state.selectedEdge = edgeId;
    if (edgeId) {
        view.state.wirePaths.get(edgeId)?.classList.add('selected');
        if (view.state.selectedNode) { view.state.nodeEls.get(view.state.selectedNode)?.classList.remove('selected'); view.state.selectedNode = undefined; }
    }
}

export function highlight(view: GraphView, nodeId: string | undefined): void {
    if (view.state.highlighted) view.state.nodeEls.get(view.state.highlighted)?.classList.remove('highlighted');
    view.state.highlighted = nodeId;
    const el = nodeId ? view.state.nodeEls.get(nodeId) : undefined;
    if (!el || !nodeId) return;
    el.classList.add('highlighted');
    const p = view.state.placed.get(nodeId)!;
    const v = view.viewport.visibleWorld();
    const inside = p.at.x >= v.x && p.at.y >= v.y && p.at.x + p.width <= v.x + v.width && p.at.y + p.node.height <= v.y + v.height;
    if (!inside) view.viewport.centerOn({ x: p.at.x + p.width / 2, y: p.at.y + p.node.height / 2 });
}

export function reveal(view: GraphView, nodeId: string): void {
    const node = view.state.placed.get(nodeId)?.node;
    if (!node || !view.state.graph) return;
    if (node.id.startsWith('#')) return;
    const inner = nodeId.includes('/');
    const instance = inner ? view.state.placed.get(nodeId.split('/')[0])?.node : undefined;
    const uri = inner ? instance?.subgraph?.uri ?? view.state.graph.uri : view.state.graph.uri;
    view.host.post({ type: 'reveal', uri, range: node.graphNode.range });
}
