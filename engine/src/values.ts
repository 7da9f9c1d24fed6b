/**
 * The runtime values that flow along wires. Each wire type declares its value and how it is
 * saved, loaded and disposed in its own file (`wire-types/<name>.ts`); this module gathers them
 * for the engine. Every tensor here belongs to the run that made it: nodes never dispose their
 * inputs; the executor disposes all values when the run ends.
 */
import type { WireValues } from '../../catalog/src/define.js';
import { BUILTIN_WIRE_TYPES } from '../../wire-types/registry.generated.js';
import type { WireTypeEngine } from './wire-type-engine.js';

export type { Dataset } from '../../wire-types/dataset.js';
export type { Images } from '../../wire-types/image.js';
export type { Generator, ModelInfo } from '../../wire-types/generator.js';
export type { Discriminator } from '../../wire-types/discriminator.js';

/** A value on a wire: one of the wire types' values, told apart by `kind` (its wire type's name). */
export type Value = WireValues[keyof WireValues];
export type Outputs = Record<string, Value>;

const engines = new Map(BUILTIN_WIRE_TYPES.map(t => [t.name, t.engine as WireTypeEngine<Value, object> | undefined]));

/** A node pack's wire type with an engine side (built-in names are never replaced). */
export function registerWireTypeEngine(kind: string, engine: WireTypeEngine<Value, object>): void {
    if (!engines.get(kind)) engines.set(kind, engine);
}

/** The engine side of a value's wire type (cache save/load, dispose); throws for a kind no wire type declares. */
export function wireTypeEngine(kind: string): WireTypeEngine<Value, object> {
    const engine = engines.get(kind);
    if (!engine) throw new Error(`no wire type ${kind} with an engine side (it cannot be cached)`);
    return engine;
}

export function disposeValue(value: Value): void {
    const engine = engines.get(value.kind);
    if (engine) {
        engine.dispose(value);
        return;
    }
    // A pack's wire type without an engine side: release the tensors it holds.
    for (const field of Object.values(value as unknown as Record<string, unknown>)) {
        const tensor = field as { dispose?: () => void; dataId?: unknown };
        if (tensor && typeof tensor.dispose === 'function' && tensor.dataId !== undefined) tensor.dispose();
    }
}
