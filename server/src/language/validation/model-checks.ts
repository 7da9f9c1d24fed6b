/**
 * Checks that need what a wire carries, not only its type: a generator and a discriminator
 * trained together must agree on image size, channels and classes; SampleGAN's labels must be
 * classes its generator knows. The catalog says which parameters describe an output
 * (`OutputSpec.properties`), which outputs keep an input's description (`propertiesOf`) and what
 * must agree (`NodeSchema.agreements`, `ParamSpec.indexInto`); this module follows references
 * back to the node that sets them. Unknown values (a subgraph input, a wired parameter, a loaded
 * model) are not guessed: the engine checks those when it runs.
 *
 * These are warnings: the engine's own check stays the authority (its `size-mismatch` and
 * `class-mismatch` errors name the failing node at run time), and a warning does not keep the
 * rest of a workflow from running.
 */
import type { ValidationAcceptor } from 'langium';
import type { Agreement, NodeSchema, ParamSpec, ScalarValue } from '../../../../catalog/src/index.js';
import { findArgument } from '../../../../catalog/src/index.js';
import { isListValue, isNodeRef, type Node, type NodeRef, type Value } from '../generated/ast.js';
import type { NodeTypeResolver } from '../semantics/node-types.js';
import { referenceText, resolveReference } from '../semantics/references.js';
import { constantValue } from '../semantics/values.js';
import { Codes } from './codes.js';
import { nodeLabel } from './node-checks.js';

/** Following `propertiesOf` further than this means a cycle, reported elsewhere. */
const MAX_DEPTH = 64;

/** Where the text sets `property` of what `ref` carries: a node and the parameter that describes it. */
export interface PropertySource {
    node: Node;
    /** Undefined for a property the node always has (`fixedProperties`): nothing to change there. */
    param: string | undefined;
    /** Its constant value as written, else its default; undefined when wired or absent. */
    value: ScalarValue | undefined;
}

export function propertySource(ref: NodeRef, property: string, types: NodeTypeResolver, depth = 0): PropertySource | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const target = resolveReference(ref, types);
    if (target.kind !== 'output') return undefined;
    const fixed = target.output.fixedProperties?.[property];
    if (fixed !== undefined) return { node: target.node, param: undefined, value: fixed };
    const param = target.output.properties?.[property];
    if (param !== undefined) return { node: target.node, param, value: paramValue(target.node, target.schema, param) };
    if (target.output.propertiesOf === undefined) return undefined;
    const input = inputRef(target.node, target.output.propertiesOf);
    return input ? propertySource(input, property, types, depth + 1) : undefined;
}

/** A parameter's constant value as written, else its default; undefined when wired or absent. */
function paramValue(node: Node, schema: NodeSchema, name: string): ScalarValue | undefined {
    const found = findArgument(schema, name);
    if (found?.kind !== 'param') return undefined;
    const arg = node.args.find(a => a.name === name);
    const value = arg ? constantValue(arg.value) : found.spec.default;
    return Array.isArray(value) ? undefined : value;
}

/** Properties on which the inputs of an agreement differ, with where each side sets them. */
export interface Mismatch {
    property: string;
    first: PropertySource;
    second: PropertySource;
}

export function agreementMismatches(node: Node, agreement: Agreement, types: NodeTypeResolver): { first: NodeRef; second: NodeRef; mismatches: Mismatch[] } | undefined {
    const first = inputRef(node, agreement.inputs[0]);
    const second = inputRef(node, agreement.inputs[1]);
    if (!first || !second) return undefined;
    const mismatches: Mismatch[] = [];
    for (const property of agreement.properties) {
        const a = propertySource(first, property, types);
        const b = propertySource(second, property, types);
        if (a?.value !== undefined && b?.value !== undefined && a.value !== b.value) mismatches.push({ property, first: a, second: b });
    }
    return { first, second, mismatches };
}

function inputRef(node: Node, name: string): NodeRef | undefined {
    const value = node.args.find(a => a.name === name)?.value;
    return isNodeRef(value) ? value : undefined;
}

export function checkModelAgreement(node: Node, types: NodeTypeResolver, accept: ValidationAcceptor): void {
    const schema = types.resolve(node)?.schema;
    if (!schema) return;
    for (const agreement of schema.agreements ?? []) {
        const found = agreementMismatches(node, agreement, types);
        if (!found?.mismatches.length) continue;
        const { first, second, mismatches } = found;
        const [firstName, secondName] = agreement.inputs;
        const differences = mismatches.map(m => `${m.property} ${JSON.stringify(m.first.value)} vs ${JSON.stringify(m.second.value)}`);
        // A side that cannot change (LoadMNIST is always 28 x 28) is said, with what changes it.
        const fixed = mismatches.flatMap(m => [m.first, m.second]).find(source => source.param === undefined);
        const hint = fixed
            ? ` ${nodeLabel(fixed.node)} always has ${mismatches.map(m => `${m.property} ${JSON.stringify((m.first.param === undefined ? m.first : m.second).value)}`).join(', ')}` +
              (mismatches.some(m => m.property === 'width' || m.property === 'height') ? '; a Resize after it changes its size.' : '.')
            : '';
        accept('warning',
            `${nodeLabel(node)}: the ${firstName} '${referenceText(first)}' and the ${secondName} '${referenceText(second)}' do not match ` +
            `(${differences.join(', ')}); give both the same ${mismatches.map(m => m.property).join(' and ')}.${hint}`,
            { node: second, code: Codes.modelMismatch });
    }
    for (const spec of schema.params) {
        if (spec.indexInto) checkIndexes(node, spec, spec.indexInto, types, accept);
    }
}

/** Each value of `spec` (a number or a list of them) must be below the input's property. */
function checkIndexes(node: Node, spec: ParamSpec, into: NonNullable<ParamSpec['indexInto']>, types: NodeTypeResolver, accept: ValidationAcceptor): void {
    const arg = node.args.find(a => a.name === spec.name);
    const source = inputRef(node, into.input);
    if (!arg?.value || !source) return;
    const limit = propertySource(source, into.property, types)?.value;
    if (typeof limit !== 'number') return;
    const items: Value[] = isListValue(arg.value) ? arg.value.items : [arg.value];
    const what = `'${referenceText(source)}'`;
    if (limit === 0) {
        accept('warning', `'${spec.name}' needs a ${into.input} with ${into.property}; ${what} has ${into.property} 0. Remove '${spec.name}', or give the models ${into.property}.`,
            { node: arg, property: 'name', code: Codes.modelMismatch });
        return;
    }
    for (const item of items) {
        const value = constantValue(item);
        if (typeof value !== 'number' || value < limit) continue;
        accept('warning', `Value ${value} of '${spec.name}' is out of range: ${what} has ${into.property} ${limit} (0..${limit - 1}).`,
            { node: item, code: Codes.modelMismatch });
    }
}
