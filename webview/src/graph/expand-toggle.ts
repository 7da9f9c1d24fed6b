/** Showing and hiding the inside of a subgraph instance (the drawing is `expand.ts`). */
import { saveState } from './persist.js';
import { render } from './render.js';
import type { GraphView } from './view.js';

export function toggleExpanded(view: GraphView, nodeId: string): void {
    if (!view.state.bodyName) return;
    let set = view.state.expanded.get(view.state.bodyName);
    if (!set) view.state.expanded.set(view.state.bodyName, set = new Set());
    if (set.has(nodeId)) set.delete(nodeId); else set.add(nodeId);
    saveState(view);
    void render(view).then(() => placeAfterResize(view, nodeId));
}

/** After an instance grows (expanded), push the nodes it now covers out of the way once. */
function placeAfterResize(view: GraphView, nodeId: string): void {
    const p = view.state.placed.get(nodeId);
    const map = view.state.bodyName ? view.state.positions.get(view.state.bodyName) : undefined;
    if (!p || !map || !view.state.body) return;
    const ex = view.state.expansions.get(nodeId);
    const rect = { x: p.at.x, y: p.at.y, w: ex?.width ?? p.width, h: ex?.height ?? p.node.height };
    let moved = false;
    for (const n of view.state.body.nodes) {
        const at = map.get(n.id);
        if (!at || n.id === nodeId) continue;
        if (at.x < rect.x + rect.w && at.x + n.width > rect.x && at.y < rect.y + rect.h && at.y + n.height > rect.y && at.x >= rect.x) {
            map.set(n.id, { x: rect.x + rect.w + 48 + (at.x - rect.x), y: at.y });
            moved = true;
        }
    }
    if (moved) void render(view);
}
