/** Literal values of the AST as plain JSON values, and their types for checking. */
import type { ParamValue, ScalarValue } from '../../../../catalog/src/index.js';
import { isBooleanLiteral, isListValue, isNumberLiteral, isStringLiteral, type Literal, type Value } from '../generated/ast.js';

export function literalValue(value: Literal): ScalarValue | undefined {
    if (isNumberLiteral(value)) return Number(value.text);
    if (isStringLiteral(value)) return value.value;
    if (isBooleanLiteral(value)) return value.value;
    return undefined;
}

/** A constant value (literal or list of literals); undefined when it contains references. */
export function constantValue(value: Value | undefined): ParamValue | undefined {
    if (!value) return undefined;
    if (isListValue(value)) {
        const items: ScalarValue[] = [];
        for (const item of value.items) {
            if (isListValue(item)) return undefined;
            const v = constantValue(item);
            if (v === undefined || Array.isArray(v)) return undefined;
            items.push(v);
        }
        return items;
    }
    if (isNumberLiteral(value) || isStringLiteral(value) || isBooleanLiteral(value)) return literalValue(value);
    return undefined;
}


/** 'INT' for integer literals written without a fraction or exponent, else 'FLOAT'. */
export function numberLiteralType(text: string): 'INT' | 'FLOAT' {
    // `1e3` is an integer; `2.0` and `2e-4` are floats.
    return /^-?\d+([eE]\+?\d+)?$/.test(text) && Number.isSafeInteger(Number(text)) ? 'INT' : 'FLOAT';
}

export function describeLiteral(value: Value): string {
    if (isNumberLiteral(value)) return `the number ${value.text}`;
    if (isStringLiteral(value)) return `the string ${JSON.stringify(value.value)}`;
    if (isBooleanLiteral(value)) return `the boolean ${value.value}`;
    if (isListValue(value)) return 'a list';
    return 'a reference';
}
