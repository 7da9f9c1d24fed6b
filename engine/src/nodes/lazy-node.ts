/**
 * A built-in node as the registry holds it: its schema and fingerprint (all that cache keys
 * need) at hand, its implementation module imported on its first run. A run whose results all
 * come from the cache never loads an implementation, nor TensorFlow.js behind it (ADR 0012).
 */
import type { NodeSchema } from '../../../catalog/src/schema.js';
import type { NodeFingerprint } from './define-node.js';
import type { NodeImpl, Params } from './types.js';
import type { ParamsOf } from '../../../catalog/src/define.js';

export function lazyNode<const S extends NodeSchema>(schema: S, load: () => Promise<{ node: NodeImpl }>, fingerprint?: NodeFingerprint<NoInfer<S>>): NodeImpl {
    let loaded: Promise<NodeImpl> | undefined;
    const implementation = (): Promise<NodeImpl> => {
        if (!loaded) {
            loaded = load().then(m => m.node);
            // A module that failed to load is tried again on the next run rather than remembered broken.
            loaded.catch(() => { loaded = undefined; });
        }
        return loaded;
    };
    return {
        type: schema.name,
        schema,
        run: async (ctx, inputs, params) => (await implementation()).run(ctx, inputs, params),
        ...(fingerprint ? { fingerprint: (place, params: Params) => fingerprint(place, params as unknown as ParamsOf<S>) } : {}),
    };
}
