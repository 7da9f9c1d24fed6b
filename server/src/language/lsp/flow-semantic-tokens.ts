/** Semantic highlighting: node types as classes, names as variables, arguments as parameters. */
import type { AstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import { isArgument, isNode, isNodeRef, isSubgraph, isSubgraphInput, isSubgraphOutput, isWorkflow } from '../generated/ast.js';
import type { FlowServices } from '../flow-module.js';
import type { NodeTypeResolver } from '../semantics/node-types.js';

export class FlowSemanticTokenProvider extends AbstractSemanticTokenProvider {
    private readonly types: NodeTypeResolver;

    constructor(services: FlowServices) {
        super(services);
        this.types = services.semantics.NodeTypes;
    }

    protected highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        if (isNode(node)) {
            const resolved = this.types.resolve(node);
            acceptor({ node, property: 'type', type: resolved?.kind === 'subgraph' ? SemanticTokenTypes.type : SemanticTokenTypes.class, modifier: resolved?.kind === 'builtin' ? [SemanticTokenModifiers.defaultLibrary] : [] });
            if (node.name) acceptor({ node, property: 'name', type: SemanticTokenTypes.variable, modifier: [SemanticTokenModifiers.declaration] });
        } else if (isArgument(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.parameter });
        } else if (isNodeRef(node)) {
            acceptor({ node, property: 'target', type: SemanticTokenTypes.variable });
            if (node.output) acceptor({ node, property: 'output', type: SemanticTokenTypes.property });
        } else if (isWorkflow(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.function, modifier: [SemanticTokenModifiers.declaration] });
        } else if (isSubgraph(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.type, modifier: [SemanticTokenModifiers.declaration] });
        } else if (isSubgraphInput(node) || isSubgraphOutput(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.parameter, modifier: [SemanticTokenModifiers.declaration] });
            acceptor({ node, property: 'type', type: SemanticTokenTypes.type });
        }
    }
}
