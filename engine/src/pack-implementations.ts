/**
 * A node pack's implementations as the engine runs them: each node keeps its schema (its
 * version enters cache keys) and the pack file's content hash joins its fingerprint, so editing
 * the pack re-runs its nodes and nothing else. Its wire types' engine sides are registered.
 */
import type { NodeSchema } from '../../catalog/src/schema.js';
import type { NodeImpl } from './nodes/types.js';
import { registerWireTypeEngine, type Value } from './values.js';
import type { WireTypeEngine } from './wire-type-engine.js';

export interface LoadedPack {
    hash: string;
    module: {
        nodes: ReadonlyArray<{ schema: NodeSchema; run?: unknown; fingerprint?: unknown }>;
        types?: ReadonlyArray<{ name: string; engine?: unknown }>;
    };
}

export function packImplementations(packs: readonly LoadedPack[]): Map<string, NodeImpl> {
    const impls = new Map<string, NodeImpl>();
    for (const { hash, module } of packs) {
        for (const type of module.types ?? []) {
            if (type.engine) registerWireTypeEngine(type.name, type.engine as WireTypeEngine<Value, object>);
        }
        for (const node of module.nodes) {
            if (typeof node.run !== 'function' || impls.has(node.schema.name)) continue;
            const run = node.run as NodeImpl['run'];
            const fingerprint = typeof node.fingerprint === 'function' ? node.fingerprint as NonNullable<NodeImpl['fingerprint']> : undefined;
            impls.set(node.schema.name, {
                type: node.schema.name,
                schema: node.schema,
                run: (ctx, inputs, params) => run(ctx, inputs, params),
                fingerprint: (place, params) => `pack:${hash}${fingerprint ? `:${fingerprint(place, params)}` : ''}`,
            });
        }
    }
    return impls;
}
