/**
 * Placing nodes that appeared since the last layout (added in the graph or typed in the
 * text) next to the nodes they are wired to, without moving anything else.
 */
import type { Point, Rect } from './geometry.js';
import type { ViewEdge, ViewNode } from './view-model.js';

export type Positions = Map<string, Point>;

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
