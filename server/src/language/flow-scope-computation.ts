/**
 * Langium collects every named node of a document as a "local symbol" before linking, for its
 * default scope provider. FlowScopeProvider never reads them (it keeps one hashed scope per
 * body), so collecting them was pure cost: a description, a path and a document segment per
 * node, a tenth of an edit's time on a 10,000-node file. Exported symbols (workflows and
 * subgraphs, for imports) are still computed by Langium.
 */
import { DefaultScopeComputation, MultiMap, type AstNode, type AstNodeDescription, type LangiumDocument, type LocalSymbols } from 'langium';

export class FlowScopeComputation extends DefaultScopeComputation {
    override async collectLocalSymbols(_document: LangiumDocument): Promise<LocalSymbols> {
        return new MultiMap<AstNode, AstNodeDescription>();
    }
}
