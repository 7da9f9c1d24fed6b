/**
 * The engine's half of a node folder: `node = defineNode(schema, { run })` in
 * `nodes/<name>/run.ts`. `run` receives its inputs and parameters typed from the schema
 * (catalog/src/define.ts), and returns its outputs by name; the executor has already checked
 * wire types and filled in defaults, so an implementation reads `params.imageSize` directly.
 * A built-in node's extra cache-key material lives beside it in `nodes/<name>/fingerprint.ts`
 * (`fingerprint: NodeFingerprint<typeof schema>`): cache keys are computed before anything
 * runs, and run.ts (with TensorFlow.js behind it) loads only when the node executes (lazy-node.ts).
 */
import type { InputsOf, ParamsOf } from '../../../catalog/src/define.js';
import type { NodeSchema } from '../../../catalog/src/schema.js';
import type { Outputs } from '../values.js';
import type { NodeContext, NodeImpl, RunPlace } from './types.js';

export interface NodeDefinition<S extends NodeSchema = NodeSchema> extends NodeImpl {
    readonly schema: S;
}

/** Extra cache-key material: what else the result depends on (files read, folders written). */
export type NodeFingerprint<S extends NodeSchema> = (place: RunPlace, params: ParamsOf<S>) => string;

export interface NodeBody<S extends NodeSchema> {
    /**
     * Outputs are returned by name as engine values; TypeScript cannot contextually type literal
     * value kinds through `OutputsOf<S>` inside an async body, so the result is checked as
     * `Outputs` (the executor checks names against the schema at run time).
     */
    run(ctx: NodeContext, inputs: InputsOf<S>, params: ParamsOf<S>): Promise<Outputs>;
    /** Extra cache-key material (node packs; a built-in node puts it in its fingerprint.ts). */
    fingerprint?: NodeFingerprint<S>;
}

export function defineNode<const S extends NodeSchema>(schema: S, body: NodeBody<NoInfer<S>>): NodeDefinition<S> {
    const { fingerprint } = body;
    return {
        type: schema.name,
        schema,
        run: (ctx, inputs, params) => body.run(ctx, inputs as unknown as InputsOf<S>, params as unknown as ParamsOf<S>),
        ...(fingerprint ? { fingerprint: (place: RunPlace, params: Parameters<NonNullable<NodeImpl['fingerprint']>>[1]) => fingerprint(place, params as unknown as ParamsOf<S>) } : {}),
    };
}
