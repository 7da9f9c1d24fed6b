/**
 * Which gesture a pointer press starts: an output port connects, a node header moves the node,
 * the background pans (and a click on it without moving clears the selection). Editors,
 * buttons and wires keep their own clicks.
 */
import { capture } from './capture.js';
import { startConnect } from './connect.js';
import { startMove } from './drag.js';
import { select, selectEdge } from '../selection.js';
import type { GraphView } from '../view.js';

export function onPointerDown(view: GraphView, e: PointerEvent): void {
    if (e.button !== 0) return;
    const t = e.target as HTMLElement;
    if (t.closest('vscode-text-field, vscode-dropdown, vscode-checkbox, textarea, button, .widget-value')) return;
    const port = t.closest<HTMLElement>('.port.out');
    const nodeEl = t.closest<HTMLElement>('.node');
    if (port && nodeEl) { startConnect(view, e, nodeEl.dataset.nodeId!, port); return; }
    if (nodeEl) {
        select(view, nodeEl.dataset.nodeId);
        if (t.closest('.node-header')) startMove(view, e, nodeEl.dataset.nodeId!);
        return;
    }
    if ((t as unknown as SVGElement).closest?.('[data-edge-id]')) return;
    startPan(view, e);
}

function startPan(view: GraphView, e: PointerEvent): void {
    let last = { x: e.clientX, y: e.clientY };
    let moved = false;
    view.dom.canvas.classList.add('panning');
    capture(view, e, m => {
        if (Math.abs(m.clientX - e.clientX) + Math.abs(m.clientY - e.clientY) > 3) moved = true;
        view.viewport.panBy(m.clientX - last.x, m.clientY - last.y);
        last = { x: m.clientX, y: m.clientY };
    }, () => {
        view.dom.canvas.classList.remove('panning');
        if (!moved) { select(view, undefined); selectEdge(view, undefined); }
    }, true);
}
