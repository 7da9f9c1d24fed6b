/**
 * Content-addressed cache keys. A node's key hashes what its result depends on: its type, the
 * implementation version, its constant arguments (defaults filled in), the keys of the nodes
 * feeding it and any extra fingerprint (files read, output folder). Node names, line order,
 * comments and formatting are not part of it, so they never invalidate a cached result.
 */
import { createHash } from 'node:crypto';
import type { ExecNode } from '../../../catalog/src/graph.js';
import { getNodeSchema } from '../../../catalog/src/index.js';
import type { NodeImpl, RunPlace } from '../nodes/types.js';

/** Bump when the engine changes results for every node (e.g. value encoding). */
export const ENGINE_CACHE_VERSION = 1;

/** JSON with object keys sorted, so equal values always hash equally. */
export function canonicalJson(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
    if (value && typeof value === 'object') {
        const obj = value as Record<string, unknown>;
        return `{${Object.keys(obj).sort().filter(k => obj[k] !== undefined).map(k => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
    }
    return JSON.stringify(value);
}

/** Keys for `order` (producers before consumers). */
export function computeKeys(order: readonly ExecNode[], impls: ReadonlyMap<string, NodeImpl>, place: RunPlace): Map<string, string> {
    const keys = new Map<string, string>();
    for (const node of order) {
        const impl = impls.get(node.type);
        const inputs: Record<string, [string, string]> = {};
        for (const [arg, wire] of Object.entries(node.wires)) {
            const upstream = keys.get(wire.node);
            if (upstream === undefined) throw new Error(`internal: ${node.id} is keyed before its input ${wire.node}`);
            inputs[arg] = [upstream, wire.output];
        }
        const material = canonicalJson({
            engine: ENGINE_CACHE_VERSION,
            type: node.type,
            version: impl?.schema?.version ?? getNodeSchema(node.type)?.version ?? 0,
            params: node.params,
            inputs,
            extra: impl?.fingerprint?.(place, node.params) ?? null,
        });
        keys.set(node.id, createHash('sha256').update(material).digest('hex').slice(0, 40));
    }
    return keys;
}
