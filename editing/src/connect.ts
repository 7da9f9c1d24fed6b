import type { FlowGraph } from '../../catalog/src/graph.js';
import { isAssignable } from '../../catalog/src/schema.js';
import type { ConnectIntent } from '../../webview/src/graph/contract.js';
import { setArgument } from './arguments.js';
import { EditError } from './edit-error.js';
import { baseNameForType, uniqueName } from './format.js';
import { argumentType, findBody, findNode, referenceText, statementOf, takenNames, type EditContext } from './graph-lookup.js';
import { edit, type LineIndex, type TextEdit } from './text-edit.js';

/**
 * Sets an input to a reference to another node's output. An anonymous source node gets a
 * name first (`name = ` before its type), since only named nodes can be referenced.
 */
export function connectEdits(index: LineIndex, graph: FlowGraph, intent: ConnectIntent, context: EditContext): TextEdit[] {
    const body = findBody(graph, intent.body);
    const from = findNode(body, intent.from.node);
    const to = findNode(body, intent.to.node);
    if (from.id === to.id) throw new EditError(`cannot connect node "${from.id}" to itself`);
    const output = from.outputs.find(o => o.name === intent.from.output);
    if (!output) throw new EditError(`node "${from.id}" has no output "${intent.from.output}"`);
    const inputType = argumentType(graph, context, to, intent.to.input);
    if (!inputType) throw new EditError(`node "${to.id}" (${to.type}) has no input "${intent.to.input}"`);
    if (!isAssignable(output.type, inputType)) {
        throw new EditError(`cannot connect ${from.id}.${output.name} (${output.type}) to ${to.id}.${intent.to.input} (${inputType})`);
    }
    const edits: TextEdit[] = [];
    let source = from;
    if (!from.name) {
        const name = uniqueName(baseNameForType(from.type), takenNames(body));
        const at = index.offsetAt(from.typeRange.start);
        edits.push(edit(index, at, at, `${name} = `));
        source = { ...from, name };
    }
    edits.push(...setArgument(index, statementOf(index, to), intent.to.input, referenceText(source, output.name)));
    return edits;
}
