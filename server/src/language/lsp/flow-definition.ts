/** Go to definition: Langium's cross-references, plus node types (subgraphs), outputs and imports. */
import { AstUtils, GrammarUtils, type LangiumDocument } from 'langium';
import { DefaultDefinitionProvider } from 'langium/lsp';
import type { DefinitionParams, LocationLink } from 'vscode-languageserver';
import { isImport, isNode, isNodeRef, isSubgraphOutput } from '../generated/ast.js';
import type { FlowServices } from '../flow-module.js';
import type { NodeTypeResolver } from '../semantics/node-types.js';
import { resolveImportUri } from '../semantics/node-types.js';
import { leafAt, leafProperty } from './cst-helpers.js';

export class FlowDefinitionProvider extends DefaultDefinitionProvider {
    private readonly types: NodeTypeResolver;

    constructor(services: FlowServices) {
        super(services);
        this.types = services.semantics.NodeTypes;
    }

    override getDefinition(document: LangiumDocument, params: DefinitionParams): Promise<LocationLink[] | undefined> | LocationLink[] | undefined {
        const leaf = leafAt(document, params.position);
        if (!leaf) return undefined;
        const ast = leaf.astNode;
        const property = leafProperty(leaf);
        if (isNode(ast) && property === 'type') {
            const resolved = this.types.resolve(ast);
            if (resolved?.kind === 'subgraph') return [this.link(leaf.range, resolved.subgraph)];
            return undefined;
        }
        if (isNodeRef(ast) && property === 'output') {
            const target = ast.target?.ref;
            if (!isNode(target)) return undefined;
            const resolved = this.types.resolve(target);
            if (resolved?.kind === 'subgraph') {
                const out = resolved.subgraph.members.filter(isSubgraphOutput).find(o => o.name === ast.output);
                if (out) return [this.link(leaf.range, out)];
            }
            return [this.link(leaf.range, target)];
        }
        if (isImport(ast)) {
            const uri = resolveImportUri(document.uri, ast.path);
            if (!uri) return undefined;
            const start = { line: 0, character: 0 };
            return [{ originSelectionRange: leaf.range, targetUri: uri.toString(), targetRange: { start, end: start }, targetSelectionRange: { start, end: start } }];
        }
        return super.getDefinition(document, params);
    }

    private link(origin: import('vscode-languageserver').Range, target: import('langium').AstNode): LocationLink {
        const doc = AstUtils.getDocument(target);
        const nameNode = GrammarUtils.findNodeForProperty(target.$cstNode, 'name') ?? target.$cstNode!;
        return { originSelectionRange: origin, targetUri: doc.uri.toString(), targetRange: target.$cstNode!.range, targetSelectionRange: nameNode.range };
    }
}
