/**
 * Builds the resolved graph (catalog/src/graph.ts) from a validated document: what
 * `flowstudio graph --json` prints, what the graph view draws and what `flatten`
 * turns into an executable graph.
 */
import { AstUtils, GrammarUtils, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import { findArgument } from '../../../../catalog/src/index.js';
import type { ArgSource, ExecGraph, FlowGraph, GraphDiagnostic, GraphEdge, GraphNode, SourceRange, SubgraphGraph, WorkflowGraph } from '../../../../catalog/src/graph.js';
import { isNode, isNodeRef, isSubgraph, isSubgraphInput, isSubgraphOutput, isWorkflow, type Document, type Node, type Subgraph, type Workflow } from '../generated/ast.js';
import type { FlowServices } from '../flow-module.js';
import { findDocComment, resolveImportUri, type NodeTypeResolver } from '../semantics/node-types.js';
import { resolveReference } from '../semantics/references.js';
import { constantValue, literalValue } from '../semantics/values.js';
import { bodyNodes } from '../semantics/bodies.js';
import { flattenWorkflow } from './flatten.js';

const EMPTY: SourceRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function rangeOf(node: { $cstNode?: { range: SourceRange } } | undefined): SourceRange {
    return node?.$cstNode?.range ?? EMPTY;
}

/** Ids of a body's nodes: the written name, or `Type#n` counting anonymous nodes of a type. */
export function nodeIds(nodes: readonly Node[]): Map<Node, string> {
    const ids = new Map<Node, string>();
    const counters = new Map<string, number>();
    for (const node of nodes) {
        if (node.name) {
            ids.set(node, node.name);
        } else {
            const n = (counters.get(node.type) ?? 0) + 1;
            counters.set(node.type, n);
            ids.set(node, `${node.type}#${n}`);
        }
    }
    return ids;
}

export class FlowGraphBuilder {
    private readonly types: NodeTypeResolver;

    constructor(private readonly services: FlowServices) {
        this.types = services.semantics.NodeTypes;
    }

    build(document: LangiumDocument): FlowGraph {
        const root = document.parseResult.value as Document;
        const uri = document.uri.toString();
        return {
            version: 1,
            uri,
            workflows: root.elements.filter(isWorkflow).map(w => ({
                kind: 'workflow' as const, ...this.body(w),
                engine: this.types.engineOf(w) ?? this.types.catalogService.defaultEngine,
                ...(w.engine !== undefined ? { engineWritten: true } : {}),
            })),
            subgraphs: root.elements.filter(isSubgraph).map(s => this.subgraph(s)),
            diagnostics: this.diagnostics(document),
        };
    }

    flatten(document: LangiumDocument, workflow?: string): ExecGraph {
        return flattenWorkflow(document, workflow, this.types);
    }

    private body(body: Workflow | Subgraph): Omit<WorkflowGraph, 'kind' | 'engine'> {
        const nodes = bodyNodes(body);
        const ids = nodeIds(nodes);
        const graphNodes: GraphNode[] = [];
        const edges: GraphEdge[] = [];
        for (const node of nodes) {
            const graphNode = this.node(node, ids);
            graphNodes.push(graphNode);
            for (const [input, source] of Object.entries(graphNode.args)) {
                if (source.kind === 'wire') edges.push({ from: { node: source.node, output: source.output }, to: { node: graphNode.id, input }, type: source.type });
            }
        }
        const doc = findDocComment(body);
        return { name: body.name, range: rangeOf(body), ...(doc ? { doc } : {}), nodes: graphNodes, edges };
    }

    private subgraph(subgraph: Subgraph): SubgraphGraph {
        const ids = nodeIds(bodyNodes(subgraph));
        return {
            kind: 'subgraph',
            ...this.body(subgraph),
            inputs: subgraph.members.filter(isSubgraphInput).filter(i => this.types.isPortType(i.type)).map(i => {
                const def = i.default ? literalValue(i.default) : undefined;
                return { name: i.name, type: i.type as never, ...(def !== undefined ? { default: def } : {}), range: rangeOf(i) };
            }),
            outputs: subgraph.members.filter(isSubgraphOutput).filter(o => this.types.isPortType(o.type)).map(o => {
                const target = o.value?.target?.ref;
                const source = isNode(target) ? { node: ids.get(target)!, output: o.value.output ?? this.types.resolve(target)?.schema.outputs[0]?.name ?? '' }
                    : isSubgraphInput(target) ? { input: target.name } : undefined;
                return { name: o.name, type: o.type as never, ...(source ? { source } : {}), range: rangeOf(o) };
            }),
        };
    }

    private node(node: Node, ids: Map<Node, string>): GraphNode {
        const resolved = this.types.resolve(node);
        const schema = resolved?.schema;
        const args: Record<string, ArgSource> = {};
        const argRanges: Record<string, SourceRange> = {};
        for (const arg of node.args) {
            argRanges[arg.name] = rangeOf(arg);
            if (!schema || !arg.value) continue;
            if (!findArgument(schema, arg.name)) continue;
            if (isNodeRef(arg.value)) {
                const target = resolveReference(arg.value, this.types);
                if (target.kind === 'output') args[arg.name] = { kind: 'wire', node: ids.get(target.node) ?? target.node.name ?? '', output: target.output.name, type: target.type };
                else if (target.kind === 'subgraph-input') args[arg.name] = { kind: 'subgraph-input', input: target.input.name, type: target.type };
                continue;
            }
            const value = constantValue(arg.value);
            if (value !== undefined) args[arg.name] = { kind: 'literal', value };
        }
        for (const p of schema?.params ?? []) {
            if (!(p.name in args) && !(p.name in argRanges) && p.default !== undefined) args[p.name] = { kind: 'literal', value: p.default, defaulted: true };
        }
        const category = resolved?.kind === 'subgraph' ? 'subgraph' : schema?.category ?? 'unknown';
        const nameNode = node.$cstNode && node.name ? this.services.references.NameProvider.getNameNode(node) : undefined;
        const typeNode = findPropertyRange(node, 'type');
        return {
            id: ids.get(node)!,
            ...(node.name ? { name: node.name } : {}),
            type: node.type,
            category,
            isOutput: schema?.isOutput === true,
            range: rangeOf(node),
            ...(nameNode ? { nameRange: nameNode.range } : {}),
            typeRange: typeNode ?? rangeOf(node),
            inputs: (schema?.inputs ?? []).map(i => ({ name: i.name, type: i.type, required: !i.optional })),
            outputs: (schema?.outputs ?? []).map(o => ({ name: o.name, type: o.type })),
            args,
            argRanges,
            ...(resolved?.kind === 'subgraph' ? { subgraph: { name: resolved.subgraph.name, uri: AstUtils.getDocument(resolved.subgraph).uri.toString() } } : {}),
        };
    }

    private diagnostics(document: LangiumDocument): GraphDiagnostic[] {
        const uri = document.uri.toString();
        const own = (document.diagnostics ?? []).map(d => toGraphDiagnostic(d, uri));
        const root = document.parseResult.value as Document;
        for (const imp of root.imports) {
            const target = resolveImportUri(document.uri, imp.path);
            const imported = target && this.services.shared.workspace.LangiumDocuments.getDocument(target);
            const errors = (imported?.diagnostics ?? []).filter(d => d.severity === 1);
            if (errors.length) {
                const first = errors[0];
                own.push({
                    severity: 'error', uri, range: rangeOf(imp), code: typeof first.code === 'string' ? first.code : undefined,
                    message: `${errors.length} error(s) in imported file '${imp.path}', first at line ${first.range.start.line + 1}: ${first.message}`,
                });
            }
        }
        return own;
    }
}

function findPropertyRange(node: Node, property: 'type'): SourceRange | undefined {
    return GrammarUtils.findNodeForProperty(node.$cstNode, property)?.range;
}

export function toGraphDiagnostic(d: Diagnostic, uri: string): GraphDiagnostic {
    const severity = d.severity === 2 ? 'warning' : d.severity === 3 ? 'info' : d.severity === 4 ? 'hint' : 'error';
    return { severity, message: d.message, ...(typeof d.code === 'string' ? { code: d.code } : {}), uri, range: d.range };
}

