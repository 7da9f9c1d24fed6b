/** Whole-body checks: duplicate names, cycles and nodes whose results go nowhere. */
import type { ValidationAcceptor } from 'langium';
import { AstUtils } from 'langium';
import { isListValue, isNode, isNodeRef, isSubgraph, isSubgraphOutput, type Node, type Subgraph, type Value, type Workflow } from '../generated/ast.js';
import { bodyNodes } from '../semantics/bodies.js';
import type { NodeTypeResolver } from '../semantics/node-types.js';
import { Codes } from './codes.js';

/** Nodes a node reads from (direct references in its arguments, lists included). */
export function dependencies(node: Node): Node[] {
    const deps: Node[] = [];
    const visit = (value: Value | undefined): void => {
        if (isNodeRef(value)) {
            const target = value.target?.ref;
            if (isNode(target)) deps.push(target);
        } else if (isListValue(value)) {
            value.items.forEach(visit);
        }
    };
    for (const arg of node.args) visit(arg.value);
    return deps;
}

export function checkDuplicateNames(body: Workflow | Subgraph, accept: ValidationAcceptor): void {
    const first = new Map<string, number>();
    const named = isSubgraph(body) ? body.members.filter(m => !isSubgraphOutput(m)) : body.nodes;
    for (const member of named) {
        const name = (member as { name?: string }).name;
        if (!name) continue;
        const line = member.$cstNode?.range.start.line;
        const prior = first.get(name);
        if (prior === undefined) {
            first.set(name, line ?? 0);
        } else {
            accept('error', `Duplicate name '${name}' (first defined on line ${prior + 1}).`, { node: member, property: 'name', code: Codes.duplicateName });
        }
    }
    if (isSubgraph(body)) {
        const outputs = new Set<string>();
        for (const out of body.members.filter(isSubgraphOutput)) {
            if (outputs.has(out.name)) accept('error', `Duplicate output '${out.name}'.`, { node: out, property: 'name', code: Codes.duplicateName });
            outputs.add(out.name);
        }
    }
}

/** Reports every node on a dependency cycle, naming the whole cycle. */
export function checkCycles(body: Workflow | Subgraph, accept: ValidationAcceptor): void {
    const nodes = bodyNodes(body);
    const state = new Map<Node, 1 | 2>(); // 1 = on stack, 2 = done
    const stack: Node[] = [];
    const reported = new Set<Node>();
    const visit = (node: Node): void => {
        state.set(node, 1);
        stack.push(node);
        for (const dep of dependencies(node)) {
            const s = state.get(dep);
            if (s === 1) {
                const cycle = stack.slice(stack.indexOf(dep));
                const names = [...cycle, dep].map(n => n.name ?? n.type).join(' -> ');
                for (const member of cycle) {
                    if (reported.has(member)) continue;
                    reported.add(member);
                    accept('error', `Cycle: ${names}. A node cannot depend on its own output.`, { node: member, property: member.name ? 'name' : 'type', code: Codes.cycle });
                }
            } else if (s === undefined && dep.$container === node.$container) {
                visit(dep);
            }
        }
        stack.pop();
        state.set(node, 2);
    };
    for (const node of nodes) if (!state.has(node)) visit(node);
}

/** Warns about nodes whose outputs reach no output node (or, in a subgraph, no `output`). */
export function checkUnused(body: Workflow | Subgraph, types: NodeTypeResolver, accept: ValidationAcceptor): void {
    // While a statement is broken its wires are missing, and every node upstream would look unused.
    const parse = AstUtils.getDocument(body).parseResult;
    if (parse.parserErrors.length || parse.lexerErrors.length) return;
    const nodes = bodyNodes(body);
    const used = new Set<Node>();
    const mark = (node: Node): void => {
        if (used.has(node)) return;
        used.add(node);
        for (const dep of dependencies(node)) mark(dep);
    };
    for (const node of nodes) {
        const resolved = types.resolve(node);
        // Unknown types are already errors; don't pile an unused warning on their inputs.
        if (!resolved || resolved.schema.isOutput) mark(node);
    }
    if (isSubgraph(body)) {
        for (const out of body.members.filter(isSubgraphOutput)) {
            const target = out.value?.target?.ref;
            if (isNode(target)) mark(target);
        }
    }
    for (const node of nodes) {
        if (used.has(node)) continue;
        const label = node.name ? `'${node.name}'` : node.type;
        const examples = types.engineOf(body) === 'comfyui' ? 'SaveImage, PreviewImage, ...' : 'SaveImages, PreviewImage, SaveGenerator, ...';
        const where = isSubgraph(body) ? 'no output of the subgraph' : `no output node (${examples})`;
        accept('warning', `Node ${label} is unused: its outputs reach ${where}.`, { node, property: node.name ? 'name' : 'type', code: Codes.unusedNode });
    }
}
