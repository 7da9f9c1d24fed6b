/** Outline: workflows and subgraphs with their nodes; anonymous output nodes shown by type. */
import type { LangiumDocument } from 'langium';
import type { DocumentSymbolProvider } from 'langium/lsp';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { isNode, isSubgraphInput, isSubgraphOutput, type Document, type Node } from '../generated/ast.js';
import type { FlowServices } from '../flow-module.js';
import { GrammarUtils } from 'langium';

export class FlowDocumentSymbolProvider implements DocumentSymbolProvider {
    constructor(_services: FlowServices) {}

    getSymbols(document: LangiumDocument): DocumentSymbol[] {
        const root = document.parseResult.value as Document;
        const symbols: DocumentSymbol[] = [];
        for (const element of root.elements) {
            if (!element.$cstNode || !element.name) continue;
            const members = element.$type === 'Workflow' ? element.nodes : element.members;
            const children = members.map(m => this.member(m)).filter((s): s is DocumentSymbol => !!s);
            symbols.push({
                name: element.name,
                detail: element.$type === 'Workflow' ? 'workflow' : 'subgraph',
                kind: element.$type === 'Workflow' ? SymbolKind.Function : SymbolKind.Class,
                range: element.$cstNode.range,
                selectionRange: GrammarUtils.findNodeForProperty(element.$cstNode, 'name')?.range ?? element.$cstNode.range,
                children,
            });
        }
        return symbols;
    }

    private member(member: Node | import('../generated/ast.js').SubgraphInput | import('../generated/ast.js').SubgraphOutput): DocumentSymbol | undefined {
        const cst = member.$cstNode;
        if (!cst) return undefined;
        if (isNode(member)) {
            const sel = GrammarUtils.findNodeForProperty(cst, member.name ? 'name' : 'type') ?? cst;
            return { name: member.name ?? member.type, detail: member.type, kind: member.name ? SymbolKind.Variable : SymbolKind.Event, range: cst.range, selectionRange: sel.range };
        }
        if (isSubgraphInput(member) || isSubgraphOutput(member)) {
            const sel = GrammarUtils.findNodeForProperty(cst, 'name') ?? cst;
            return { name: member.name, detail: `${member.$type === 'SubgraphInput' ? 'input' : 'output'}: ${member.type}`, kind: SymbolKind.Field, range: cst.range, selectionRange: sel.range };
        }
        return undefined;
    }
}
