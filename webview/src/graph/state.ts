/**
 * Everything the graph view remembers between messages and gestures. Plain data: the modules
 * that change it live next to it (rendering, selection, gestures, host messages), and only
 * `persist.ts` decides what survives a reload of the webview.
 */
import type { FlowGraph, SubgraphGraph } from '../../../catalog/src/graph.js';
import type { RunState } from './contract.js';
import type { Expansion } from './expand.js';
import type { Point } from './geometry.js';
import { emptyRunState } from './run-state.js';
import type { ModelContext, ViewBody, ViewEdge, ViewNode } from './view-model.js';
import type { PlacedNode } from './wires.js';

/** Timings of the last render, for the benchmark and tests. */
export interface RenderStats { layoutMs: number; domMs: number; nodes: number; edges: number }

export class GraphState {
    // The document, as the last `update` described it.
    graph?: FlowGraph;
    context?: ModelContext;
    imported: Array<SubgraphGraph & { uri: string }> = [];
    documentVersion = 0;
    bodyName?: string;
    body?: ViewBody;
    /** A rename sent to the host: the next update moves the node's position to its new id. */
    pendingRename?: { body: string; from: string; to: string };

    // Layout, per body; positions are in the webview state, not in the file.
    readonly positions = new Map<string, Map<string, Point>>();
    /** Per body: nodes placed with no wire and not moved since (see `stableLayout`). */
    readonly loose = new Map<string, Set<string>>();
    readonly expanded = new Map<string, Set<string>>();
    expansions = new Map<string, Expansion>();
    /** Bodies already fitted to the view once: later renders keep the user's pan and zoom. */
    readonly fitted = new Set<string>();

    // What the last draw put on screen.
    placed = new Map<string, PlacedNode>();
    allEdges: ViewEdge[] = [];
    nodeEls = new Map<string, HTMLElement>();
    nodeSigs = new Map<string, string>();
    wirePaths = new Map<string, SVGPathElement>();
    lastDraw?: { body: ViewBody; layoutNodes: ViewNode[]; positions: Map<string, Point> };
    /** Node elements kept from the previous render (for tests). */
    lastReused = 0;
    lastRender?: RenderStats;
    renderToken = 0;
    /** Whether nodes are drawn with their rows; becomes true for good at the first readable zoom. */
    detail = false;
    /** Set while a render fits the view before drawing (the draw follows anyway). */
    fitting = false;

    // Selection and the text cursor's node.
    selectedNode?: string;
    selectedEdge?: string;
    highlighted?: string;

    runState: RunState = emptyRunState();
}
