/**
 * Which graph node a text position falls in, for the text -> graph highlight. Pure (no
 * `vscode`), so unit tests can use it.
 */
import type { FlowGraph, SourcePosition, SourceRange } from '../../../catalog/src/graph.js';

export interface NodeLocation {
    /** The workflow or subgraph the position is in. */
    body: string;
    /** The node whose statement contains the position (absent between statements). */
    nodeId?: string;
}

export function contains(range: SourceRange, p: SourcePosition): boolean {
    const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
    const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
    return afterStart && beforeEnd;
}

export function nodeAt(graph: FlowGraph, position: SourcePosition): NodeLocation | undefined {
    for (const body of [...graph.workflows, ...graph.subgraphs]) {
        if (!contains(body.range, position)) continue;
        const node = body.nodes.find(n => contains(n.range, position));
        return { body: body.name, ...(node ? { nodeId: node.id } : {}) };
    }
    return undefined;
}
