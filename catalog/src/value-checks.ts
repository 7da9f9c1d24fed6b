/**
 * The pure checks of a widget argument's value against its parameter spec (choices, range,
 * list length, the expected type's wording), shared by the validator, which checks written
 * literals, and `flowstudio run --set/--sweep`, which checks command-line values: both say
 * the same thing about the same value.
 */
import { describeRange } from './index.js';
import { inRange, type ParamSpec, type ScalarValue } from './schema.js';

export type ItemSpec = Pick<ParamSpec, 'type' | 'min' | 'max' | 'exclusiveMin' | 'choices'>;

export interface ValueProblem {
    /** A diagnostic code (`codes.ts`): `invalid-choice`, `out-of-range`. */
    code: 'invalid-choice' | 'out-of-range';
    /** Continues "<subject> ..." without a final period, e.g. `must be 0..100 (got 120)`. */
    message: string;
}

/** Choices and range of a value of the right type; undefined when it is allowed. */
export function scalarProblem(value: ScalarValue, spec: ItemSpec): ValueProblem | undefined {
    if (spec.choices && !spec.choices.includes(value)) {
        return { code: 'invalid-choice', message: `must be one of ${listChoices(spec.choices)} (got ${JSON.stringify(value)})` };
    }
    if (typeof value === 'number' && !inRange(spec, value)) {
        return { code: 'out-of-range', message: `must be ${describeRange(spec)} (got ${value})` };
    }
    return undefined;
}

/** The number of items of a LIST argument against its minItems / maxItems. */
export function listLengthProblem(length: number, spec: Pick<ParamSpec, 'minItems' | 'maxItems'>): ValueProblem | undefined {
    if (spec.minItems !== undefined && length < spec.minItems) return { code: 'out-of-range', message: `needs at least ${spec.minItems} item(s)` };
    if (spec.maxItems !== undefined && length > spec.maxItems) return { code: 'out-of-range', message: `takes at most ${spec.maxItems} items` };
    return undefined;
}

/** What a value of `spec` is called in "expects ..." messages: `FLOAT`, `one of "a", "b"`. */
export function expectedValue(spec: ItemSpec): string {
    return spec.type === 'STRING' && spec.choices ? `one of ${listChoices(spec.choices)}` : spec.type;
}

export function listChoices(choices: readonly ScalarValue[]): string {
    return choices.map(c => JSON.stringify(c)).join(', ');
}
