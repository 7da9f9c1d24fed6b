/**
 * The graph view: receives FlowGraph updates and run events from the host, draws the
 * selected body (workflow or subgraph), and turns user gestures into edit intents. It never
 * edits anything itself: every change goes to the host, which edits the text; the next
 * `update` redraws.
 */
import { GRAPH_VIEW_CONTRACT_VERSION, type HostToViewMessage, unpackGraph, type UpdateMessage, type ViewToHostMessage } from './contract.js';
import { h } from './dom.js';
import { onZoom } from './draw.js';
import { bindCanvas } from './interactions/canvas.js';
import { Minimap } from './minimap.js';
import { buildPage, type GraphDom } from './page.js';
import { Palette } from './palette.js';
import { restoreState } from './persist.js';
import { render } from './render.js';
import { applyRunEvent, emptyRunState } from './run-state.js';
import { applyRunStateFor, applyRunStates, showRunStatus } from './run-status.js';
import { highlight } from './selection.js';
import { GraphState, type RenderStats } from './state.js';
import { Toast } from './toast.js';
import { bindToolbar } from './toolbar.js';
import { modelContext } from './view-model.js';
import type { GraphView, HostBridge } from './view.js';
import { Viewport } from './viewport.js';

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
        bindToolbar(this);
        bindCanvas(this);
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

    showToast(message: string): void {
        this.toast.show(message);
    }

    /** Announces readiness to the host (which answers with an `update`). */
    ready(): void {
        this.post({ type: 'ready', contractVersion: GRAPH_VIEW_CONTRACT_VERSION });
    }
}
