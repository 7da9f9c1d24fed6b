import type { FlowGraph } from '../../catalog/src/graph.js';
import type { DisconnectIntent } from './edit-intents.js';
import { removeArguments } from './arguments.js';
import { findBody, findNode, statementOf } from './graph-lookup.js';
import type { LineIndex, TextEdit } from './text-edit.js';

/** Removes the argument (a wire, or a literal that then falls back to its default). */
export function disconnectEdits(index: LineIndex, graph: FlowGraph, intent: DisconnectIntent): TextEdit[] {
    const node = findNode(findBody(graph, intent.body), intent.nodeId);
    return removeArguments(index, statementOf(index, node), new Set([intent.input]));
}
