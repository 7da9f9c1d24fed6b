/**
 * Langium's linker, walking the AST with plain loops (semantics/ast-walk.ts) instead of a stream
 * per node and per node's references; it still yields to cancellation, every few dozen nodes
 * rather than at each one (a check is a promise: thousands per edit).
 */
import { DefaultLinker, interruptAndCheck, type LangiumDocument } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { allAstNodes, forEachReference } from './semantics/ast-walk.js';

/** Nodes between two cancellation checks: well under a millisecond of work. */
export const NODES_PER_CANCEL_CHECK = 64;

export class FlowLinker extends DefaultLinker {
    override async link(document: LangiumDocument, cancelToken: CancellationToken = CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('linking')) return super.link(document, cancelToken);
        const nodes = allAstNodes(document.parseResult.value);
        for (let i = 0; i < nodes.length; i++) {
            if (i % NODES_PER_CANCEL_CHECK === 0) await interruptAndCheck(cancelToken);
            forEachReference(nodes[i], ref => this.doLink(ref, document));
        }
    }
}
