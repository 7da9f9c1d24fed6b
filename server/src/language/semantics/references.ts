/** What a reference (`node`, `node.output` or a subgraph input) points at, and its type. */
import type { NodeSchema, OutputSpec, PortType } from '../../../../catalog/src/index.js';
import { isNode, isSubgraphInput, type NodeRef } from '../generated/ast.js';
import type { NodeTypeResolver } from './node-types.js';

export type ReferenceTarget =
    | { kind: 'output'; node: import('../generated/ast.js').Node; schema: NodeSchema; output: OutputSpec; type: PortType }
    | { kind: 'subgraph-input'; input: import('../generated/ast.js').SubgraphInput; type: PortType }
    /** Unresolved, unknown node type, unknown output: reported elsewhere, types unknown. */
    | { kind: 'unknown' }
    | { kind: 'no-such-output'; node: import('../generated/ast.js').Node; outputs: readonly OutputSpec[]; typeName: string };

export function resolveReference(ref: NodeRef, types: NodeTypeResolver): ReferenceTarget {
    const target = ref.target?.ref;
    if (isSubgraphInput(target)) {
        return types.isPortType(target.type) && ref.output === undefined ? { kind: 'subgraph-input', input: target, type: target.type } : { kind: 'unknown' };
    }
    if (!isNode(target)) return { kind: 'unknown' };
    const resolved = types.resolve(target);
    if (!resolved) return { kind: 'unknown' };
    const outputs = resolved.schema.outputs;
    const output = ref.output === undefined ? outputs[0] : outputs.find(o => o.name === ref.output);
    if (!output) return { kind: 'no-such-output', node: target, outputs, typeName: resolved.schema.name };
    return { kind: 'output', node: target, schema: resolved.schema, output, type: output.type };
}

/** The type of what a reference carries; undefined when it is unresolved (reported elsewhere). */
export function referenceType(ref: NodeRef, types: NodeTypeResolver): PortType | undefined {
    const target = resolveReference(ref, types);
    return target.kind === 'output' || target.kind === 'subgraph-input' ? target.type : undefined;
}

/** The text of a reference as written: `node` or `node.output`. */
export function referenceText(ref: NodeRef): string {
    return ref.output === undefined ? ref.target.$refText : `${ref.target.$refText}.${ref.output}`;
}
