/**
 * Expanding a subgraph instance: its definition's nodes are drawn inside the instance's
 * frame (read-only, ids `instance/inner` like the engine's exec ids, so run states land on
 * them), wired to the frame's own input and output ports.
 */
import { INNER_PADDING, type Point } from './geometry.js';
import { layeredLayout } from './layout.js';
import type { Positions } from './place-new.js';
import { buildViewNode, edgeId, type ModelContext, type ViewEdge, type ViewNode } from './view-model.js';

export interface Expansion {
    nodes: ViewNode[];
    edges: ViewEdge[];
    /** Inner node positions relative to the instance's top-left corner. */
    offsets: Map<string, Point>;
    /** The instance's size once expanded. */
    width: number;
    height: number;
}

export async function expandInstance(instance: ViewNode, context: ModelContext): Promise<Expansion | undefined> {
    const def = instance.subgraph;
    if (!def) return undefined;
    const prefix = `${instance.id}/`;
    const nodes = def.nodes.map(n => buildViewNode(n, context, [], prefix, true));
    const edges: ViewEdge[] = def.edges.map(e => {
        const from = { node: prefix + e.from.node, output: e.from.output };
        const to = { node: prefix + e.to.node, input: e.to.input };
        return { id: edgeId(from, to), from, to, type: e.type };
    });
    for (const n of def.nodes) {
        for (const [arg, source] of Object.entries(n.args)) {
            if (source.kind !== 'subgraph-input') continue;
            const from = { node: instance.id, output: source.input };
            const to = { node: prefix + n.id, input: arg };
            edges.push({ id: edgeId(from, to), from, to, type: source.type, fromFrameInput: true });
        }
    }
    for (const o of def.outputs) {
        if (!o.source || !('node' in o.source)) continue;
        const from = { node: prefix + o.source.node, output: o.source.output };
        const to = { node: instance.id, input: o.name };
        edges.push({ id: edgeId(from, to), from, to, type: o.type, toFrameOutput: true });
    }
    const inner = await innerLayout(nodes, edges);
    let width = 0, height = 0;
    const offsets = new Map<string, Point>();
    for (const n of nodes) {
        const p = inner.get(n.id) ?? { x: 0, y: 0 };
        const at = { x: INNER_PADDING + p.x, y: instance.height + INNER_PADDING + p.y };
        offsets.set(n.id, at);
        width = Math.max(width, at.x + n.width + INNER_PADDING);
        height = Math.max(height, at.y + n.height + INNER_PADDING);
    }
    return { nodes, edges, offsets, width: Math.max(width, instance.width), height: Math.max(height, instance.height) };
}

/**
 * Inner layouts by shape (node ids and sizes, wires): every redraw expands the expanded
 * instances again, and a text edit seldom changes a subgraph's shape, so elk runs only when it does.
 */
const innerLayouts = new Map<string, Positions>();
const MAX_INNER_LAYOUTS = 32;

async function innerLayout(nodes: ViewNode[], edges: ViewEdge[]): Promise<Positions> {
    const shape = JSON.stringify([nodes.map(n => [n.id, n.width, n.height]), edges.map(e => e.id)]);
    let positions = innerLayouts.get(shape);
    if (!positions) {
        positions = await layeredLayout(nodes, edges);
        if (innerLayouts.size >= MAX_INNER_LAYOUTS) innerLayouts.delete(innerLayouts.keys().next().value!);
        innerLayouts.set(shape, positions);
    }
    return positions;
}
