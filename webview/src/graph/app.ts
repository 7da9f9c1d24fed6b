/**
 * The graph view: receives FlowGraph updates and run events from the host, draws the
 * selected body (workflow or subgraph), and turns user gestures into edit intents. It never
 * edits anything itself: every change goes to the host, which edits the text; the next
 * `update` redraws.
 *
 * This file only puts the view together; each concern is a module of functions of the
 * `GraphView` (see README.md for the map).
 */
import type { HostToViewMessage } from './contract.js';
import { onZoom } from './draw.js';
import { announceReady, handleHostMessage } from './host-messages.js';
import { bindCanvas } from './interactions/canvas.js';
import { Minimap } from './minimap.js';
import { buildPage, type GraphDom } from './page.js';
import { Palette } from './palette.js';
import { restoreState } from './persist.js';
import { render } from './render.js';
import { GraphState, type RenderStats } from './state.js';
import { Toast } from './toast.js';
import { bindToolbar } from './toolbar.js';
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

    handle(message: HostToViewMessage): void {
        handleHostMessage(this, message);
    }

    /** Announces readiness to the host (which answers with an `update`). */
    ready(): void {
        announceReady(this);
    }

    /** Draws the current graph; resolves once it is in the DOM (a newer render supersedes it). */
    render(relayout = false): Promise<void> {
        return render(this, relayout);
    }

    showToast(message: string): void {
        this.toast.show(message);
    }

    /** Node elements kept from the previous render (for tests). */
    get lastReused(): number { return this.state.lastReused; }
    /** Timings of the last render, for the benchmark and tests. */
    get lastRender(): RenderStats | undefined { return this.state.lastRender; }
}
