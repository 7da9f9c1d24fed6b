/**
 * What a run will do, before it does anything: the output nodes and their ancestors in
 * execution order, their cache keys, and for each whether it must run, can be loaded from the
 * disk cache, or is not needed at all (everything that uses it is cached). From that follows
 * whether the run needs a TensorFlow.js backend at all.
 */
import type { ExecGraph, ExecNode } from '../../../catalog/src/graph.js';
import { getNodeSchema } from '../../../catalog/src/index.js';
import type { CacheEntry, DiskCache } from '../cache/disk-cache.js';
import { computeKeys } from '../cache/keys.js';
import { FlowError, NodeError } from '../errors.js';
import type { NodeImpl, RunPlace } from '../nodes/types.js';

export type Plan = 'run' | 'load' | 'skip';

export interface RunPlan {
    /** The nodes needed, producers before consumers. */
    order: ExecNode[];
    /** Cache key by node id. */
    keys: Map<string, string>;
    work: Map<string, Plan>;
    /** The cache entries of the 'load' nodes, read once while planning. */
    entries: Map<string, CacheEntry>;
    /**
     * Whether a node runs or a stored value (a tensor, a model) is read: only then is a backend
     * initialized. A fully cached run replays its output nodes' events and loads nothing else.
     */
    needsBackend: boolean;
}

/** Plans a run of `graph`; throws a NodeError (or a FlowError) when it cannot run at all. */
export function planRun(graph: ExecGraph, impls: ReadonlyMap<string, NodeImpl>, place: RunPlace, diskCache: DiskCache | undefined): RunPlan {
    for (const node of graph.nodes) {
        if (!impls.has(node.type)) {
            throw new NodeError(`${nodeTitle(node)}: no implementation for node type ${node.type}`, node.id, node.label, node.uri, node.range, 'unknown-node');
        }
    }
    const order = planOrder(graph);
    if (order.length === 0) {
        throw new FlowError(`workflow ${graph.workflow} has no output node (SaveImages, PreviewImage, SaveGenerator): nothing to run`, 'no-output');
    }
    const keys = computeKeys(order, impls, place);
    const { plan: work, entries } = decideWork(order, keys, diskCache);
    const needsBackend = [...work.values()].includes('run') || [...entries.values()].some(e => Object.keys(e.outputs).length > 0);
    return { order, keys, work, entries, needsBackend };
}

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
