/**
 * Node positions: a layered left-to-right layout by elkjs the first time a body is shown
 * (or on "Re-layout"), then stable: nodes keep their positions across edits, and only new
 * nodes are placed, next to the nodes they are wired to, without overlapping others.
 */
import ElkBundled from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { Point, Rect } from './geometry.js';
import { placeNew, type Positions } from './place-new.js';
import type { ViewEdge, ViewNode } from './view-model.js';

// elkjs is CommonJS (`module.exports = ELK`) typed with `export default`: under NodeNext (the
// root tsconfig compiles this file for the Node tests) TypeScript types the default import as
// the module object; at run time (Node, esbuild) it is the constructor.
const ELK = ElkBundled as unknown as typeof import('elkjs/lib/elk-api.js').default;
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
 * Positions for `nodes`: previous ones kept; new nodes placed by `placeNew` when some nodes
 * are known, else a fresh layered layout. `loose` (kept by the caller per body) holds the
 * nodes placed with no wire and not moved since: a node typed in the text has no wire until
 * its arguments are typed, so once it has a wire to a placed node it is placed again, next
 * to it.
 */
export async function stableLayout(
    nodes: readonly ViewNode[], edges: readonly ViewEdge[], previous: ReadonlyMap<string, Point>, loose: Set<string> = new Set(),
): Promise<Positions> {
    const ids = new Set(nodes.map(n => n.id));
    for (const id of loose) if (!ids.has(id)) loose.delete(id);
    const anchored = (id: string) => previous.has(id) && !loose.has(id);
    const rewired = new Set(edges
        .filter(e => e.from.node !== e.to.node)
        .flatMap(e => [loose.has(e.to.node) && anchored(e.from.node) ? e.to.node : '', loose.has(e.from.node) && anchored(e.to.node) ? e.from.node : ''])
        .filter(id => id && previous.has(id)));
    const known = nodes.filter(n => previous.has(n.id) && !rewired.has(n.id));
    if (known.length === 0) {
        loose.clear();
        return layeredLayout(nodes, edges);
    }
    const positions: Positions = new Map(known.map(n => [n.id, previous.get(n.id)!]));
    placeNew(nodes, edges, positions, loose);
    return positions;
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
