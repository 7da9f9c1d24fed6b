import type { FlowGraph } from '../../catalog/src/graph.js';
import type { SetParamIntent } from './edit-intents.js';
import { setArgument } from './arguments.js';
import { EditError } from './edit-error.js';
import { formatValue } from './format.js';
import { argumentType, findBody, findNode, statementOf, type EditContext } from './graph-lookup.js';
import type { LineIndex, TextEdit } from './text-edit.js';

/** Writes a literal into a widget parameter: replaces its value, or adds the argument. */
export function setParamEdits(index: LineIndex, graph: FlowGraph, intent: SetParamIntent, context: EditContext): TextEdit[] {
    const node = findNode(findBody(graph, intent.body), intent.nodeId);
    // Unknown node types cannot be checked; the language server reports them anyway.
    if (node.category !== 'unknown' && argumentType(graph, context, node, intent.param) === undefined) {
        throw new EditError(`node "${node.id}" (${node.type}) has no parameter "${intent.param}"`);
    }
    return setArgument(index, statementOf(index, node), intent.param, formatValue(intent.value));
}
