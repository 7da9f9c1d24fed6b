/**
 * Declaring nodes. A node is one folder, `nodes/<kebab-name>/`: `schema.ts` exports
 * `schema = defineSchema({...})` (pure data: the language server imports it), `run.ts` exports
 * `node = defineNode(schema, { run })` (the engine imports it), and the node's tests sit beside
 * them. `scripts/gen-registries.mjs` builds the registries from the folders.
 *
 * `defineSchema` keeps the schema's literal types, so `ParamsOf`, `InputsOf` and `OutputsOf`
 * derive a node's arguments from it: `params.imageSize` is a `number`, `inputs.dataset` a
 * `Dataset`. Which value a wire type carries is declared where the value is (the engine's
 * values and wire-type files) by extending `WireValues`; this module imports nothing.
 */
import type { NodeSchema, ParamSpec, WireTypeSpec } from './schema.js';

/** Wire type name -> the engine's value on such a wire. Extended by declaration merging. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface WireValues {}

/** The schema, with every literal kept (names, types, defaults) for the derived types below. */
export function defineSchema<const S extends NodeSchema>(schema: S): S {
    return schema;
}

type ScalarOf<T> = T extends 'INT' | 'FLOAT' ? number : T extends 'STRING' ? string : T extends 'BOOLEAN' ? boolean : never;

type ValueOf<P extends ParamSpec> = P['type'] extends 'LIST'
    ? Array<ScalarOf<NonNullable<P['item']>['type']>>
    : ScalarOf<P['type']>;

/** A parameter may be absent at run time only when it is optional and has no default. */
type MayBeAbsent<P> = P extends { readonly default: unknown } ? false : P extends { readonly optional: true } ? true : false;

/** A node's widget parameters as its implementation receives them (defaults filled in). */
export type ParamsOf<S extends NodeSchema> = {
    readonly [P in S['params'][number] as P['name']]: MayBeAbsent<P> extends true ? ValueOf<P> | undefined : ValueOf<P>;
};

type WireValue<T> = T extends keyof WireValues ? WireValues[T] : unknown;

/** A node's wired inputs, by name, with the values their wire types carry. */
export type InputsOf<S extends NodeSchema> = {
    readonly [I in S['inputs'][number] as I['name']]: I extends { readonly optional: true } ? WireValue<I['type']> | undefined : WireValue<I['type']>;
};

/** What a node's implementation returns: one value per output. */
export type OutputsOf<S extends NodeSchema> = {
    [O in S['outputs'][number] as O['name']]: WireValue<O['type']>;
};

/**
 * A wire type, declared in one file `wire-types/<name>.ts`: what the language and the graph view
 * know of it (`WireTypeSpec`: name, colour, description) and, in `engine`, how the engine saves
 * its values to the cache, loads and disposes them. The engine hooks receive TensorFlow.js and
 * file access as arguments (engine/src/wire-type-engine.ts), so the file imports no runtime
 * dependency and the language server can read its declaration.
 */
export interface WireTypeDefinition<Engine = unknown> extends WireTypeSpec {
    readonly engine?: Engine;
}

export function defineWireType<const T extends WireTypeDefinition>(definition: T): T {
    return definition;
}

/** A wire type's declaration alone (what the language and the graph view get; the engine side stays behind). */
export function wireTypeSpec({ name, color, description }: WireTypeSpec): WireTypeSpec {
    return { name, color, description };
}
