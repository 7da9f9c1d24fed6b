/**
 * What a run will do, before it does anything: the output nodes and their ancestors in
 * execution order, and for each whether it must run, can be loaded from the disk cache, or is
 * not needed at all (everything that uses it is cached).
 */
import type { ExecGraph, ExecNode } from '../../catalog/src/graph.js';
import { getNodeSchema } from '../../catalog/src/index.js';
import type { CacheEntry, DiskCache } from './cache/disk-cache.js';
import { NodeError } from './errors.js';

export type Plan = 'run' | 'load' | 'skip';

/** The output nodes and their ancestors, producers before consumers, otherwise in file order. */
export function planOrder(graph: ExecGraph): ExecNode[] {
    const byId = new Map(graph.nodes.map(n => [n.id, n]));
    const position = new Map(graph.nodes.map((n, i) => [n.id, i]));
    const state = new Map<string, 'visiting' | 'done'>();
    const needed: ExecNode[] = [];
    const visit = (node: ExecNode, path: string[]): void => {
        const s = state.get(node.id);
        if (s === 'done') return;
        if (s === 'visiting') {
            const cycle = [...path.slice(path.indexOf(node.id)), node.id];
            throw new NodeError(`cycle: ${cycle.join(' -> ')}`, node.id, node.label, node.uri, node.range, 'cycle');
        }
        state.set(node.id, 'visiting');
        for (const [arg, wire] of Object.entries(node.wires)) {
            const source = byId.get(wire.node);
            if (!source) throw new NodeError(`${arg} refers to ${wire.node}, which is not in the workflow`, node.id, node.label, node.uri, node.range, 'undefined-reference');
            visit(source, [...path, node.id]);
        }
        state.set(node.id, 'done');
        needed.push(node);
    };
    for (const node of graph.nodes) if (isOutputNode(node)) visit(node, []);
    // Kahn's algorithm, always taking the ready node written first: runs follow the file.
    const waiting = new Map(needed.map(n => [n.id, new Set(Object.values(n.wires).map(w => w.node))]));
    const order: ExecNode[] = [];
    while (waiting.size > 0) {
        let next: ExecNode | undefined;
        for (const [id, deps] of waiting) {
            if (deps.size === 0 && (!next || position.get(id)! < position.get(next.id)!)) next = byId.get(id);
        }
        waiting.delete(next!.id);
        for (const deps of waiting.values()) deps.delete(next!.id);
        order.push(next!);
    }
    return order;
}

export function isOutputNode(node: ExecNode): boolean {
    return node.isOutput || getNodeSchema(node.type)?.isOutput === true;
}

export function nodeTitle(node: ExecNode): string {
    return node.label.startsWith(`${node.type}#`) ? node.label : `${node.label} (${node.type})`;
}

/**
 * Decides, consumers first, which nodes must run, which results must be loaded (their cache
 * entries, read once here), and which are not needed at all.
 */
export function decideWork(order: readonly ExecNode[], keys: ReadonlyMap<string, string>, diskCache: DiskCache | undefined): { plan: Map<string, Plan>; entries: Map<string, CacheEntry> } {
    const plan = new Map<string, Plan>();
    const entries = new Map<string, CacheEntry>();
    const consumers = new Map<string, ExecNode[]>();
    for (const node of order) for (const wire of Object.values(node.wires)) consumers.set(wire.node, [...(consumers.get(wire.node) ?? []), node]);
    for (const node of [...order].reverse()) {
        const needed = isOutputNode(node) || (consumers.get(node.id) ?? []).some(c => plan.get(c.id) === 'run');
        const entry = needed ? diskCache?.lookup(keys.get(node.id)!) : undefined;
        if (entry) entries.set(node.id, entry);
        plan.set(node.id, !needed ? 'skip' : entry ? 'load' : 'run');
    }
    return { plan, entries };
}
