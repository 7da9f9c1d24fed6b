/** Finding bodies, nodes and their statements in a FlowGraph that matches the document text. */
import type { FlowGraph, GraphBody, GraphNode, SubgraphGraph, WorkflowGraph } from '../../catalog/src/graph.js';
import type { NodeSchema, PortType } from '../../catalog/src/schema.js';
import { EditError } from './edit-error.js';
import { analyzeStatement, type StatementShape } from './statement.js';
import type { LineIndex } from './text-edit.js';

export type Body = WorkflowGraph | SubgraphGraph;

export function findBody(graph: FlowGraph, name: string): Body {
    const body = graph.workflows.find(w => w.name === name) ?? graph.subgraphs.find(s => s.name === name);
    if (!body) throw new EditError(`no workflow or subgraph named "${name}" in ${graph.uri}`);
    return body;
}

export function findNode(body: GraphBody, id: string): GraphNode {
    const node = body.nodes.find(n => n.id === id);
    if (!node) throw new EditError(`no node "${id}" in ${body.name}`);
    return node;
}

export function statementOf(index: LineIndex, node: GraphNode): StatementShape {
    const label = `"${node.id}" (line ${node.range.start.line + 1})`;
    return analyzeStatement(index.text, index.offsetAt(node.range.start), index.offsetAt(node.range.end), label);
}

/** Every name a new node must not take in this body: node names and subgraph inputs. */
export function takenNames(body: Body): Set<string> {
    const names = new Set<string>();
    for (const n of body.nodes) if (n.name) names.add(n.name);
    if (body.kind === 'subgraph') for (const i of body.inputs) names.add(i.name);
    return names;
}

/**
 * How to refer to a node's output: `node` for its first output (the language's shorthand),
 * `node.output` otherwise.
 */
export function referenceText(node: GraphNode, output: string): string {
    if (!node.name) throw new EditError(`node "${node.id}" has no name, so it cannot be referenced`);
    if (!node.outputs.some(o => o.name === output)) {
        throw new EditError(`node "${node.id}" has no output "${output}" (outputs: ${node.outputs.map(o => o.name).join(', ') || 'none'})`);
    }
    return node.outputs[0]?.name === output ? node.name : `${node.name}.${output}`;
}

/** What edits need besides the document's own graph. */
export interface EditContext {
    /** The node catalog (`NODE_SCHEMAS`). */
    catalog: readonly NodeSchema[];
    /** Subgraphs usable as node types that are defined in other files (imports). */
    subgraphs?: readonly SubgraphGraph[];
}

export function findSubgraph(graph: FlowGraph, context: EditContext, name: string): SubgraphGraph | undefined {
    return graph.subgraphs.find(s => s.name === name) ?? context.subgraphs?.find(s => s.name === name);
}

/**
 * The type of a node's argument (wired input or widget parameter), from the catalog or the
 * subgraph definition; undefined when the node type has no such argument.
 */
export function argumentType(graph: FlowGraph, context: EditContext, node: GraphNode, name: string): PortType | 'LIST' | undefined {
    const schema = context.catalog.find(s => s.name === node.type);
    if (schema) return schema.inputs.find(i => i.name === name)?.type ?? schema.params.find(p => p.name === name)?.type;
    const subgraph = findSubgraph(graph, context, node.subgraph?.name ?? node.type);
    if (subgraph) return subgraph.inputs.find(i => i.name === name)?.type;
    const port = node.inputs.find(i => i.name === name);
    if (port) return port.type;
    const arg = node.args[name];
    return arg && arg.kind !== 'literal' ? arg.type : undefined;
}
