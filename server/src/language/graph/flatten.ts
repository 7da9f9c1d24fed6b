/**
 * Turns one workflow into an ExecGraph: subgraph instances are inlined (inner ids
 * `instance/inner`), every argument becomes a constant or a wire to a builtin node's
 * output, schema defaults are filled in. Runs only on documents without errors.
 */
import type { LangiumDocument } from 'langium';
import type { ExecGraph, ExecNode, SourceRange } from '../../../../catalog/src/graph.js';
import type { ParamValue } from '../../../../catalog/src/index.js';
import { isNode, isNodeRef, isSubgraphInput, isSubgraphOutput, isWorkflow, type Document, type Node, type NodeRef, type Subgraph, type Value } from '../generated/ast.js';
import type { NodeTypeResolver } from '../semantics/node-types.js';
import { constantValue, literalValue } from '../semantics/values.js';
import { bodyNodes } from '../semantics/bodies.js';
import { nodeIds, rangeOf } from './build-graph.js';

type Resolved = { kind: 'const'; value: ParamValue } | { kind: 'wire'; node: string; output: string } | { kind: 'absent' };

interface Scope {
    prefix: string;
    ids: Map<Node, string>;
    /** Values of the enclosing subgraph's inputs (absent at workflow level). */
    inputs: Map<string, Resolved>;
    /** Where errors inside this scope point: the outermost statement in the run file. */
    site?: SourceRange;
}

export class FlattenError extends Error {
    /** The run event code: `unknown-workflow`, or `workflow-too-large` for an expansion beyond MAX_EXEC_NODES. */
    constructor(message: string, readonly code: 'unknown-workflow' | 'workflow-too-large' = 'unknown-workflow') {
        super(message);
    }
}

/** A run's node count once subgraphs are inlined; beyond this a workflow is refused, not expanded. */
export const MAX_EXEC_NODES = 50_000;

/**
 * How many nodes `nodes` become once inlined, counted with one memo per subgraph (linear in the
 * file, even when D(k) uses D(k-1) twice and the expansion is exponential). Recursive subgraphs
 * are reported by validation; here they count as infinite.
 */
export function expandedSize(nodes: readonly Node[], types: NodeTypeResolver): number {
    const memo = new Map<Subgraph, number>();
    const sizeOf = (body: readonly Node[]): number => {
        let total = 0;
        for (const node of body) {
            const resolved = types.resolve(node);
            if (resolved?.kind !== 'subgraph') { total += 1; continue; }
            const known = memo.get(resolved.subgraph);
            if (known !== undefined) { total += known; continue; }
            memo.set(resolved.subgraph, Infinity); // in progress: a cycle counts as infinite
            const inner = sizeOf(bodyNodes(resolved.subgraph));
            memo.set(resolved.subgraph, inner);
            total += inner;
        }
        return total;
    };
    return sizeOf(nodes);
}

export function flattenWorkflow(document: LangiumDocument, workflowName: string | undefined, types: NodeTypeResolver): ExecGraph {
    const root = document.parseResult.value as Document;
    const workflows = root.elements.filter(isWorkflow);
    const workflow = workflowName === undefined ? workflows[0] : workflows.find(w => w.name === workflowName);
    if (!workflow) {
        const names = workflows.map(w => w.name).join(', ') || 'none';
        throw new FlattenError(workflowName === undefined
            ? `${document.uri.fsPath} defines no workflow.`
            : `${document.uri.fsPath} has no workflow '${workflowName}' (workflows: ${names}).`);
    }
    const uri = document.uri.toString();
    const out: ExecNode[] = [];

    const resolveRef = (ref: NodeRef, scope: Scope): Resolved => {
        const target = ref.target?.ref;
        if (isSubgraphInput(target)) return scope.inputs.get(target.name) ?? { kind: 'absent' };
        if (!isNode(target)) throw new FlattenError(`Unresolved reference '${ref.target?.$refText}'.`);
        const resolved = types.resolve(target);
        if (!resolved) throw new FlattenError(`Unknown node type '${target.type}'.`);
        const id = scope.prefix + scope.ids.get(target)!;
        if (resolved.kind === 'builtin') {
            return { kind: 'wire', node: id, output: ref.output ?? resolved.schema.outputs[0].name };
        }
        const outputs = resolved.subgraph.members.filter(isSubgraphOutput);
        const output = ref.output === undefined ? outputs[0] : outputs.find(o => o.name === ref.output);
        if (!output) throw new FlattenError(`Subgraph ${resolved.subgraph.name} has no output '${ref.output}'.`);
        return resolveRef(output.value, instanceScope(target, resolved.subgraph, scope, id));
    };

    const resolveValue = (value: Value, scope: Scope): Resolved => {
        if (isNodeRef(value)) return resolveRef(value, scope);
        const constant = constantValue(value);
        if (constant === undefined) throw new FlattenError('Lists of references are not supported.');
        return { kind: 'const', value: constant };
    };

    const instanceScope = (instance: Node, subgraph: Subgraph, outer: Scope, id: string): Scope => {
        const inputs = new Map<string, Resolved>();
        for (const member of subgraph.members.filter(isSubgraphInput)) {
            const arg = instance.args.find(a => a.name === member.name);
            if (arg?.value) inputs.set(member.name, resolveValue(arg.value, outer));
            else if (member.default) inputs.set(member.name, { kind: 'const', value: literalValue(member.default)! });
        }
        return { prefix: id + '/', ids: nodeIds(bodyNodes(subgraph)), inputs, site: outer.site ?? rangeOf(instance) };
    };

    const emit = (nodes: readonly Node[], scope: Scope): void => {
        for (const node of nodes) {
            const resolved = types.resolve(node);
            if (!resolved) throw new FlattenError(`Unknown node type '${node.type}'.`);
            const id = scope.prefix + scope.ids.get(node)!;
            if (resolved.kind === 'subgraph') {
                const inner = instanceScope(node, resolved.subgraph, scope, id);
                emit(bodyNodes(resolved.subgraph), inner);
                continue;
            }
            const params: Record<string, ParamValue> = {};
            const wires: Record<string, { node: string; output: string }> = {};
            for (const arg of node.args) {
                if (!arg.value) continue;
                const value = resolveValue(arg.value, scope);
                if (value.kind === 'const') params[arg.name] = value.value;
                else if (value.kind === 'wire') wires[arg.name] = { node: value.node, output: value.output };
            }
            for (const p of resolved.schema.params) {
                if (!(p.name in params) && !(p.name in wires) && p.default !== undefined) params[p.name] = p.default;
            }
            out.push({ id, type: node.type, isOutput: resolved.schema.isOutput === true, params, wires, uri, range: scope.site ?? rangeOf(node), label: id });
        }
    };

    const size = expandedSize(workflow.nodes, types);
    if (size > MAX_EXEC_NODES) {
        throw new FlattenError(`Workflow ${workflow.name} expands to ${size.toLocaleString('en-US')} nodes once its subgraphs are inlined, ` +
            `more than the ${MAX_EXEC_NODES.toLocaleString('en-US')} a run supports; a subgraph that uses another several times multiplies its size.`, 'workflow-too-large');
    }
    emit(workflow.nodes, { prefix: '', ids: nodeIds(workflow.nodes), inputs: new Map() });
    return { workflow: workflow.name, uri, engine: types.engineOf(workflow) ?? types.catalogService.defaultEngine, nodes: out };
}
