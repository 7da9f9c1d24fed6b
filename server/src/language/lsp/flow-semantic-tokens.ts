/**
 * Semantic highlighting: node types as classes, names as variables, arguments as parameters;
 * inside prompts (`ParamSpec.prompt`), ComfyUI's weighting brackets and `:` as operators and
 * the weights as numbers.
 */
import { AstUtils, type AstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import { findArgument } from '../../../../catalog/src/index.js';
import { parsePrompt } from '../../../../catalog/src/prompt-text.js';
import { decodeString } from '../../../../catalog/src/string-literals.js';
import { isArgument, isNode, isNodeRef, isStringLiteral, isSubgraph, isSubgraphInput, isSubgraphOutput, isWorkflow, type Argument } from '../generated/ast.js';
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
            this.highlightPrompt(node, acceptor);
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

    private highlightPrompt(arg: Argument, acceptor: SemanticTokenAcceptor): void {
        const cst = arg.value?.$cstNode;
        if (!isStringLiteral(arg.value) || !cst) return;
        const schema = this.types.resolve(arg.$container)?.schema;
        const found = schema && findArgument(schema, arg.name);
        if (found?.kind !== 'param' || !found.spec.prompt) return;
        const { value, starts, ends } = decodeString(cst.text);
        if (!value.includes('(')) return;
        const text = AstUtils.getDocument(arg).textDocument;
        // [first, last] value characters as one token (single-line: brackets, a colon, a number).
        const mark = (first: number, last: number, type: string) => {
            const start = text.positionAt(cst.offset + starts[first]);
            const end = text.positionAt(cst.offset + ends[last]);
            if (start.line === end.line) acceptor({ line: start.line, char: start.character, length: end.character - start.character, type });
        };
        for (const group of parsePrompt(value).groups) {
            mark(group.start, group.start, SemanticTokenTypes.operator);
            mark(group.end - 1, group.end - 1, SemanticTokenTypes.operator);
            if (group.colon !== undefined) mark(group.colon, group.colon, SemanticTokenTypes.operator);
            if (group.weightStart !== undefined && group.weightEnd! > group.weightStart) mark(group.weightStart, group.weightEnd! - 1, SemanticTokenTypes.number);
        }
    }
}
