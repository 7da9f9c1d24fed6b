/** Small CST lookups shared by the LSP features. */
import { AstUtils, CstUtils, type LangiumDocument, type LeafCstNode, type GrammarAST } from 'langium';
import type { Position } from 'vscode-languageserver';

/** The grammar property (e.g. 'type', 'name', 'output') a leaf token was parsed into. */
export function leafProperty(leaf: LeafCstNode): string | undefined {
    // Tokens of a data type rule (e.g. `Name`) belong to the rule's CST node, which the assignment owns.
    const node = CstUtils.getDatatypeNode(leaf) ?? leaf;
    return node.grammarSource
        ? AstUtils.getContainerOfType(node.grammarSource, (n): n is GrammarAST.Assignment => n.$type === 'Assignment')?.feature
        : undefined;
}

export function leafAt(document: LangiumDocument, position: Position): LeafCstNode | undefined {
    const root = document.parseResult.value.$cstNode;
    if (!root) return undefined;
    const leaf = CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(position));
    return leaf && !leaf.hidden ? leaf : undefined;
}
