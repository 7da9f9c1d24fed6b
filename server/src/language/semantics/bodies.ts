/** The members of a workflow or subgraph body that checks, scopes, completion and the graph builder all walk. */
import { AstUtils, type AstNode } from 'langium';
import { isNode, isSubgraph, isSubgraphInput, isWorkflow, type Node, type Subgraph, type SubgraphInput, type Workflow } from '../generated/ast.js';

export function bodyNodes(body: Workflow | Subgraph): Node[] {
    return isSubgraph(body) ? body.members.filter(isNode) : body.nodes;
}

/** The workflow or subgraph that contains a node of the AST. */
export function enclosingBody(node: AstNode): Workflow | Subgraph | undefined {
    return AstUtils.getContainerOfType(node, (n): n is Workflow | Subgraph => isWorkflow(n) || isSubgraph(n));
}

/** What a reference inside a body can point at: its named nodes and, in a subgraph, its inputs. */
export function bodyReferables(body: Workflow | Subgraph): Array<Node | SubgraphInput> {
    const members: Array<Node | SubgraphInput> = isSubgraph(body) ? body.members.filter((m): m is Node | SubgraphInput => isNode(m) || isSubgraphInput(m)) : body.nodes;
    return members.filter(m => !!m.name);
}
