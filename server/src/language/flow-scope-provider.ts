/**
 * References see the nodes (and, in a subgraph, the inputs) of their own workflow or
 * subgraph, and nothing else. One hashed scope per body instead of Langium's default
 * chain of streamed scopes keeps linking linear in the size of large workflows.
 */
import { AstUtils, DefaultScopeProvider, EMPTY_SCOPE, MapScope, type AstNode, type AstNodeDescription, type ReferenceInfo, type Scope } from 'langium';
import { isNode, isSubgraph, isSubgraphInput, isWorkflow, type Subgraph, type Workflow } from './generated/ast.js';

export class FlowScopeProvider extends DefaultScopeProvider {
    private readonly bodyScopes = new WeakMap<AstNode, Scope>();

    override getScope(context: ReferenceInfo): Scope {
        const body = AstUtils.getContainerOfType(context.container, (n): n is Workflow | Subgraph => isWorkflow(n) || isSubgraph(n));
        if (!body) return EMPTY_SCOPE;
        let scope = this.bodyScopes.get(body);
        if (!scope) {
            const document = AstUtils.getDocument(body);
            const descriptions: AstNodeDescription[] = [];
            const members: AstNode[] = isWorkflow(body) ? body.nodes : body.members;
            for (const member of members) {
                if ((isNode(member) || isSubgraphInput(member)) && member.name) {
                    descriptions.push(this.descriptions.createDescription(member, member.name, document));
                }
            }
            scope = new MapScope(descriptions);
            this.bodyScopes.set(body, scope);
        }
        return scope;
    }
}
