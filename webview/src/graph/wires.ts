/** Wires as SVG cubic curves between port positions computed from node geometry. */
import type { Point } from './geometry.js';
import { svg } from './dom.js';
import { typeColor } from './render-node.js';
import type { ViewEdge, ViewNode } from './view-model.js';

export interface PlacedNode { node: ViewNode; at: Point; width: number }

export function wirePath(a: Point, b: Point): string {
    const dx = Math.max(40, Math.abs(b.x - a.x) / 2);
    return `M${a.x},${a.y} C${a.x + dx},${a.y} ${b.x - dx},${b.y} ${b.x},${b.y}`;
}

/** End points of a wire, or undefined when a port is not drawn (e.g. unknown output). */
export function wireEnds(edge: ViewEdge, placed: ReadonlyMap<string, PlacedNode>): [Point, Point] | undefined {
    const from = placed.get(edge.from.node), to = placed.get(edge.to.node);
    if (!from || !to) return undefined;
    const out = edge.fromFrameInput
        ? from.node.inputs.find(p => p.name === edge.from.output)
        : from.node.outputs.find(p => p.name === edge.from.output);
    const inp = edge.toFrameOutput
        ? to.node.outputs.find(p => p.name === edge.to.input)
        : to.node.inputs.find(p => p.name === edge.to.input);
    if (!out || !inp) return undefined;
    const a = { x: from.at.x + (edge.fromFrameInput ? 0 : from.width), y: from.at.y + out.y };
    const b = { x: to.at.x + (edge.toFrameOutput ? to.width : 0), y: to.at.y + inp.y };
    return [a, b];
}

/**
 * Brings the wires in `layer` in line with `edges`: unchanged wires keep their elements,
 * moved ones get a new path, gone ones are removed. Returns the visible path per edge id.
 */
export function syncWires(layer: SVGSVGElement, edges: readonly ViewEdge[], placed: ReadonlyMap<string, PlacedNode>, selected?: string): Map<string, SVGPathElement> {
    const existing = new Map<string, SVGGElement>();
    for (const g of Array.from(layer.children) as SVGGElement[]) existing.set(g.dataset.edgeId ?? '', g);
    const paths = new Map<string, SVGPathElement>();
    const fragment = document.createDocumentFragment();
    for (const e of edges) {
        const ends = wireEnds(e, placed);
        if (!ends || paths.has(e.id)) continue;
        const d = wirePath(ends[0], ends[1]);
        let group = existing.get(e.id);
        existing.delete(e.id);
        if (group) {
            const [path, hit] = Array.from(group.children) as SVGPathElement[];
            if (path.getAttribute('d') !== d) { path.setAttribute('d', d); hit.setAttribute('d', d); }
            path.classList.toggle('selected', e.id === selected);
            paths.set(e.id, path);
            continue;
        }
        group = svg('g', { 'data-edge-id': e.id });
        const path = svg('path', { d, class: `wire${e.id === selected ? ' selected' : ''}` });
        path.style.setProperty('--wire-color', typeColor(e.type));
        const hit = svg('path', { d, class: 'wire-hit', 'data-edge-id': e.id });
        const title = svg('title');
        title.textContent = `${e.from.node}.${e.from.output} → ${e.to.node}.${e.to.input} (${e.type})`;
        hit.append(title);
        group.append(path, hit);
        fragment.append(group);
        paths.set(e.id, path);
    }
    for (const stale of existing.values()) stale.remove();
    layer.append(fragment);
    return paths;
}
