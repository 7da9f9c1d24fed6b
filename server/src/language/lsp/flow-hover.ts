/** Hover: node type docs, argument type/range/default, what a reference points at, doc comments. */
import type { LangiumDocument } from 'langium';
import type { HoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import { findArgument } from '../../../../catalog/src/index.js';
import { ENGINE_LABELS, isEngine } from '../../../../catalog/src/engines.js';
import { isArgument, isNode, isNodeRef, isStringLiteral, isSubgraph, isSubgraphInput, isSubgraphOutput, isWorkflow } from '../generated/ast.js';
import type { FlowServices } from '../flow-module.js';
import type { NodeTypeResolver } from '../semantics/node-types.js';
import { findDocComment } from '../semantics/node-types.js';
import { resolveReference } from '../semantics/references.js';
import { leafAt, leafProperty } from './cst-helpers.js';
import { inputMarkdown, nodeTypeMarkdown, outputMarkdown, paramMarkdown } from './node-docs.js';
import { stringHover } from './prompt-hover.js';

export class FlowHoverProvider implements HoverProvider {
    private readonly types: NodeTypeResolver;

    constructor(private readonly services: FlowServices) {
        this.types = services.semantics.NodeTypes;
    }

    getHoverContent(document: LangiumDocument, params: HoverParams): Hover | undefined {
        const leaf = leafAt(document, params.position);
        if (!leaf) return undefined;
        if (isStringLiteral(leaf.astNode) && isArgument(leaf.astNode.$container)) {
            return stringHover(document, leaf.astNode, leaf.astNode.$container, params.position, this.services);
        }
        const markdown = this.contentFor(leaf);
        return markdown ? { contents: { kind: 'markdown', value: markdown }, range: leaf.range } : undefined;
    }

    private contentFor(leaf: import('langium').LeafCstNode): string | undefined {
        const ast = leaf.astNode;
        const property = leafProperty(leaf);
        if (isNode(ast)) {
            const resolved = this.types.resolve(ast);
            if (!resolved) return undefined;
            const doc = nodeTypeMarkdown(resolved.schema, resolved.kind === 'subgraph');
            if (property === 'name') return `\`${ast.name}\` = ${resolved.schema.name}\n\n${doc}`;
            return property === 'type' ? doc : undefined;
        }
        if (isArgument(ast) && property === 'name') {
            const node = ast.$container;
            const resolved = this.types.resolve(node);
            const found = resolved && findArgument(resolved.schema, ast.name);
            if (!resolved || !found) return undefined;
            return found.kind === 'input' ? inputMarkdown(resolved.schema, found.spec) : paramMarkdown(resolved.schema, found.spec);
        }
        if (isNodeRef(ast)) {
            const target = resolveReference(ast, this.types);
            if (target.kind === 'subgraph-input') return `\`${target.input.name}\`: ${target.type} — input of subgraph ${target.input.$container.name}`;
            if (target.kind !== 'output') return undefined;
            const head = `\`${target.node.name}\` = ${target.schema.name}(...)`;
            return `${head}\n\n${outputMarkdown(target.schema, target.output)}`;
        }
        if (isWorkflow(ast) && property === 'engine' && ast.engine) return this.engineMarkdown(ast.engine);
        if ((isWorkflow(ast) || isSubgraph(ast)) && property === 'name') {
            const doc = findDocComment(ast);
            const engine = isWorkflow(ast) ? this.types.engineOf(ast) : undefined;
            const runs = engine ? ` — runs on ${engine}${ast.$type === 'Workflow' && ast.engine === undefined ? ' (the default engine)' : ''}` : '';
            return `**${ast.$type === 'Workflow' ? 'workflow' : 'subgraph'} ${ast.name}**${runs}${doc ? `\n\n${doc}` : ''}`;
        }
        if ((isSubgraphInput(ast) || isSubgraphOutput(ast)) && property === 'name') {
            return `**${ast.$type === 'SubgraphInput' ? 'input' : 'output'} ${ast.name}**: ${ast.type}`;
        }
        if ((isSubgraphInput(ast) || isSubgraphOutput(ast)) && property === 'type' && ast.type) {
            const about = this.types.catalog.describeType(ast.type) ?? this.types.catalogService.forEngine('comfyui').describeType(ast.type);
            return about ? `**${ast.type}** — ${about}` : undefined;
        }
        return undefined;
    }

    /** What an engine is, and for ComfyUI which node list the language checks against. */
    private engineMarkdown(engine: string): string | undefined {
        if (!isEngine(engine)) return undefined;
        const head = `**${engine}** — runs on ${ENGINE_LABELS[engine]}`;
        if (engine !== 'comfyui') return `${head} (TensorFlow.js): the built-in nodes and the workspace's node packs.`;
        const state = this.types.catalogService.comfyuiState;
        const list = state.pack
            ? `${state.pack.nodes.length} nodes from ${state.pack.label}`
            : `no node list loaded${state.problems.length ? ` (${state.problems.map(p => p.message).join('; ')})` : ''}`;
        return `${head}: its own nodes (${list}) and the built-ins that map to ComfyUI nodes.`;
    }
}
