import type { FlowGraph } from '../../catalog/src/graph.js';
import { stringValue, writeString } from '../../catalog/src/string-literals.js';
import type { SetParamIntent } from './edit-intents.js';
import { setArgument } from './arguments.js';
import { EditError } from './edit-error.js';
import { formatValue } from './format.js';
import { argumentType, findBody, findNode, statementOf, type EditContext } from './graph-lookup.js';
import type { StatementShape } from './statement.js';
import type { LineIndex, TextEdit } from './text-edit.js';

/** Writes a literal into a widget parameter: replaces its value, or adds the argument. */
export function setParamEdits(index: LineIndex, graph: FlowGraph, intent: SetParamIntent, context: EditContext): TextEdit[] {
    const node = findNode(findBody(graph, intent.body), intent.nodeId);
    // Unknown node types cannot be checked; the language server reports them anyway.
    if (node.category !== 'unknown' && argumentType(graph, context, node, intent.param) === undefined) {
        throw new EditError(`node "${node.id}" (${node.type}) has no parameter "${intent.param}"`);
    }
    const shape = statementOf(index, node);
    const value = intent.value;
    if (typeof value !== 'string' || !value.includes('\n')) return setArgument(index, shape, intent.param, formatValue(value));
    const existing = shape.args.find(a => a.name === intent.param);
    const written = existing && index.text.slice(existing.valueStart, existing.valueEnd);
    // The same text written another way (another indentation, escapes) is left as the user wrote it.
    if (written?.startsWith('"') && stringValue(written) === value) return [];
    return setArgument(index, shape, intent.param, multilineString(index, shape, intent.param, value));
}

/** A value of several lines as a `"""` block, indented one level deeper than its argument's line, in the file's line breaks. */
function multilineString(index: LineIndex, shape: StatementShape, param: string, value: string): string {
    const at = shape.args.find(a => a.name === param)?.start ?? shape.args[shape.args.length - 1]?.start ?? shape.open.start;
    return writeString(value, `${index.indentation(index.lineOf(at))}    `).replace(/\n/g, index.eol);
}
