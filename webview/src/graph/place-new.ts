/**
 * Placing nodes that appeared since the last layout (added in the graph or typed in the
 * text) next to the nodes they are wired to, without moving anything else.
 */
import type { Point, Rect } from './geometry.js';
import type { ViewEdge, ViewNode } from './view-model.js';

export type Positions = Map<string, Point>;

const GAP = 48;

/**
 * Places nodes missing from `positions` right of their sources (or left of their targets),
 * then clear of overlaps. Nodes wired to a placed node go first, so a node wired only to
 * another new node lands next to it, whatever their order in the file. Nodes with no wire
 * to any placed node go below everything, at the left; their ids are added to `loose`
 * (and the others' removed), so a later wire can move them next to their neighbour.
 */
export function placeNew(nodes: readonly ViewNode[], edges: readonly ViewEdge[], positions: Positions, loose?: Set<string>): void {
    const byId = new Map(nodes.map(n => [n.id, n]));
    const sourcesOf = new Map<string, string[]>(), targetsOf = new Map<string, string[]>();
    const add = (m: Map<string, string[]>, k: string, v: string) => { const l = m.get(k); if (l) l.push(v); else m.set(k, [v]); };
    for (const e of edges) {
        if (e.from.node === e.to.node || !byId.has(e.from.node) || !byId.has(e.to.node)) continue;
        add(sourcesOf, e.to.node, e.from.node);
        add(targetsOf, e.from.node, e.to.node);
    }
    const rects: Rect[] = nodes.filter(n => positions.has(n.id)).map(n => ({ ...positions.get(n.id)!, width: n.width, height: n.height }));
    const bounds = rects.reduce((b, r) => ({
        minX: Math.min(b.minX, r.x), maxY: Math.max(b.maxY, r.y + r.height),
    }), { minX: Infinity, maxY: -Infinity });
    const placedNeighbours = (id: string) => ({
        sources: (sourcesOf.get(id) ?? []).filter(s => positions.has(s)),
        targets: (targetsOf.get(id) ?? []).filter(t => positions.has(t)),
    });
    let pending = nodes.filter(n => !positions.has(n.id));
    while (pending.length > 0) {
        // the first new node wired to a placed one; else the first new node, placed loose
        const wired = pending.find(n => { const p = placedNeighbours(n.id); return p.sources.length + p.targets.length > 0; });
        const node = wired ?? pending[0];
        pending = pending.filter(n => n !== node);
        const { sources, targets } = placedNeighbours(node.id);
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
        if (wired) loose?.delete(node.id); else loose?.add(node.id);
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
