/**
 * The graph view: receives FlowGraph updates and run events from the host, draws the
 * selected body (workflow or subgraph), and turns user gestures into edit intents. It never
 * edits anything itself: every change goes to the host, which edits the text; the next
 * `update` redraws.
 */
import { isAssignable, type PortType } from '../../../catalog/src/schema.js';
import { GRAPH_VIEW_CONTRACT_VERSION, type HostToViewMessage, SUBGRAPH_INPUTS_NODE, SUBGRAPH_OUTPUTS_NODE, unpackGraph, type UpdateMessage, type ViewToHostMessage } from './contract.js';
import { h, svg } from './dom.js';
import { onZoom } from './draw.js';
import { startRename } from './editors/rename.js';
import { editWidget } from './editors/widget-editor.js';
import { toggleExpanded } from './expand-toggle.js';
import { Minimap } from './minimap.js';
import { buildPage, type GraphDom } from './page.js';
import { Palette } from './palette.js';
import { restoreState, saveState } from './persist.js';
import { openConnectPicker, openDisconnectPicker, openPalette } from './pickers.js';
import { typeColor } from './render-node.js';
import { fit, render } from './render.js';
import { applyRunEvent, emptyRunState } from './run-state.js';
import { applyRunStateFor, applyRunStates, showRunStatus } from './run-status.js';
import { highlight, reveal, select, selectEdge } from './selection.js';
import { GraphState, type RenderStats } from './state.js';
import { Toast } from './toast.js';
import { modelContext } from './view-model.js';
import { type GraphView, type HostBridge, intent } from './view.js';
import { Viewport } from './viewport.js';
import { type PlacedNode, wireEnds, wirePath } from './wires.js';

export type { HostBridge } from './view.js';
export type { RenderStats } from './state.js';

export class GraphApp implements GraphView {
    readonly state = new GraphState();
    readonly dom: GraphDom;
    readonly palette = new Palette();
    readonly viewport: Viewport;
    readonly minimap: Minimap;
    readonly toast: Toast;

    constructor(readonly root: HTMLElement, readonly host: HostBridge) {
        this.dom = buildPage(root, this.palette.element);
        this.toast = new Toast(this.dom.toast);
        this.viewport = new Viewport(this.dom.canvas, this.dom.world);
        this.viewport.onChange(() => onZoom(this));
        this.minimap = new Minimap(this.dom.minimapCanvas, this.viewport);
        restoreState(this);
        this.bindToolbar(this.dom.toolbar);
        this.bindCanvas();
    }

    /** Node elements kept from the previous render (for tests). */
    get lastReused(): number { return this.state.lastReused; }
    /** Timings of the last render, for the benchmark and tests. */
    get lastRender(): RenderStats | undefined { return this.state.lastRender; }

    // ------------------------------------------------------------ messages

    handle(message: HostToViewMessage): void {
        switch (message.type) {
            case 'update': this.onUpdate(message); break;
            case 'highlight':
                if (message.body === this.state.bodyName) highlight(this, message.nodeId);
                break;
            case 'runEvent': {
                const before = this.state.runState;
                this.state.runState = applyRunEvent(this.state.runState, message.event, message.imageUri);
                if (message.event.event === 'run-start' || before.runId !== this.state.runState.runId) applyRunStates(this);
                else if ('node' in message.event && message.event.node) applyRunStateFor(this, message.event.node);
                showRunStatus(this);
                break;
            }
            case 'runSnapshot': this.state.runState = message.state; applyRunStates(this); showRunStatus(this); break;
            case 'runReset': this.state.runState = emptyRunState(); applyRunStates(this); showRunStatus(this); break;
        }
    }

    private post(message: ViewToHostMessage): void {
        this.host.post(message);
    }

