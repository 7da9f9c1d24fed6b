/**
 * Node positions: a layered left-to-right layout by elkjs the first time a body is shown
 * (or on "Re-layout"), then stable: nodes keep their positions across edits, and only new
 * nodes are placed, next to the nodes they are wired to, without overlapping others.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { Point, Rect } from './geometry.js';
import type { ViewEdge, ViewNode } from './view-model.js';

const elk = new ELK();

/** Spacing is generous so nodes may grow a row or two (new diagnostics) without overlapping. */
const LAYOUT_OPTIONS: Record<string, string> = {
    'elk.algorithm': 'layered',
    'elk.direction': 'RIGHT',
    'elk.spacing.nodeNode': '36',
    'elk.layered.spacing.nodeNodeBetweenLayers': '72',
    'elk.spacing.componentComponent': '48',
    // Measured on 500 nodes: Brandes-Koepf placement with low thoroughness and polyline routing
    // is several times faster than the defaults and looks the same with our own bezier wires.
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.layered.thoroughness': '1',
    'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
    'elk.edgeRouting': 'POLYLINE',
    // Keep the order of the file where crossings allow: the view reads like the text.
    'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
};

export type Positions = Map<string, Point>;


/** Runs the layered layout on all nodes; positions start at (0, 0). */
export async function layeredLayout(nodes: readonly ViewNode[], edges: readonly ViewEdge[]): Promise<Positions> {
    const ids = new Set(nodes.map(n => n.id));
    const graph: ElkNode = {
        id: 'root',
        layoutOptions: LAYOUT_OPTIONS,
        children: nodes.map(n => ({ id: n.id, width: n.width, height: n.height })),
        edges: edges
            .filter(e => ids.has(e.from.node) && ids.has(e.to.node) && e.from.node !== e.to.node && !e.fromFrameInput && !e.toFrameOutput)
            .map(e => ({ id: e.id, sources: [e.from.node], targets: [e.to.node] })),
    };
    const result = await elk.layout(graph);
    const positions: Positions = new Map();
    for (const c of result.children ?? []) positions.set(c.id, { x: c.x ?? 0, y: c.y ?? 0 });
    return positions;
}

/**
 * Positions for `nodes`: previous ones kept; new nodes placed by `placeNew` when most nodes
 * are known, else a fresh layered layout.
 */
export async function stableLayout(nodes: readonly ViewNode[], edges: readonly ViewEdge[], previous: ReadonlyMap<string, Point>): Promise<Positions> {
    const known = nodes.filter(n => previous.has(n.id));
    if (known.length === 0) return layeredLayout(nodes, edges);
    const positions: Positions = new Map(known.map(n => [n.id, previous.get(n.id)!]));
    placeNew(nodes, edges, positions);
    return positions;
}

const GAP = 48;

/** Places nodes missing from `positions` right of their sources (or left of their targets), then clear of overlaps. */
export function placeNew(nodes: readonly ViewNode[], edges: readonly ViewEdge[], positions: Positions): void {
    const byId = new Map(nodes.map(n => [n.id, n]));
    const rects: Rect[] = nodes.filter(n => positions.has(n.id)).map(n => ({ ...positions.get(n.id)!, width: n.width, height: n.height }));
    const bounds = rects.reduce((b, r) => ({
        minX: Math.min(b.minX, r.x), maxY: Math.max(b.maxY, r.y + r.height),
    }), { minX: Infinity, maxY: -Infinity });
    for (const node of nodes) {
        if (positions.has(node.id)) continue;
        const sources = edges.filter(e => e.to.node === node.id && positions.has(e.from.node)).map(e => e.from.node);
        const targets = edges.filter(e => e.from.node === node.id && positions.has(e.to.node)).map(e => e.to.node);
        let at: Point;
        if (sources.length) {
            const s = sources.map(id => ({ p: positions.get(id)!, n: byId.get(id)! }));
            at = { x: Math.max(...s.map(v => v.p.x + v.n.width)) + GAP, y: Math.min(...s.map(v => v.p.y)) };
        } else if (targets.length) {
            const t = targets.map(id => positions.get(id)!);
            at = { x: Math.min(...t.map(p => p.x)) - node.width - GAP, y: Math.min(...t.map(p => p.y)) };
        } else {
            at = { x: Number.isFinite(bounds.minX) ? bounds.minX : 0, y: Number.isFinite(bounds.maxY) ? bounds.maxY + GAP : 0 };
        }
        // Slide down until clear of every placed node.
        const rect = { ...at, width: node.width, height: node.height };
        for (let guard = 0; guard < 10_000; guard++) {
            const hit = rects.find(r => overlaps(r, rect));
            if (!hit) break;
            rect.y = hit.y + hit.height + GAP / 2;
        }
        positions.set(node.id, { x: rect.x, y: rect.y });
        rects.push(rect);
    }
}

function overlaps(a: Rect, b: Rect): boolean {
    const m = 8;
    return a.x < b.x + b.width + m && b.x < a.x + a.width + m && a.y < b.y + b.height + m && b.y < a.y + a.height + m;
}

export function boundsOf(nodes: readonly ViewNode[], positions: ReadonlyMap<string, Point>): Rect {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const n of nodes) {
        const p = positions.get(n.id);
        if (!p) continue;
        minX = Math.min(minX, p.x); minY = Math.min(minY, p.y);
        maxX = Math.max(maxX, p.x + n.width); maxY = Math.max(maxY, p.y + n.height);
    }
    if (!Number.isFinite(minX)) return { x: 0, y: 0, width: 0, height: 0 };
    return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}
