import type { FlowGraph, GraphNode, SubgraphGraph } from '../../catalog/src/graph.js';
import { isAssignable, type PortType } from '../../catalog/src/schema.js';
import { SUBGRAPH_INPUTS_NODE, SUBGRAPH_OUTPUTS_NODE, type ConnectIntent } from './edit-intents.js';
import { setArgument } from './arguments.js';
import { EditError } from './edit-error.js';
import { baseNameForType, uniqueName } from './format.js';
import { argumentType, findBody, findNode, referenceText, statementOf, takenNames, type EditContext } from './graph-lookup.js';
import { edit, type LineIndex, type TextEdit } from './text-edit.js';
import { significant, tokenize } from './tokens.js';

/**
 * Sets an input to a reference to another node's output. An anonymous source node gets a
 * name first (`name = ` before its type), since only named nodes can be referenced. In a
 * subgraph, the source may be one of its inputs (`#inputs`) and the target one of its
 * outputs (`#outputs`: the value of the `output` declaration is replaced).
 */
export function connectEdits(index: LineIndex, graph: FlowGraph, intent: ConnectIntent, context: EditContext): TextEdit[] {
    const body = findBody(graph, intent.body);
    if (intent.from.node === intent.to.node) throw new EditError(`cannot connect node "${intent.from.node}" to itself`);
    const edits: TextEdit[] = [];
    // The source: a node's output, or (inside a subgraph) one of the subgraph's inputs.
    let fromType: PortType;
    let reference: () => string;
    if (intent.from.node === SUBGRAPH_INPUTS_NODE) {
        const input = body.kind === 'subgraph' ? body.inputs.find(i => i.name === intent.from.output) : undefined;
        if (!input) throw new EditError(`${body.name} has no subgraph input "${intent.from.output}"`);
        fromType = input.type;
        reference = () => input.name;
    } else {
        let from: GraphNode = findNode(body, intent.from.node);
        const output = from.outputs.find(o => o.name === intent.from.output);
        if (!output) throw new EditError(`node "${from.id}" has no output "${intent.from.output}"`);
        fromType = output.type;
        if (!from.name) {
            const name = uniqueName(baseNameForType(from.type), takenNames(body));
            const at = index.offsetAt(from.typeRange.start);
            edits.push(edit(index, at, at, `${name} = `));
            from = { ...from, name };
        }
        const source = from;
        reference = () => referenceText(source, output.name);
    }
    const label = `${intent.from.node}.${intent.from.output} (${fromType})`;
    if (intent.to.node === SUBGRAPH_OUTPUTS_NODE) {
        if (body.kind !== 'subgraph') throw new EditError(`${body.name} is not a subgraph: it has no outputs`);
        return [...edits, setSubgraphOutput(index, body, intent.to.input, fromType, label, reference())];
    }
    const to = findNode(body, intent.to.node);
    const inputType = argumentType(graph, context, to, intent.to.input);
    if (!inputType) throw new EditError(`node "${to.id}" (${to.type}) has no input "${intent.to.input}"`);
    if (!isAssignable(fromType, inputType)) throw new EditError(`cannot connect ${label} to ${to.id}.${intent.to.input} (${inputType})`);
    edits.push(...setArgument(index, statementOf(index, to), intent.to.input, reference()));
    return edits;
}

/** Rewrites the value of `output name: TYPE = value` in a subgraph. */
function setSubgraphOutput(index: LineIndex, body: SubgraphGraph, name: string, fromType: PortType, label: string, reference: string): TextEdit {
    const output = body.outputs.find(o => o.name === name);
    if (!output) throw new EditError(`${body.name} has no output "${name}"`);
    if (!isAssignable(fromType, output.type)) throw new EditError(`cannot connect ${label} to output ${name} (${output.type})`);
    const tokens = significant(tokenize(index.text, index.offsetAt(output.range.start), index.offsetAt(output.range.end)));
    const eq = tokens.findIndex(t => t.text === '=');
    const value = tokens.slice(eq + 1);
    if (eq < 0 || !value.length) throw new EditError(`cannot read the output "${name}" of ${body.name} at line ${output.range.start.line + 1}`);
    return edit(index, value[0].start, value[value.length - 1].end, reference);
}
