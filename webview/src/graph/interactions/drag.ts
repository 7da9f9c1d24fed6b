/**
 * Moving a node (and the inside of an expanded instance with it) by its header. Only the moved
 * elements and their wires change during the drag; the position is saved at the end, not sent
 * to the host: positions are not part of the file.
 */
import { capture } from './capture.js';
import { saveState } from '../persist.js';
import type { GraphView } from '../view.js';
import { wireEnds, wirePath } from '../wires.js';

export function startMove(view: GraphView, e: PointerEvent, nodeId: string): void {
    const p = view.state.placed.get(nodeId);
    const map = view.state.bodyName ? view.state.positions.get(view.state.bodyName) : undefined;
    if (!p || p.node.readonly || !map) return;
    const start = { ...p.at };
    const inner = [...view.state.placed.values()].filter(x => x.node.id.startsWith(`${nodeId}/`)).map(x => ({ x, start: { ...x.at } }));
    capture(view, e, m => {
        const k = view.viewport.transform.k;
        const dx = (m.clientX - e.clientX) / k, dy = (m.clientY - e.clientY) / k;
        p.at = { x: start.x + dx, y: start.y + dy };
        view.state.nodeEls.get(nodeId)!.style.transform = `translate(${p.at.x}px, ${p.at.y}px)`;
        for (const i of inner) {
            i.x.at = { x: i.start.x + dx, y: i.start.y + dy };
            view.state.nodeEls.get(i.x.node.id)!.style.transform = `translate(${i.x.at.x}px, ${i.x.at.y}px)`;
        }
        updateWires(view, new Set([nodeId, ...inner.map(i => i.x.node.id)]));
    }, () => {
        map.set(nodeId, p.at);
        // placed by the user now: a later wire does not move it
        if (p.at.x !== start.x || p.at.y !== start.y) view.state.loose.get(view.state.bodyName!)?.delete(nodeId);
        saveState(view);
    }, true);
}

function updateWires(view: GraphView, nodeIds: ReadonlySet<string>): void {
    for (const e of view.state.allEdges) {
        if (!nodeIds.has(e.from.node) && !nodeIds.has(e.to.node)) continue;
        const ends = wireEnds(e, view.state.placed);
        const path = view.state.wirePaths.get(e.id);
        if (!ends || !path) continue;
        const d = wirePath(ends[0], ends[1]);
        path.setAttribute('d', d);
        path.nextElementSibling?.setAttribute('d', d);
    }
}
