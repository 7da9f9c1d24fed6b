/**
 * The graph view: receives FlowGraph updates and run events from the host, draws the
 * selected body (workflow or subgraph), and turns user gestures into edit intents. It never
 * edits anything itself: every change goes to the host, which edits the text; the next
 * `update` redraws.
 */
import { isAssignable, type PortType } from '../../../catalog/src/schema.js';
import { isValidNodeName } from '../../../editing/src/format.js';
import { GRAPH_VIEW_CONTRACT_VERSION, type HostToViewMessage, SUBGRAPH_INPUTS_NODE, SUBGRAPH_OUTPUTS_NODE, unpackGraph, type UpdateMessage, type ViewToHostMessage } from './contract.js';
import { h, hx, svg } from './dom.js';
import { onZoom } from './draw.js';
import { Minimap } from './minimap.js';
import { buildPage, type GraphDom } from './page.js';
import { Palette, paletteEntries, type PaletteEntry } from './palette.js';
import { restoreState, saveState } from './persist.js';
import { typeColor } from './render-node.js';
import { fit, render } from './render.js';
import { applyRunEvent, emptyRunState } from './run-state.js';
import { applyRunStateFor, applyRunStates, showRunStatus } from './run-status.js';
import { GraphState, type RenderStats } from './state.js';
import { Toast } from './toast.js';
import { modelContext, type ViewWidget } from './view-model.js';
import { type GraphView, type HostBridge, intent } from './view.js';
import { Viewport } from './viewport.js';
import { displayValue, parseWidgetInput, stepValue } from './widget-values.js';
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
                if (message.body === this.state.bodyName) this.highlight(message.nodeId);
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

    private select(nodeId: string | undefined, notify = true): void {
        if (this.state.selectedEdge) this.selectEdge(undefined);
        if (this.state.selectedNode === nodeId) return;
        if (this.state.selectedNode) this.state.nodeEls.get(this.state.selectedNode)?.classList.remove('selected');
        this.state.selectedNode = nodeId;
        if (nodeId) this.state.nodeEls.get(nodeId)?.classList.add('selected');
        const node = nodeId ? this.state.placed.get(nodeId)?.node : undefined;
        if (notify && this.state.bodyName && (!node || !node.readonly)) {
            this.post({ type: 'selectNode', body: this.state.bodyName, nodeId: node?.id, range: node?.graphNode.range });
        }
    }

    private selectEdge(edgeId: string | undefined): void {
        if (this.state.selectedEdge) this.state.wirePaths.get(this.state.selectedEdge)?.classList.remove('selected');
        this.state.selectedEdge = edgeId;
        if (edgeId) {
            this.state.wirePaths.get(edgeId)?.classList.add('selected');
            if (this.state.selectedNode) { this.state.nodeEls.get(this.state.selectedNode)?.classList.remove('selected'); this.state.selectedNode = undefined; }
        }
    }

    private highlight(nodeId: string | undefined): void {
        if (this.state.highlighted) this.state.nodeEls.get(this.state.highlighted)?.classList.remove('highlighted');
        this.state.highlighted = nodeId;
        const el = nodeId ? this.state.nodeEls.get(nodeId) : undefined;
        if (!el || !nodeId) return;
        el.classList.add('highlighted');
        const p = this.state.placed.get(nodeId)!;
        const v = this.viewport.visibleWorld();
        const inside = p.at.x >= v.x && p.at.y >= v.y && p.at.x + p.width <= v.x + v.width && p.at.y + p.node.height <= v.y + v.height;
        if (!inside) this.viewport.centerOn({ x: p.at.x + p.width / 2, y: p.at.y + p.node.height / 2 });
    }

    private reveal(nodeId: string): void {
        const node = this.state.placed.get(nodeId)?.node;
        if (!node || !this.state.graph) return;
        if (node.id.startsWith('#')) return;
        const inner = nodeId.includes('/');
        const instance = inner ? this.state.placed.get(nodeId.split('/')[0])?.node : undefined;
        const uri = inner ? instance?.subgraph?.uri ?? this.state.graph.uri : this.state.graph.uri;
        this.post({ type: 'reveal', uri, range: node.graphNode.range });
    }

    // ------------------------------------------------------------ toolbar and keys

    private bindToolbar(toolbar: HTMLElement): void {
        toolbar.addEventListener('click', e => {
            const action = (e.target as HTMLElement).closest<HTMLElement>('[data-toolbar]')?.dataset.toolbar;
            switch (action) {
                case 'add': this.openPalette(); break;
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
            if (nodeEl && t.closest('.node-header') && !t.closest('button')) this.reveal(nodeEl.dataset.nodeId!);
            else if (!nodeEl) this.openPalette();
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
            if (nodeEl && e.target === nodeEl) this.select(nodeEl.dataset.nodeId);
        });
        this.root.addEventListener('keydown', e => this.onKey(e));
    }

    private onKey(e: KeyboardEvent): void {
        const t = e.target as HTMLElement;
        if (this.palette.isOpen || t.closest('vscode-text-field, vscode-dropdown, select, input, .palette')) return;
        const widget = t.closest<HTMLElement>('.widget-value[data-widget]');
        if (widget && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); this.editWidget(widget); return; }
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
                if (node && !node.readonly) { this.startRename(node.id); e.preventDefault(); }
                return;
            case 'Enter':
                if (nodeEl && t === nodeEl) { this.reveal(nodeEl.dataset.nodeId!); e.preventDefault(); }
                return;
            case 'Escape': this.select(undefined); this.selectEdge(undefined); return;
        }
        if (e.ctrlKey || e.metaKey || e.altKey) return;
        switch (e.key) {
            case 'a': case 'A': this.openPalette(); e.preventDefault(); break;
            case 'c': case 'C':
                if (node && !node.readonly) { this.openConnectPicker(node.id); e.preventDefault(); }
                break;
            case 'd': case 'D':
                if (node && !node.readonly) { this.openDisconnectPicker(node.id); e.preventDefault(); }
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
            this.highlight(undefined);
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
            else if (action === 'rename') this.startRename(nodeId);
            else if (action === 'expand') this.toggleExpanded(nodeId);
            return;
        }
        const widget = t.closest<HTMLElement>('.widget-value[data-widget]');
        if (widget) { this.editWidget(widget); return; }
        const edgeId = (t as unknown as SVGElement).closest?.<SVGElement>('[data-edge-id]')?.dataset.edgeId;
        if (edgeId) { this.selectEdge(edgeId); return; }
    }

    private toggleExpanded(nodeId: string): void {
        if (!this.state.bodyName) return;
        let set = this.state.expanded.get(this.state.bodyName);
        if (!set) this.state.expanded.set(this.state.bodyName, set = new Set());
        if (set.has(nodeId)) set.delete(nodeId); else set.add(nodeId);
        saveState(this);
        void render(this).then(() => this.placeAfterResize(nodeId));
    }

    /** After an instance grows (expanded), push the nodes it now covers out of the way once. */
    private placeAfterResize(nodeId: string): void {
        const p = this.state.placed.get(nodeId);
        const map = this.state.bodyName ? this.state.positions.get(this.state.bodyName) : undefined;
        if (!p || !map || !this.state.body) return;
        const ex = this.state.expansions.get(nodeId);
        const rect = { x: p.at.x, y: p.at.y, w: ex?.width ?? p.width, h: ex?.height ?? p.node.height };
        let moved = false;
        for (const n of this.state.body.nodes) {
            const at = map.get(n.id);
            if (!at || n.id === nodeId) continue;
            if (at.x < rect.x + rect.w && at.x + n.width > rect.x && at.y < rect.y + rect.h && at.y + n.height > rect.y && at.x >= rect.x) {
                map.set(n.id, { x: rect.x + rect.w + 48 + (at.x - rect.x), y: at.y });
                moved = true;
            }
        }
        if (moved) void render(this);
    }

    private disconnectEdge(edgeId: string): void {
        const e = this.state.allEdges.find(x => x.id === edgeId);
        if (!e || e.toFrameOutput || e.fromFrameInput || this.state.placed.get(e.to.node)?.node.readonly) return;
        if (e.to.node.startsWith('#')) return;
        intent(this, { type: 'disconnect', nodeId: e.to.node, input: e.to.input });
        this.selectEdge(undefined);
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
            this.select(nodeEl.dataset.nodeId);
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
            if (!moved) { this.select(undefined); this.selectEdge(undefined); }
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
                if (Math.hypot(u.clientX - e.clientX, u.clientY - e.clientY) > 20) this.openPalette({ node: fromId, output, type: fromType });
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

    private openPalette(connectFrom?: { node: string; output: string; type: PortType }): void {
        if (!this.state.context || !this.state.bodyName) return;
        const exclude = this.state.graph?.subgraphs.some(s => s.name === this.state.bodyName) ? this.state.bodyName : undefined;
        this.palette.open(paletteEntries(this.state.context, exclude), entry => {
            intent(this, { type: 'addNode', nodeType: entry.type, ...(connectFrom ? { connectFrom: { node: connectFrom.node, output: connectFrom.output } } : {}) });
        }, connectFrom?.type);
    }

    /** The keyboard way to connect: every compatible input for each output of the node. */
    private openConnectPicker(fromId: string): void {
        const from = this.state.placed.get(fromId)?.node;
        if (!from || from.readonly) return;
        const targets = new Map<string, { output: string; node: string; input: string }>();
        const entries: PaletteEntry[] = [];
        for (const o of from.outputs) {
            for (const { node } of this.state.placed.values()) {
                if ((node.readonly && node.id !== SUBGRAPH_OUTPUTS_NODE) || node.id === fromId) continue;
                for (const p of node.inputs) {
                    if (!isAssignable(o.type as PortType, p.type as PortType)) continue;
                    const label = `${fromId}.${o.name}→${node.id}.${p.name}`;
                    const wired = this.state.allEdges.some(e => e.to.node === node.id && e.to.input === p.name);
                    targets.set(label, { output: o.name, node: node.id, input: p.name });
                    entries.push({ type: label, category: o.type, description: `${node.graphNode.type} ${p.type}${wired ? ' (replaces its wire)' : ''}`, accepts: [] });
                }
            }
        }
        if (!entries.length) { this.showToast(`No input accepts the outputs of ${fromId}`); return; }
        this.palette.open(entries, entry => {
            const t = targets.get(entry.type)!;
            intent(this, { type: 'connect', from: { node: fromId, output: t.output }, to: { node: t.node, input: t.input } });
        }, undefined, `Connect ${fromId} to`);
    }

    /** The keyboard way to remove a wire: the node's wired inputs. */
    private openDisconnectPicker(nodeId: string): void {
        const wires = this.state.allEdges.filter(e => e.to.node === nodeId && !e.toFrameOutput && !e.fromFrameInput);
        if (!wires.length) { this.showToast(`No wire goes into ${nodeId}`); return; }
        const entries: PaletteEntry[] = wires.map(e => ({ type: `${e.to.input}←${e.from.node}.${e.from.output}`, category: e.type, description: e.type, accepts: [] }));
        this.palette.open(entries, entry => {
            const wire = wires[entries.indexOf(entry)];
            intent(this, { type: 'disconnect', nodeId, input: wire.to.input });
        }, undefined, `Disconnect an input of ${nodeId}`);
    }

    // ------------------------------------------------------------ inline editors

    private editWidget(valueEl: HTMLElement): void {
        const nodeEl = valueEl.closest<HTMLElement>('.node')!;
        const node = this.state.placed.get(nodeEl.dataset.nodeId!)?.node;
        const name = valueEl.dataset.widget!;
        const widget = node?.inputs.find(p => p.widget?.name === name)?.widget;
        if (!node || node.readonly || !widget) return;
        const commit = (value: ViewWidget['value']) => {
            if (value === undefined) return;
            if (displayValue(value) !== displayValue(widget.value) || widget.defaulted) {
                intent(this, { type: 'setParam', nodeId: node.id, param: name, value });
            }
        };
        const restore = (editor: HTMLElement, shown?: ViewWidget['value']) => {
            if (!editor.isConnected) return;
            if (shown !== undefined) { valueEl.textContent = displayValue(shown); valueEl.classList.remove('defaulted'); }
            editor.replaceWith(valueEl);
            valueEl.focus({ preventScroll: true });
        };
        if (widget.spec.choices?.length) {
            const dropdown = hx('vscode-dropdown', { 'aria-label': name, 'data-editor': name }) as HTMLElement & { value: string; selectedIndex: number };
            const choices = widget.spec.choices;
            choices.forEach((c, i) => dropdown.append(hx('vscode-option', { value: String(i), selected: c === widget.value, text: displayValue(c) })));
            valueEl.replaceWith(dropdown);
            let done = false;
            dropdown.addEventListener('change', () => {
                if (done) return;
                done = true;
                const v = choices[Number(dropdown.value)];
                commit(v);
                restore(dropdown, v);
            });
            dropdown.addEventListener('keydown', e => { if (e.key === 'Escape') { done = true; restore(dropdown); } });
            dropdown.addEventListener('focusout', () => setTimeout(() => { if (!done && !dropdown.contains(document.activeElement)) { done = true; restore(dropdown); } }, 0));
            requestAnimationFrame(() => dropdown.focus());
            return;
        }
        const numeric = widget.spec.type === 'INT' || widget.spec.type === 'FLOAT';
        const field = hx('vscode-text-field', {
            'aria-label': `${name}${widget.spec.min !== undefined ? `, minimum ${widget.spec.min}` : ''}${widget.spec.max !== undefined ? `, maximum ${widget.spec.max}` : ''}`,
            'data-editor': name,
            inputmode: numeric ? (widget.spec.type === 'INT' ? 'numeric' : 'decimal') : undefined,
            value: widget.value === undefined ? '' : widget.spec.type === 'STRING' ? String(widget.value) : displayValue(widget.value),
        }) as HTMLElement & { value: string };
        valueEl.replaceWith(field);
        let done = false;
        const tryCommit = (): boolean => {
            const parsed = parseWidgetInput(widget.spec, field.value);
            if ('error' in parsed) {
                field.setAttribute('aria-invalid', 'true');
                this.showToast(`${node.id}.${name}: ${parsed.error}`);
                return false;
            }
            done = true;
            commit(parsed.value);
            restore(field, parsed.value);
            return true;
        };
        field.addEventListener('keydown', e => {
            if (e.key === 'Enter') { e.preventDefault(); tryCommit(); }
            else if (e.key === 'Escape') { e.preventDefault(); done = true; restore(field); }
            else if (numeric && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
                e.preventDefault();
                const current = Number(field.value);
                if (Number.isFinite(current)) field.value = String(stepValue(widget.spec, current, e.key === 'ArrowUp' ? 1 : -1));
            }
            e.stopPropagation();
        });
        field.addEventListener('focusout', () => setTimeout(() => {
            if (done || field.contains(document.activeElement) || field === document.activeElement) return;
            if (!tryCommit()) { done = true; restore(field); }
        }, 0));
        requestAnimationFrame(() => field.focus());
    }

    private startRename(nodeId: string): void {
        const el = this.state.nodeEls.get(nodeId);
        const node = this.state.placed.get(nodeId)?.node;
        const title = el?.querySelector<HTMLElement>('.node-title');
        if (!el || !node || !title || node.readonly || !this.state.body) return;
        const field = hx('vscode-text-field', { 'aria-label': `New name for ${nodeId}`, value: node.graphNode.name ?? '' }) as HTMLElement & { value: string };
        title.replaceWith(field);
        const taken = new Set(this.state.body.nodes.map(n => n.graphNode.name).filter((n): n is string => Boolean(n)));
        let done = false;
        const finish = (apply: boolean) => {
            if (done) return;
            const name = field.value.trim();
            if (apply && name && name !== node.graphNode.name) {
                if (!isValidNodeName(name)) { this.showToast(`"${name}" is not a valid name`); return; }
                if (taken.has(name)) { this.showToast(`"${name}" is already used`); return; }
                this.state.pendingRename = { body: this.state.bodyName!, from: nodeId, to: name };
                intent(this, { type: 'renameNode', nodeId, newName: name });
                title.textContent = name;
            }
            done = true;
            field.replaceWith(title);
            el.focus({ preventScroll: true });
        };
        field.addEventListener('keydown', e => {
            if (e.key === 'Enter') { e.preventDefault(); finish(true); }
            else if (e.key === 'Escape') { e.preventDefault(); finish(false); }
            e.stopPropagation();
        });
        field.addEventListener('focusout', () => setTimeout(() => { if (!field.contains(document.activeElement) && document.activeElement !== field) finish(false); }, 0));
        requestAnimationFrame(() => field.focus());
    }

    // ------------------------------------------------------------ misc

    showToast(message: string): void {
        this.toast.show(message);
    }

    /** Announces readiness to the host (which answers with an `update`). */
    ready(): void {
        this.post({ type: 'ready', contractVersion: GRAPH_VIEW_CONTRACT_VERSION });
    }
}