    private onUpdate(m: UpdateMessage): void {
        const graph = unpackGraph(m.graph);
        this.state.graph = graph;
        this.state.imported = m.imported ?? [];
        this.state.documentVersion = m.documentVersion;
        this.state.context = modelContext(graph, m.catalog, this.state.imported);
        const bodies = [...graph.workflows.map(w => w.name), ...graph.subgraphs.map(s => s.name)];
        if (m.body && bodies.includes(m.body) && m.body !== this.state.bodyName) {
            this.state.bodyName = m.body;
            this.state.selectedNode = undefined;
            this.state.selectedEdge = undefined;
        }
        if (!this.state.bodyName || !bodies.includes(this.state.bodyName)) this.state.bodyName = bodies[0];
        this.dom.bodySelect.replaceChildren(
            ...graph.workflows.map(w => h('option', { value: w.name, text: `workflow ${w.name}`, selected: w.name === this.state.bodyName })),
            ...graph.subgraphs.map(s => h('option', { value: s.name, text: `subgraph ${s.name}`, selected: s.name === this.state.bodyName })),
        );
        this.dom.bodySelect.hidden = bodies.length === 0;
        if (this.state.pendingRename && this.state.pendingRename.body === this.state.bodyName) {
            const map = this.state.positions.get(this.state.bodyName);
            const at = map?.get(this.state.pendingRename.from);
            if (map && at && !map.has(this.state.pendingRename.to)) map.set(this.state.pendingRename.to, at);
            if (this.state.selectedNode === this.state.pendingRename.from) this.state.selectedNode = this.state.pendingRename.to;
            this.state.pendingRename = undefined;
        }
        void render(this);
    }

    /** Draws the current graph; resolves once it is in the DOM (a newer render supersedes it). */
    render(relayout = false): Promise<void> {
        return render(this, relayout);
    }







    // ------------------------------------------------------------ run states




    // ------------------------------------------------------------ selection





    // ------------------------------------------------------------ toolbar and keys

    private bindToolbar(toolbar: HTMLElement): void {
        toolbar.addEventListener('click', e => {
            const action = (e.target as HTMLElement).closest<HTMLElement>('[data-toolbar]')?.dataset.toolbar;
            switch (action) {
                case 'add': openPalette(this); break;
                case 'fit': fit(this); break;
                case 'zoom-in': this.viewport.zoomBy(1.25); break;
                case 'zoom-out': this.viewport.zoomBy(0.8); break;
                case 'relayout': void render(this, true); break;
                case 'legend': this.dom.legend.hidden = !this.dom.legend.hidden; break;
            }
        });
        this.dom.bodySelect.addEventListener('change', () => {
            this.state.bodyName = this.dom.bodySelect.value;
            this.state.selectedNode = undefined;
            this.state.selectedEdge = undefined;
            saveState(this);
            void render(this);
        });
    }

    private bindCanvas(): void {
        const c = this.dom.canvas;
        c.addEventListener('pointerdown', e => this.onPointerDown(e));
        c.addEventListener('click', e => this.onClick(e));
        c.addEventListener('dblclick', e => {
            const t = e.target as HTMLElement;
            const nodeEl = t.closest<HTMLElement>('.node');
            if (nodeEl && t.closest('.node-header') && !t.closest('button')) reveal(this, nodeEl.dataset.nodeId!);
            else if (!nodeEl) openPalette(this);
        });
        c.addEventListener('wheel', e => {
            e.preventDefault();
            const r = c.getBoundingClientRect();
            if (e.shiftKey) this.viewport.panBy(-e.deltaY, 0);
            else this.viewport.zoomBy(Math.exp(-e.deltaY * 0.0015), { x: e.clientX - r.left, y: e.clientY - r.top });
        }, { passive: false });
        c.addEventListener('change', e => {
            const t = e.target as HTMLElement & { checked?: boolean };
            if (t.tagName === 'VSCODE-CHECKBOX' && t.dataset.widget) {
                const nodeId = t.closest<HTMLElement>('.node')!.dataset.nodeId!;
                intent(this, { type: 'setParam', nodeId, param: t.dataset.widget, value: Boolean(t.checked) });
            }
        });
        c.addEventListener('focusin', e => {
            const nodeEl = (e.target as HTMLElement).closest<HTMLElement>('.node');
            if (nodeEl && e.target === nodeEl) select(this, nodeEl.dataset.nodeId);
        });
        this.root.addEventListener('keydown', e => this.onKey(e));
    }

