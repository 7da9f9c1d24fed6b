import type { FlowGraph, SubgraphGraph } from '../../catalog/src/graph.js';
import { isRequiredParam, startingValue } from '../../catalog/src/index.js';
import { isAssignable, type NodeSchema, type ParamSpec, type ParamValue, type PortType } from '../../catalog/src/schema.js';
import type { AddNodeIntent } from './edit-intents.js';
import { EditError } from './edit-error.js';
import { baseNameForType, formatValue, uniqueName } from './format.js';
import { findBody, findNode, findSubgraph, referenceText, takenNames, type EditContext } from './graph-lookup.js';
import { tokenize } from './tokens.js';
import { edit, type LineIndex, type TextEdit } from './text-edit.js';

/** A required argument of the new node: its name, type, and a value to write (none for wires). */
interface RequiredArg { name: string; type: PortType | 'LIST'; value?: ParamValue }

/**
 * Appends `name = Type(required: values)` as the body's last statement, indented like its
 * other statements. Output nodes stay anonymous, as the examples write them. Required
 * widget parameters get a valid starting value; required wired inputs are left out (the
 * node shows `missing-input` until connected), except one wired from `connectFrom`.
 */
export function addNodeEdits(index: LineIndex, graph: FlowGraph, intent: AddNodeIntent, context: EditContext): TextEdit[] {
    const body = findBody(graph, intent.body);
    const schema = context.catalog.find(s => s.name === intent.nodeType);
    const subgraph = schema ? undefined : findSubgraph(graph, context, intent.nodeType);
    if (!schema && !subgraph) throw new EditError(`unknown node type "${intent.nodeType}"`);
    if (subgraph && body.kind === 'subgraph' && subgraph.name === body.name) {
        throw new EditError(`subgraph ${body.name} cannot contain itself`);
    }
    const required = schema ? requiredOfSchema(schema) : requiredOfSubgraph(subgraph!);
    const outputs = schema ? schema.outputs : subgraph!.outputs;
    const args: string[] = [];
    let wired: string | undefined;
    if (intent.connectFrom) {
        const from = findNode(body, intent.connectFrom.node);
        const out = from.outputs.find(o => o.name === intent.connectFrom!.output);
        if (!out) throw new EditError(`node "${from.id}" has no output "${intent.connectFrom.output}"`);
        const target = schema
            ? [...schema.inputs.map(i => ({ name: i.name, type: i.type as PortType | 'LIST' })), ...schema.params]
            : subgraph!.inputs;
        const fit = target.find(t => isAssignable(out.type, t.type));
        if (!fit) throw new EditError(`${intent.nodeType} has no input accepting ${out.type}`);
        wired = fit.name;
        args.push(`${fit.name}: ${referenceText(from, out.name)}`);
    }
    for (const r of required) if (r.name !== wired && r.value !== undefined) args.push(`${r.name}: ${formatValue(r.value)}`);

    const isOutput = schema ? Boolean(schema.isOutput) : outputs.length === 0;
    const name = isOutput ? undefined : uniqueName(baseNameForType(intent.nodeType), takenNames(body));
    const statement = `${name ? `${name} = ` : ''}${intent.nodeType}(${args.join(', ')})`;
    return [insertBeforeClosingBrace(index, body.range, body.nodes.map(n => n.range.start.line), statement)];
}

function insertBeforeClosingBrace(index: LineIndex, range: FlowGraph['workflows'][number]['range'], nodeLines: number[], statement: string): TextEdit {
    const start = index.offsetAt(range.start), end = index.offsetAt(range.end);
    const closing = tokenize(index.text, start, end).filter(t => t.text === '}').pop();
    if (!closing) throw new EditError(`cannot find the closing brace of the body at line ${range.start.line + 1}`);
    const lastNodeLine = nodeLines.length ? Math.max(...nodeLines) : undefined;
    const indent = lastNodeLine !== undefined ? index.indentation(lastNodeLine) : index.indentation(range.start.line) + '    ';
    const braceLine = index.lineOf(closing.start);
    if (/^\s*$/.test(index.text.slice(index.lineStart(braceLine), closing.start))) {
        const at = index.lineStart(braceLine);
        return edit(index, at, at, `${indent}${statement}${index.eol}`);
    }
    return edit(index, closing.start, closing.start, `${index.eol}${indent}${statement}${index.eol}`);
}

function requiredOfSchema(schema: NodeSchema): RequiredArg[] {
    return [
        ...schema.inputs.filter(i => !i.optional).map(i => ({ name: i.name, type: i.type })),
        ...schema.params.filter(isRequiredParam).map(p => ({ name: p.name, type: p.type, value: startingValue(p) })),
    ];
}

function requiredOfSubgraph(subgraph: SubgraphGraph): RequiredArg[] {
    return subgraph.inputs.filter(i => i.default === undefined).map(i => ({
        name: i.name,
        type: i.type,
        value: startingValue({ type: i.type as ParamSpec['type'] }),
    }));
}

