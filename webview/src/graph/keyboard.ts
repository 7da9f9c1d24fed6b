/**
 * Keyboard commands (the canvas's aria-label lists them). Keys are ignored while typing in an
 * editor or the palette; the letter, zoom and arrow keys do nothing with Ctrl, Cmd
 * or Alt, which belong to VS Code's shortcuts.
 */
import { startRename } from './editors/rename.js';
import { editWidget } from './editors/widget-editor.js';
import { disconnectEdge } from './interactions/connect.js';
import { openConnectPicker, openDisconnectPicker, openPalette } from './pickers.js';
import { fit } from './render.js';
import { highlight, reveal, select, selectEdge } from './selection.js';
import { type GraphView, intent } from './view.js';
import type { PlacedNode } from './wires.js';

export function onKey(view: GraphView, e: KeyboardEvent): void {
    const t = e.target as HTMLElement;
    if (view.palette.isOpen || t.closest('vscode-text-field, vscode-dropdown, select, input, textarea, .palette')) return;
    const widget = t.closest<HTMLElement>('.widget-value[data-widget]');
    if (widget && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); editWidget(view, widget); return; }
    const nodeEl = t.closest<HTMLElement>('.node');
    const nodeId = nodeEl?.dataset.nodeId ?? view.state.selectedNode;
    const node = nodeId ? view.state.placed.get(nodeId)?.node : undefined;
    switch (e.key) {
        case 'Delete':
        case 'Backspace':
            if (view.state.selectedEdge) { disconnectEdge(view, view.state.selectedEdge); e.preventDefault(); }
            else if (node && !node.readonly) { intent(view, { type: 'deleteNode', nodeId: node.id }); e.preventDefault(); }
            return;
        case 'F2':
            if (node && !node.readonly) { startRename(view, node.id); e.preventDefault(); }
            return;
        case 'Enter':
            if (nodeEl && t === nodeEl) { reveal(view, nodeEl.dataset.nodeId!); e.preventDefault(); }
            return;
        case 'Escape': select(view, undefined); selectEdge(view, undefined); return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    switch (e.key) {
        case 'a': case 'A': openPalette(view); e.preventDefault(); break;
        case 'c': case 'C':
            if (node && !node.readonly) { openConnectPicker(view, node.id); e.preventDefault(); }
            break;
        case 'd': case 'D':
            if (node && !node.readonly) { openDisconnectPicker(view, node.id); e.preventDefault(); }
            break;
        case 'f': case 'F': case '0': fit(view); break;
        case '+': case '=': view.viewport.zoomBy(1.25); break;
        case '-': case '_': view.viewport.zoomBy(0.8); break;
        case 'l': case 'L': view.dom.legend.hidden = !view.dom.legend.hidden; break;
        case 'ArrowLeft': case 'ArrowRight': case 'ArrowUp': case 'ArrowDown':
            e.preventDefault();
            if (nodeEl && t === nodeEl) focusNeighbour(view, nodeEl.dataset.nodeId!, e.key);
            else view.viewport.panBy(e.key === 'ArrowLeft' ? 60 : e.key === 'ArrowRight' ? -60 : 0, e.key === 'ArrowUp' ? 60 : e.key === 'ArrowDown' ? -60 : 0);
            break;
    }
}

/** Arrow keys on a focused node move focus to the nearest node in that direction. */
function focusNeighbour(view: GraphView, fromId: string, key: string): void {
    const from = view.state.placed.get(fromId);
    if (!from) return;
    const cx = (p: PlacedNode) => p.at.x + p.width / 2, cy = (p: PlacedNode) => p.at.y + p.node.height / 2;
    const dir = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[key]!;
    let best: PlacedNode | undefined, bestScore = Infinity;
    for (const p of view.state.placed.values()) {
        if (p === from || p.node.readonly) continue;
        const dx = cx(p) - cx(from), dy = cy(p) - cy(from);
        const along = dx * dir[0] + dy * dir[1];
        if (along <= 0) continue;
        const score = along + 2 * Math.abs(dx * dir[1] + dy * dir[0]);
        if (score < bestScore) { bestScore = score; best = p; }
    }
    if (best) {
        view.state.nodeEls.get(best.node.id)?.focus({ preventScroll: true });
        highlight(view, undefined);
        const v = view.viewport.visibleWorld();
        if (best.at.x < v.x || best.at.y < v.y || best.at.x + best.width > v.x + v.width || best.at.y + best.node.height > v.y + v.height) {
            view.viewport.centerOn({ x: cx(best), y: cy(best) });
        }
    }
}
