/** Checks a widget parameter's written value against its schema (type, range, choices). */
import type { ValidationAcceptor } from 'langium';
import { isAssignable, outputPathProblem, type ParamSpec, type PortType } from '../../../../catalog/src/index.js';
import { expectedValue, listLengthProblem, scalarProblem, type ItemSpec } from '../../../../catalog/src/value-checks.js';
import { isBooleanLiteral, isListValue, isNodeRef, isNumberLiteral, isStringLiteral, type NodeRef, type Value } from '../generated/ast.js';
import { referenceText, referenceType } from '../semantics/references.js';
import type { NodeTypeResolver } from '../semantics/node-types.js';
import { constantValue, describeLiteral, numberLiteralType } from '../semantics/values.js';
import { suggest } from '../semantics/suggestions.js';
import { Codes } from './codes.js';

/** `subject` (e.g. "Input 'x' of Node 'n'") takes `expected`: a wire of another type is a type mismatch. */
export function checkReferenceType(ref: NodeRef, expected: PortType | 'LIST', subject: string, types: NodeTypeResolver, accept: ValidationAcceptor): void {
    const actual = referenceType(ref, types);
    if (actual !== undefined && !isAssignable(actual, expected)) {
        accept('error', `${subject} expects ${expected}, but '${referenceText(ref)}' is ${actual}.`, { node: ref, code: Codes.typeMismatch });
    }
}

export function checkParamValue(value: Value, spec: ParamSpec, owner: string, types: NodeTypeResolver, accept: ValidationAcceptor): void {
    if (isNodeRef(value)) {
        checkReferenceType(value, spec.type, `'${spec.name}' of ${owner}`, types, accept);
        return;
    }
    if (spec.type === 'LIST') {
        if (!isListValue(value)) {
            accept('error', `'${spec.name}' of ${owner} expects a list of ${spec.item?.type ?? 'values'}, got ${describeLiteral(value)}.`, { node: value, code: Codes.wrongValueType });
            return;
        }
        const length = listLengthProblem(value.items.length, spec);
        if (length) accept('error', `'${spec.name}' of ${owner} ${length.message}.`, { node: value, code: Codes.outOfRange });
        for (const item of value.items) {
            if (spec.item) checkScalar(item, spec.item, `an item of '${spec.name}'`, owner, types, accept);
        }
        return;
    }
    checkScalar(value, spec, `'${spec.name}'`, owner, types, accept);
    if (spec.withinOutput) checkOutputPath(value, spec, owner, accept);
}

/** What the engine would refuse after upstream work, said before the run (it re-checks the resolved path). */
function checkOutputPath(value: Value, spec: ParamSpec, owner: string, accept: ValidationAcceptor): void {
    const text = constantValue(value);
    if (typeof text !== 'string') return;
    const problem = outputPathProblem(text);
    if (problem) {
        accept('error', `'${spec.name}' of ${owner} ${problem}: outputs stay inside the run's output folder; use a relative path without '..' above it.`,
            { node: value, code: Codes.pathEscape });
    }
}

function checkScalar(value: Value, spec: ItemSpec, what: string, owner: string, types: NodeTypeResolver, accept: ValidationAcceptor): void {
    if (isNodeRef(value)) {
        checkReferenceType(value, spec.type, `${capitalize(what)} of ${owner}`, types, accept);
        return;
    }
    const actual = scalarOf(value);
    if (!actual || !isAssignable(actual.type, spec.type as never)) {
        accept('error', `${capitalize(what)} of ${owner} expects ${expectedValue(spec)}, got ${describeLiteral(value)}.`, { node: value, code: Codes.wrongValueType });
        return;
    }
    const problem = scalarProblem(actual.value, spec);
    if (problem?.code === 'invalid-choice') {
        const close = typeof actual.value === 'string' ? suggest(actual.value, spec.choices!.map(String)) : [];
        accept('error', `${capitalize(what)} of ${owner} ${problem.message}.`, {
            node: value, code: Codes.invalidChoice, data: { suggestions: (close.length ? close : spec.choices!).map(c => JSON.stringify(c)) },
        });
    } else if (problem) {
        accept('error', `${capitalize(what)} of ${owner} ${problem.message}.`, { node: value, code: Codes.outOfRange });
    }
}

function scalarOf(value: Value): { type: 'INT' | 'FLOAT' | 'STRING' | 'BOOLEAN'; value: string | number | boolean } | undefined {
    if (isNumberLiteral(value)) return { type: numberLiteralType(value.text), value: Number(value.text) };
    if (isStringLiteral(value)) return { type: 'STRING', value: value.value };
    if (isBooleanLiteral(value)) return { type: 'BOOLEAN', value: value.value };
    return undefined;
}

function capitalize(s: string): string {
    return s.charAt(0).toUpperCase() + s.slice(1);
}
