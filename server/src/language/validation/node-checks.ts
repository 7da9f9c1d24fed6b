/** Checks of one node statement against its schema: type, arguments, inputs, values. */
import type { ValidationAcceptor } from 'langium';
import { AstUtils } from 'langium';
import { findArgument, isRequiredParam } from '../../../../catalog/src/index.js';
import { isNodeRef, isSubgraph, isWorkflow, type Node, type NodeRef, type Subgraph, type Workflow } from '../generated/ast.js';
import { checkSubgraphEngine, engineVerdict, reportOtherEngine } from './engine-checks.js';
import type { NodeTypeResolver } from '../semantics/node-types.js';
import { resolveReference } from '../semantics/references.js';
import { describeLiteral } from '../semantics/values.js';
import { didYouMean, suggest } from '../semantics/suggestions.js';
import { checkParamValue, checkReferenceType } from './value-checks.js';
import { Codes } from './codes.js';

export function nodeLabel(node: Node): string {
    return node.name ? `${node.type} '${node.name}'` : node.type;
}

export function checkNode(node: Node, types: NodeTypeResolver, accept: ValidationAcceptor): void {
    // `n = ` while typing: the parser reports the missing type; there is nothing to check yet.
    if (!node.type) return;
    const resolved = types.resolve(node);
    if (!resolved) {
        const body = AstUtils.getContainerOfType(node, (n): n is Workflow | Subgraph => isWorkflow(n) || isSubgraph(n));
        const verdict = engineVerdict(node, body, types);
        if (verdict.kind === 'unjudged') return;
        if (verdict.kind === 'other-engine' && body && isWorkflow(body)) {
            reportOtherEngine(node, body, verdict, types, accept);
            return;
        }
        const candidates = [...types.catalogFor(body).nodeNames(), ...types.visibleSubgraphs(AstUtils.getDocument(node)).map(s => s.name)];
        const close = suggest(node.type, candidates);
        // A pack that could not load (or was not trusted) may be where this node lives: say so.
        const packs = types.catalogFor(body).problems.map(p => p.message);
        const packHint = packs.length ? ` (${packs.join('; ')})` : '';
        accept('error', `Unknown node type '${node.type}'.${didYouMean(close)}${packHint}`, {
            node, property: 'type', code: Codes.unknownNode, data: { suggestions: close },
        });
        return;
    }
    if (resolved.kind === 'subgraph') {
        const body = AstUtils.getContainerOfType(node, isWorkflow);
        if (body) checkSubgraphEngine(node, resolved.subgraph, body, types, accept);
    }
    const schema = resolved.schema;
    const owner = nodeLabel(node);
    const seen = new Map<string, boolean>();
    for (const arg of node.args) {
        if (seen.has(arg.name)) {
            accept('error', `Argument '${arg.name}' is given twice.`, { node: arg, property: 'name', code: Codes.duplicateName });
            continue;
        }
        seen.set(arg.name, true);
        const found = findArgument(schema, arg.name);
        if (!found) {
            const names = [...schema.inputs.map(i => i.name), ...schema.params.map(p => p.name)];
            const close = suggest(arg.name, names);
            accept('error', `${schema.name} has no argument '${arg.name}'.${didYouMean(close)}`, {
                node: arg, property: 'name', code: Codes.unknownArgument, data: { suggestions: close },
            });
            continue;
        }
        if (!arg.value) continue; // syntax error already reported
        if (found.kind === 'param') {
            checkParamValue(arg.value, found.spec, owner, types, accept);
            continue;
        }
        const input = found.spec;
        if (!isNodeRef(arg.value)) {
            accept('error', `Input '${input.name}' of ${owner} takes a connection to a ${input.type} output, not ${describeLiteral(arg.value)}.`, { node: arg.value, code: Codes.wrongValueType });
            continue;
        }
        checkReferenceType(arg.value, input.type, `Input '${input.name}' of ${owner}`, types, accept);
    }
    const missing = [
        ...schema.inputs.filter(i => !i.optional && !seen.has(i.name)).map(i => `'${i.name}' (${i.type})`),
        ...schema.params.filter(p => isRequiredParam(p) && !seen.has(p.name)).map(p => `'${p.name}' (${p.type})`),
    ];
    if (missing.length) {
        accept('error', `${owner} is missing required ${missing.length > 1 ? 'arguments' : 'argument'} ${missing.join(', ')}.`, { node, property: 'type', code: Codes.missingInput });
    }
}

/** `node.output` where the node has no such output (or no outputs at all). */
export function checkReferenceOutput(ref: NodeRef, types: NodeTypeResolver, accept: ValidationAcceptor): void {
    const target = resolveReference(ref, types);
    if (target.kind !== 'no-such-output') return;
    const name = ref.target.$refText;
    if (target.outputs.length === 0) {
        accept('error', `'${name}' (${target.typeName}) has no outputs to connect.`, { node: ref, property: ref.output ? 'output' : 'target', code: Codes.unknownOutput });
        return;
    }
    const names = target.outputs.map(o => o.name);
    const close = suggest(ref.output ?? '', names);
    accept('error', `'${name}' (${target.typeName}) has no output '${ref.output}'; its outputs are: ${names.join(', ')}.`, {
        node: ref, property: 'output', code: Codes.unknownOutput, data: { suggestions: close.length ? close : names },
    });
}
