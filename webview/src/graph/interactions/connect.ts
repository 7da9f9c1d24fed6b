/** Wiring edits on the canvas: dragging a wire from an output, removing the selected wire (Delete). */
import { isAssignable, type PortType } from '../../../../catalog/src/schema.js';
import { capture } from './capture.js';
import { SUBGRAPH_INPUTS_NODE, SUBGRAPH_OUTPUTS_NODE } from '../contract.js';
import { svg } from '../dom.js';
import { openPalette } from '../pickers.js';
import { typeColor } from '../render-node.js';
import { selectEdge } from '../selection.js';
import { type GraphView, intent } from '../view.js';
import { wirePath } from '../wires.js';

/** Drag from an output port: compatible inputs light up, incompatible ones refuse the drop. */
export function startConnect(view: GraphView, e: PointerEvent, fromId: string, portEl: HTMLElement): void {
    const from = view.state.placed.get(fromId);
    const output = portEl.dataset.name!;
    const fromType = portEl.dataset.type as PortType;
    // Read-only nodes (inside expanded instances) cannot be wired, but a subgraph's own
    // inputs and outputs can: they are edits of this file.
    if (!from || (from.node.readonly && fromId !== SUBGRAPH_INPUTS_NODE)) return;
    e.preventDefault();
    const portOf = (el: Element | null) => el?.closest<HTMLElement>('.port.in');
    const accepts = (nodeId: string, type: string) => {
        const n = view.state.placed.get(nodeId)?.node;
        return Boolean(n && (!n.readonly || nodeId === SUBGRAPH_OUTPUTS_NODE) && nodeId !== fromId && isAssignable(fromType, type as PortType));
    };
    for (const [id, el] of view.state.nodeEls) {
        let any = false;
        for (const p of el.querySelectorAll<HTMLElement>('.port.in')) {
            const ok = accepts(id, p.dataset.type!);
            p.classList.toggle('compatible', ok);
            p.classList.toggle('incompatible', !ok);
            any ||= ok;
        }
        el.classList.toggle('no-target', !any);
    }
    view.dom.canvas.classList.add('dragging');
    const start = { x: from.at.x + from.width, y: from.at.y + (from.node.outputs.find(o => o.name === output)?.y ?? 0) };
    const path = svg('path', { d: wirePath(start, start) });
    path.style.setProperty('--wire-color', typeColor(fromType));
    view.dom.dragLayer.replaceChildren(path);
    const r = view.dom.canvas.getBoundingClientRect();
    const targetAt = (m: PointerEvent) => {
        const el = document.elementFromPoint(m.clientX, m.clientY);
        const port = portOf(el);
        if (port) return { port, nodeId: port.closest<HTMLElement>('.node')!.dataset.nodeId! };
        const nodeEl = el?.closest<HTMLElement>('.node');
        if (!nodeEl) return undefined;
        // Dropped on a node's body: its first compatible input, preferring free ones.
        const ports = [...nodeEl.querySelectorAll<HTMLElement>('.port.in')].filter(p => accepts(nodeEl.dataset.nodeId!, p.dataset.type!));
        const free = ports.find(p => !p.classList.contains('connected')) ?? ports[0];
        return { port: free, nodeId: nodeEl.dataset.nodeId!, node: true };
    };
    capture(view, e, m => {
        const p = view.viewport.toWorld({ x: m.clientX - r.left, y: m.clientY - r.top });
        path.setAttribute('d', wirePath(start, p));
        const target = targetAt(m);
        path.classList.toggle('refused', Boolean(target && (!target.port || !accepts(target.nodeId, target.port.dataset.type!))));
    }, u => {
        view.dom.canvas.classList.remove('dragging');
        view.dom.dragLayer.replaceChildren();
        for (const el of view.dom.nodesLayer.querySelectorAll('.compatible, .incompatible, .no-target')) el.classList.remove('compatible', 'incompatible', 'no-target');
        const target = targetAt(u);
        if (!target) {
            if (Math.hypot(u.clientX - e.clientX, u.clientY - e.clientY) > 20) openPalette(view, { node: fromId, output, type: fromType });
            return;
        }
        if (target.nodeId === fromId) return;
        const toNode = view.state.placed.get(target.nodeId)?.node;
        if (!target.port || !accepts(target.nodeId, target.port.dataset.type!)) {
            const what = target.port ? `${target.nodeId}.${target.port.dataset.name} (${target.port.dataset.type})` : `any input of ${target.nodeId}`;
            view.toast.show(toNode?.readonly
                ? `${target.nodeId} is inside a subgraph: edit the subgraph itself`
                : `Cannot connect ${fromId}.${output} (${fromType}) to ${what}`);
            return;
        }
        intent(view, { type: 'connect', from: { node: fromId, output }, to: { node: target.nodeId, input: target.port.dataset.name! } });
    });
}

export function disconnectEdge(view: GraphView, edgeId: string): void {
    const e = view.state.allEdges.find(x => x.id === edgeId);
    if (!e || e.toFrameOutput || e.fromFrameInput || view.state.placed.get(e.to.node)?.node.readonly) return;
    if (e.to.node.startsWith('#')) return;
    intent(view, { type: 'disconnect', nodeId: e.to.node, input: e.to.input });
    selectEdge(view, undefined);
}
