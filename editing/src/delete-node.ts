import type { FlowGraph, GraphNode } from '../../catalog/src/graph.js';
import type { DeleteNodeIntent } from './edit-intents.js';
import { removeArguments } from './arguments.js';
import { findBody, findNode, statementOf } from './graph-lookup.js';
import { tokenize } from './tokens.js';
import { edit, type LineIndex, type TextEdit } from './text-edit.js';

/**
 * Deletes a node's statement and, like deleting a node in ComfyUI, every wire from it: the
 * arguments of other nodes that reference it are removed (a required input then shows a
 * `missing-input` diagnostic instead of an `undefined-reference`). A subgraph `output` that
 * refers to the node is left alone (it cannot exist without a value) and shows an error.
 * Comments above the statement stay: they may describe more than this node.
 */
export function deleteNodeEdits(index: LineIndex, graph: FlowGraph, intent: DeleteNodeIntent): TextEdit[] {
    const body = findBody(graph, intent.body);
    const node = findNode(body, intent.nodeId);
    const edits: TextEdit[] = [removeStatement(index, node)];
    for (const other of body.nodes) {
        if (other.id === node.id) continue;
        const wired = new Set(Object.entries(other.args)
            .filter(([, source]) => source.kind === 'wire' && source.node === node.id)
            .map(([name]) => name));
        for (const e of body.edges) if (e.from.node === node.id && e.to.node === other.id) wired.add(e.to.input);
        if (wired.size) edits.push(...removeArguments(index, statementOf(index, other), wired));
    }
    return edits;
}

function removeStatement(index: LineIndex, node: GraphNode): TextEdit {
    const shape = statementOf(index, node);
    const text = index.text;
    const start = index.offsetAt(node.range.start);
    const end = shape.close.end;
    const firstLine = index.lineOf(start), lastLine = index.lineOf(end);
    const before = text.slice(index.lineStart(firstLine), start);
    const rest = tokenize(text, end, index.lineEnd(lastLine));
    if (/^\s*$/.test(before) && rest.every(t => t.kind === 'comment')) {
        return edit(index, index.lineStart(firstLine), index.nextLineStart(lastLine), '');
    }
    // Shares a line with something else: remove the statement and the spaces after it.
    let to = end;
    while (to < text.length && (text[to] === ' ' || text[to] === '\t')) to++;
    return edit(index, start, to, '');
}
