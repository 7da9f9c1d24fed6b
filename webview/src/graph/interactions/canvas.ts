/** Routes the canvas's DOM events to the gestures, editors and commands that handle them. */
import { startRename } from '../editors/rename.js';
import { editWidget } from '../editors/widget-editor.js';
import { toggleExpanded } from '../expand-toggle.js';
import { onKey } from '../keyboard.js';
import { openPalette } from '../pickers.js';
import { onPointerDown } from './pointer.js';
import { reveal, select, selectEdge } from '../selection.js';
import { type GraphView, intent } from '../view.js';

export function bindCanvas(view: GraphView): void {
    const c = view.dom.canvas;
    c.addEventListener('pointerdown', e => onPointerDown(view, e));
    c.addEventListener('click', e => onClick(view, e));
    c.addEventListener('dblclick', e => {
        const t = e.target as HTMLElement;
        const nodeEl = t.closest<HTMLElement>('.node');
        if (nodeEl && t.closest('.node-header') && !t.closest('button')) reveal(view, nodeEl.dataset.nodeId!);
        else if (!nodeEl) openPalette(view);
    });
    c.addEventListener('wheel', e => {
        if ((e.target as HTMLElement).closest('textarea')) return; // a prompt being edited scrolls its text
        e.preventDefault();
        const r = c.getBoundingClientRect();
        if (e.shiftKey) view.viewport.panBy(-e.deltaY, 0);
        else view.viewport.zoomBy(Math.exp(-e.deltaY * 0.0015), { x: e.clientX - r.left, y: e.clientY - r.top });
    }, { passive: false });
    c.addEventListener('change', e => {
        const t = e.target as HTMLElement & { checked?: boolean };
        if (t.tagName === 'VSCODE-CHECKBOX' && t.dataset.widget) {
            const nodeId = t.closest<HTMLElement>('.node')!.dataset.nodeId!;
            intent(view, { type: 'setParam', nodeId, param: t.dataset.widget, value: Boolean(t.checked) });
        }
    });
    c.addEventListener('focusin', e => {
        const nodeEl = (e.target as HTMLElement).closest<HTMLElement>('.node');
        if (nodeEl && e.target === nodeEl) select(view, nodeEl.dataset.nodeId);
    });
    view.root.addEventListener('keydown', e => onKey(view, e));
}

function onClick(view: GraphView, e: MouseEvent): void {
    const t = e.target as HTMLElement;
    const action = t.closest<HTMLElement>('[data-action]')?.dataset.action;
    const nodeEl = t.closest<HTMLElement>('.node');
    const nodeId = nodeEl?.dataset.nodeId;
    if (action && nodeId) {
        if (action === 'delete') intent(view, { type: 'deleteNode', nodeId });
        else if (action === 'rename') startRename(view, nodeId);
        else if (action === 'expand') toggleExpanded(view, nodeId);
        return;
    }
    const widget = t.closest<HTMLElement>('.widget-value[data-widget]');
    if (widget) { editWidget(view, widget); return; }
    const edgeId = (t as unknown as SVGElement).closest?.<SVGElement>('[data-edge-id]')?.dataset.edgeId;
    if (edgeId) { selectEdge(view, edgeId); return; }
}
