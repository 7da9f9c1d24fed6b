/**
 * References see the nodes (and, in a subgraph, the inputs) of their own workflow or
 * subgraph, and nothing else. One hashed scope per body instead of Langium's default
 * chain of streamed scopes keeps linking linear in the size of large workflows.
 */
import { AstUtils, DefaultScopeProvider, EMPTY_SCOPE, MapScope, type AstNode, type AstNodeDescription, type LangiumDocument, type ReferenceInfo, type Scope } from 'langium';
import { bodyReferables, enclosingBody } from './semantics/bodies.js';

export class FlowScopeProvider extends DefaultScopeProvider {
    private readonly bodyScopes = new WeakMap<AstNode, Scope>();

    override getScope(context: ReferenceInfo): Scope {
        const body = enclosingBody(context.container);
        if (!body) return EMPTY_SCOPE;
        let scope = this.bodyScopes.get(body);
        if (!scope) {
            const document = AstUtils.getDocument(body);
            scope = new MapScope(bodyReferables(body).map(m => this.lazyDescription(m, m.name!, document)));
            this.bodyScopes.set(body, scope);
        }
        return scope;
    }

    /**
     * Linking needs a description's node and name only; its path and source segments (range
     * computations, for every named node of the body on every edit) are made when first read.
     */
    private lazyDescription(node: AstNode, name: string, document: LangiumDocument): AstNodeDescription {
        let full: AstNodeDescription | undefined;
        const describe = (): AstNodeDescription => full ??= this.descriptions.createDescription(node, name, document);
        return {
            node, name, type: node.$type, documentUri: document.uri,
            get path() { return describe().path; },
            get nameSegment() { return describe().nameSegment; },
            get selectionSegment() { return describe().selectionSegment; },
        };
    }
}