    private onKey(e: KeyboardEvent): void {
        const t = e.target as HTMLElement;
        if (this.palette.isOpen || t.closest('vscode-text-field, vscode-dropdown, select, input, .palette')) return;
        const widget = t.closest<HTMLElement>('.widget-value[data-widget]');
        if (widget && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); editWidget(this, widget); return; }
        const nodeEl = t.closest<HTMLElement>('.node');
        const nodeId = nodeEl?.dataset.nodeId ?? this.state.selectedNode;
        const node = nodeId ? this.state.placed.get(nodeId)?.node : undefined;
        switch (e.key) {
            case 'Delete':
            case 'Backspace':
                if (this.state.selectedEdge) { this.disconnectEdge(this.state.selectedEdge); e.preventDefault(); }
                else if (node && !node.readonly) { intent(this, { type: 'deleteNode', nodeId: node.id }); e.preventDefault(); }
                return;
            case 'F2':
                if (node && !node.readonly) { startRename(this, node.id); e.preventDefault(); }
                return;
            case 'Enter':
                if (nodeEl && t === nodeEl) { reveal(this, nodeEl.dataset.nodeId!); e.preventDefault(); }
                return;
            case 'Escape': select(this, undefined); selectEdge(this, undefined); return;
        }
        if (e.ctrlKey || e.metaKey || e.altKey) return;
        switch (e.key) {
            case 'a': case 'A': openPalette(this); e.preventDefault(); break;
            case 'c': case 'C':
                if (node && !node.readonly) { openConnectPicker(this, node.id); e.preventDefault(); }
                break;
            case 'd': case 'D':
                if (node && !node.readonly) { openDisconnectPicker(this, node.id); e.preventDefault(); }
                break;
            case 'f': case 'F': case '0': fit(this); break;
            case '+': case '=': this.viewport.zoomBy(1.25); break;
            case '-': case '_': this.viewport.zoomBy(0.8); break;
            case 'l': case 'L': this.dom.legend.hidden = !this.dom.legend.hidden; break;
            case 'ArrowLeft': case 'ArrowRight': case 'ArrowUp': case 'ArrowDown':
                e.preventDefault();
                if (nodeEl && t === nodeEl) this.focusNeighbour(nodeEl.dataset.nodeId!, e.key);
                else this.viewport.panBy(e.key === 'ArrowLeft' ? 60 : e.key === 'ArrowRight' ? -60 : 0, e.key === 'ArrowUp' ? 60 : e.key === 'ArrowDown' ? -60 : 0);
                break;
        }
    }

    /** Arrow keys on a focused node move focus to the nearest node in that direction. */
    private focusNeighbour(fromId: string, key: string): void {
        const from = this.state.placed.get(fromId);
        if (!from) return;
        const cx = (p: PlacedNode) => p.at.x + p.width / 2, cy = (p: PlacedNode) => p.at.y + p.node.height / 2;
        const dir = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[key]!;
        let best: PlacedNode | undefined, bestScore = Infinity;
        for (const p of this.state.placed.values()) {
            if (p === from || p.node.readonly) continue;
            const dx = cx(p) - cx(from), dy = cy(p) - cy(from);
            const along = dx * dir[0] + dy * dir[1];
            if (along <= 0) continue;
            const score = along + 2 * Math.abs(dx * dir[1] + dy * dir[0]);
            if (score < bestScore) { bestScore = score; best = p; }
        }
        if (best) {
            this.state.nodeEls.get(best.node.id)?.focus({ preventScroll: true });
            highlight(this, undefined);
            const v = this.viewport.visibleWorld();
            if (best.at.x < v.x || best.at.y < v.y || best.at.x + best.width > v.x + v.width || best.at.y + best.node.height > v.y + v.height) {
                this.viewport.centerOn({ x: cx(best), y: cy(best) });
            }
        }
    }

    private onClick(e: MouseEvent): void {
        const t = e.target as HTMLElement;
        const action = t.closest<HTMLElement>('[data-action]')?.dataset.action;
        const nodeEl = t.closest<HTMLElement>('.node');
        const nodeId = nodeEl?.dataset.nodeId;
        if (action && nodeId) {
            if (action === 'delete') intent(this, { type: 'deleteNode', nodeId });
            else if (action === 'rename') startRename(this, nodeId);
            else if (action === 'expand') toggleExpanded(this, nodeId);
            return;
        }
        const widget = t.closest<HTMLElement>('.widget-value[data-widget]');
        if (widget) { editWidget(this, widget); return; }
        const edgeId = (t as unknown as SVGElement).closest?.<SVGElement>('[data-edge-id]')?.dataset.edgeId;
        if (edgeId) { selectEdge(this, edgeId); return; }
    }



    private disconnectEdge(edgeId: string): void {
        const e = this.state.allEdges.find(x => x.id === edgeId);
        if (!e || e.toFrameOutput || e.fromFrameInput || this.state.placed.get(e.to.node)?.node.readonly) return;
        if (e.to.node.startsWith('#')) return;
        intent(this, { type: 'disconnect', nodeId: e.to.node, input: e.to.input });
        selectEdge(this, undefined);
    }

    // ------------------------------------------------------------ pointer gestures

    private onPointerDown(e: PointerEvent): void {
        if (e.button !== 0) return;
        const t = e.target as HTMLElement;
        if (t.closest('vscode-text-field, vscode-dropdown, vscode-checkbox, button, .widget-value')) return;
        const port = t.closest<HTMLElement>('.port.out');
        const nodeEl = t.closest<HTMLElement>('.node');
        if (port && nodeEl) { this.startConnect(e, nodeEl.dataset.nodeId!, port); return; }
        if (nodeEl) {
            select(this, nodeEl.dataset.nodeId);
            if (t.closest('.node-header')) this.startMove(e, nodeEl.dataset.nodeId!);
            return;
        }
        if ((t as unknown as SVGElement).closest?.('[data-edge-id]')) return;
        this.startPan(e);
    }

    /**
     * Follows a pointer gesture. `lazy` captures the pointer only once it has moved, so that a
     * plain click or double-click still reaches the element under it (captured clicks go to the canvas).
     */
    private capture(e: PointerEvent, move: (m: PointerEvent) => void, up: (u: PointerEvent) => void, lazy = false): void {
        const c = this.dom.canvas;
        if (!lazy) c.setPointerCapture(e.pointerId);
        const onMove = (m: PointerEvent) => {
            if (lazy && !c.hasPointerCapture(m.pointerId) && Math.hypot(m.clientX - e.clientX, m.clientY - e.clientY) > 3) c.setPointerCapture(m.pointerId);
            move(m);
        };
        const onUp = (u: PointerEvent) => {
            c.removeEventListener('pointermove', onMove);
            c.removeEventListener('pointerup', onUp);
            c.removeEventListener('pointercancel', onUp);
            if (c.hasPointerCapture(u.pointerId)) c.releasePointerCapture(u.pointerId);
            up(u);
        };
        c.addEventListener('pointermove', onMove);
        c.addEventListener('pointerup', onUp);
        c.addEventListener('pointercancel', onUp);
    }

    private startPan(e: PointerEvent): void {
        let last = { x: e.clientX, y: e.clientY };
        let moved = false;
        this.dom.canvas.classList.add('panning');
        this.capture(e, m => {
            if (Math.abs(m.clientX - e.clientX) + Math.abs(m.clientY - e.clientY) > 3) moved = true;
            this.viewport.panBy(m.clientX - last.x, m.clientY - last.y);
            last = { x: m.clientX, y: m.clientY };
        }, () => {
            this.dom.canvas.classList.remove('panning');
            if (!moved) { select(this, undefined); selectEdge(this, undefined); }
        }, true);
    }

    private startMove(e: PointerEvent, nodeId: string): void {
        const p = this.state.placed.get(nodeId);
        const map = this.state.bodyName ? this.state.positions.get(this.state.bodyName) : undefined;
        if (!p || p.node.readonly || !map) return;
        const start = { ...p.at };
        const inner = [...this.state.placed.values()].filter(x => x.node.id.startsWith(`${nodeId}/`)).map(x => ({ x, start: { ...x.at } }));
        this.capture(e, m => {
            const k = this.viewport.transform.k;
            const dx = (m.clientX - e.clientX) / k, dy = (m.clientY - e.clientY) / k;
            p.at = { x: start.x + dx, y: start.y + dy };
            this.state.nodeEls.get(nodeId)!.style.transform = `translate(${p.at.x}px, ${p.at.y}px)`;
            for (const i of inner) {
                i.x.at = { x: i.start.x + dx, y: i.start.y + dy };
                this.state.nodeEls.get(i.x.node.id)!.style.transform = `translate(${i.x.at.x}px, ${i.x.at.y}px)`;
            }
            this.updateWires(new Set([nodeId, ...inner.map(i => i.x.node.id)]));
        }, () => {
            map.set(nodeId, p.at);
            // placed by the user now: a later wire does not move it
            if (p.at.x !== start.x || p.at.y !== start.y) this.state.loose.get(this.state.bodyName!)?.delete(nodeId);
            saveState(this);
        }, true);
    }

    private updateWires(nodeIds: ReadonlySet<string>): void {
        for (const e of this.state.allEdges) {
            if (!nodeIds.has(e.from.node) && !nodeIds.has(e.to.node)) continue;
            const ends = wireEnds(e, this.state.placed);
            const path = this.state.wirePaths.get(e.id);
            if (!ends || !path) continue;
            const d = wirePath(ends[0], ends[1]);
            path.setAttribute('d', d);
            path.nextElementSibling?.setAttribute('d', d);
        }
    }

    /** Drag from an output port: compatible inputs light up, incompatible ones refuse the drop. */
    private startConnect(e: PointerEvent, fromId: string, portEl: HTMLElement): void {
        const from = this.state.placed.get(fromId);
        const output = portEl.dataset.name!;
        const fromType = portEl.dataset.type as PortType;
        // Read-only nodes (inside expanded instances) cannot be wired, but a subgraph's own
        // inputs and outputs can: they are edits of this file.
        if (!from || (from.node.readonly && fromId !== SUBGRAPH_INPUTS_NODE)) return;
        e.preventDefault();
        const portOf = (el: Element | null) => el?.closest<HTMLElement>('.port.in');
        const accepts = (nodeId: string, type: string) => {
            const n = this.state.placed.get(nodeId)?.node;
            return Boolean(n && (!n.readonly || nodeId === SUBGRAPH_OUTPUTS_NODE) && nodeId !== fromId && isAssignable(fromType, type as PortType));
        };
        for (const [id, el] of this.state.nodeEls) {
            let any = false;
            for (const p of el.querySelectorAll<HTMLElement>('.port.in')) {
                const ok = accepts(id, p.dataset.type!);
                p.classList.toggle('compatible', ok);
                p.classList.toggle('incompatible', !ok);
                any ||= ok;
            }
            el.classList.toggle('no-target', !any);
        }
        this.dom.canvas.classList.add('dragging');
        const start = { x: from.at.x + from.width, y: from.at.y + (from.node.outputs.find(o => o.name === output)?.y ?? 0) };
        const path = svg('path', { d: wirePath(start, start) });
        path.style.setProperty('--wire-color', typeColor(fromType));
        this.dom.dragLayer.replaceChildren(path);
        const r = this.dom.canvas.getBoundingClientRect();
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
        this.capture(e, m => {
            const p = this.viewport.toWorld({ x: m.clientX - r.left, y: m.clientY - r.top });
            path.setAttribute('d', wirePath(start, p));
            const target = targetAt(m);
            path.classList.toggle('refused', Boolean(target && (!target.port || !accepts(target.nodeId, target.port.dataset.type!))));
        }, u => {
            this.dom.canvas.classList.remove('dragging');
            this.dom.dragLayer.replaceChildren();
            for (const el of this.dom.nodesLayer.querySelectorAll('.compatible, .incompatible, .no-target')) el.classList.remove('compatible', 'incompatible', 'no-target');
            const target = targetAt(u);
            if (!target) {
                if (Math.hypot(u.clientX - e.clientX, u.clientY - e.clientY) > 20) openPalette(this, { node: fromId, output, type: fromType });
                return;
            }
            if (target.nodeId === fromId) return;
            const toNode = this.state.placed.get(target.nodeId)?.node;
            if (!target.port || !accepts(target.nodeId, target.port.dataset.type!)) {
                const what = target.port ? `${target.nodeId}.${target.port.dataset.name} (${target.port.dataset.type})` : `any input of ${target.nodeId}`;
                this.showToast(toNode?.readonly
                    ? `${target.nodeId} is inside a subgraph: edit the subgraph itself`
                    : `Cannot connect ${fromId}.${output} (${fromType}) to ${what}`);
                return;
            }
            intent(this, { type: 'connect', from: { node: fromId, output }, to: { node: target.nodeId, input: target.port.dataset.name! } });
        });
    }

    // ------------------------------------------------------------ palette




    // ------------------------------------------------------------ inline editors



    // ------------------------------------------------------------ misc

    showToast(message: string): void {
        this.toast.show(message);
    }

    /** Announces readiness to the host (which answers with an `update`). */
    ready(): void {
        this.post({ type: 'ready', contractVersion: GRAPH_VIEW_CONTRACT_VERSION });
    }
}
