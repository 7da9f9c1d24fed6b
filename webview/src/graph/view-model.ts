/**
 * What the view draws, derived from one body of the FlowGraph and the catalog: ports,
 * widget rows, diagnostics and reserved areas per node, and the wires between ports.
 * Pure data (no DOM), so it is cheap for 500 nodes and testable on its own.
 */
import type { FlowGraph, GraphDiagnostic, GraphNode, SourceRange, SubgraphGraph } from '../../../catalog/src/graph.js';
import type { Category, NodeSchema, ParamSpec, ParamValue, PortType } from '../../../catalog/src/schema.js';
import type { CatalogJson } from '../../../catalog/src/catalog.js';
import { SUBGRAPH_INPUTS_NODE, SUBGRAPH_OUTPUTS_NODE } from './contract.js';
import { NODE_WIDTH, THUMB_HEIGHT, rowCenter, rowsHeight } from './geometry.js';

export type WidgetSpec = Pick<ParamSpec, 'type'> & Partial<Pick<ParamSpec, 'min' | 'max' | 'exclusiveMin' | 'choices' | 'item' | 'optional' | 'description' | 'minItems' | 'maxItems' | 'multiline' | 'prompt'>> & { default?: ParamValue };

export interface ViewPort {
    name: string;
    type: PortType | 'LIST';
    /** Offset of the port's center from the node's top. */
    y: number;
    required?: boolean;
    /** For inputs: a widget row (scalar parameter) rather than a data slot. */
    widget?: ViewWidget;
}

export interface ViewWidget {
    name: string;
    spec: WidgetSpec;
    /** The literal written (or the default when `defaulted`); undefined when wired or absent. */
    value?: ParamValue;
    defaulted: boolean;
    /** The argument is a reference (wire or subgraph input) instead of a literal. */
    reference?: string;
}

export interface ViewNode {
    id: string;
    /** Id used by run events: `instance/inner` inside expanded subgraph instances. */
    execId: string;
    graphNode: GraphNode;
    title: string;
    category: Category | 'subgraph' | 'unknown';
    inputs: ViewPort[];
    outputs: ViewPort[];
    diagnostics: GraphDiagnostic[];
    /** Rows used by slots + widgets + diagnostics. */
    rows: number;
    width: number;
    height: number;
    /** Shows the latest image of a run (output image nodes, training previews). */
    thumbnail: boolean;
    /** Shows training metrics. */
    metrics: boolean;
    /** Nodes inside an expanded subgraph instance cannot be edited from here. */
    readonly: boolean;
    /** Set when the node is a subgraph instance whose definition is known. */
    subgraph?: SubgraphGraph & { uri: string };
}

export interface ViewEdge {
    id: string;
    from: { node: string; output: string };
    to: { node: string; input: string };
    type: PortType;
    /** Inside an expanded instance: the wire starts at the instance's input port (`from.output` names it). */
    fromFrameInput?: boolean;
    /** Inside an expanded instance: the wire ends at the instance's output port (`to.input` names it). */
    toFrameOutput?: boolean;
}

export interface ViewBody {
    name: string;
    kind: 'workflow' | 'subgraph';
    range: SourceRange;
    nodes: ViewNode[];
    edges: ViewEdge[];
    /** Diagnostics in this body not attached to a node. */
    diagnostics: GraphDiagnostic[];
}

export interface ModelContext {
    /** Every node type the view knows: the default engine's, then the other engines'. */
    catalog: ReadonlyMap<string, NodeSchema>;
    /** Node types by engine, for a workflow that runs on one (`workflow W on comfyui`). */
    engines: ReadonlyMap<string, ReadonlyMap<string, NodeSchema>>;
    /** Subgraph definitions (this file's and imported), by name. */
    subgraphs: ReadonlyMap<string, SubgraphGraph & { uri: string }>;
}

type CatalogInput = CatalogJson | readonly NodeSchema[];
const nodesOf = (c: CatalogInput): readonly NodeSchema[] => (Array.isArray(c) ? c as readonly NodeSchema[] : (c as CatalogJson).nodes);

export function modelContext(
    graph: FlowGraph, catalog: CatalogInput, imported: ReadonlyArray<SubgraphGraph & { uri: string }> = [],
    engineCatalogs: Partial<Record<string, CatalogJson>> = {},
): ModelContext {
    const subgraphs = new Map<string, SubgraphGraph & { uri: string }>();
    for (const s of imported) subgraphs.set(s.name, s);
    for (const s of graph.subgraphs) subgraphs.set(s.name, { ...s, uri: graph.uri });
    const all = new Map(nodesOf(catalog).map(s => [s.name, s]));
    const engines = new Map<string, ReadonlyMap<string, NodeSchema>>();
    for (const [engine, c] of Object.entries(engineCatalogs)) {
        if (!c) continue;
        engines.set(engine, new Map(c.nodes.map(s => [s.name, s])));
        for (const s of c.nodes) if (!all.has(s.name)) all.set(s.name, s);
    }
    return { catalog: all, engines, subgraphs };
}

/** The node types a body is drawn and edited with: its engine's, else every known one. */
export function bodyCatalog(context: ModelContext, graph: FlowGraph, bodyName: string): ReadonlyMap<string, NodeSchema> {
    const engine = graph.workflows.find(w => w.name === bodyName)?.engine;
    return (engine && context.engines.get(engine)) || context.catalog;
}


export function buildViewBody(graph: FlowGraph, bodyName: string, context: ModelContext): ViewBody | undefined {
    const body = graph.workflows.find(w => w.name === bodyName) ?? graph.subgraphs.find(s => s.name === bodyName);
    if (!body) return undefined;
    const inBody = (d: GraphDiagnostic) => d.uri === graph.uri && contains(body.range, d.range);
    const diagnostics = graph.diagnostics.filter(inBody);
    const catalog = bodyCatalog(context, graph, bodyName);
    const nodes = body.nodes.map(n => buildViewNode(n, context, diagnosticsOf(n, diagnostics), '', false, catalog));
    const edges: ViewEdge[] = body.edges.map(e => ({ id: edgeId(e.from, e.to), from: e.from, to: e.to, type: e.type }));
    if (body.kind === 'subgraph') {
        nodes.unshift(subgraphInputsNode(body));
        nodes.push(subgraphOutputsNode(body));
        for (const n of body.nodes) {
            for (const [arg, source] of Object.entries(n.args)) {
                if (source.kind !== 'subgraph-input') continue;
                const from = { node: SUBGRAPH_INPUTS_NODE, output: source.input };
                edges.push({ id: edgeId(from, { node: n.id, input: arg }), from, to: { node: n.id, input: arg }, type: source.type });
            }
        }
        for (const o of body.outputs) {
            if (!o.source) continue;
            const from = 'node' in o.source ? o.source : { node: SUBGRAPH_INPUTS_NODE, output: o.source.input };
            const to = { node: SUBGRAPH_OUTPUTS_NODE, input: o.name };
            edges.push({ id: edgeId(from, to), from, to, type: o.type });
        }
    }
    const attached = new Set(nodes.flatMap(n => n.diagnostics));
    return { name: body.name, kind: body.kind, range: body.range, nodes, edges, diagnostics: diagnostics.filter(d => !attached.has(d)) };
}

export function edgeId(from: { node: string; output: string }, to: { node: string; input: string }): string {
    return `${from.node}.${from.output}->${to.node}.${to.input}`;
}

function diagnosticsOf(node: GraphNode, all: readonly GraphDiagnostic[]): GraphDiagnostic[] {
    return all.filter(d => d.node !== undefined ? d.node === node.id : contains(node.range, d.range));
}

export function buildViewNode(
    node: GraphNode, context: ModelContext, diagnostics: GraphDiagnostic[], prefix: string, readonly: boolean,
    catalog: ReadonlyMap<string, NodeSchema> = context.catalog,
): ViewNode {
    const schema = catalog.get(node.type);
    const subgraph = node.subgraph ? context.subgraphs.get(node.subgraph.name) : context.subgraphs.get(node.type);
    const slots: Omit<ViewPort, 'y'>[] = [];
    const widgets: ViewWidget[] = [];
    const widgetFor = (name: string, spec: WidgetSpec): ViewWidget => {
        const source = node.args[name];
        if (source?.kind === 'literal') return { name, spec, value: source.value, defaulted: Boolean(source.defaulted) };
        if (source?.kind === 'wire') return { name, spec, defaulted: false, reference: refText(source.node, source.output) };
        if (source?.kind === 'subgraph-input') return { name, spec, defaulted: false, reference: source.input };
        return { name, spec, value: spec.default, defaulted: spec.default !== undefined };
    };
    if (schema) {
        for (const i of schema.inputs) slots.push({ name: i.name, type: i.type, required: !i.optional });
        for (const p of schema.params) widgets.push(widgetFor(p.name, p));
    } else if (subgraph) {
        for (const i of subgraph.inputs) {
            if (isScalar(i.type)) widgets.push(widgetFor(i.name, { type: i.type as WidgetSpec['type'], default: i.default }));
            else slots.push({ name: i.name, type: i.type, required: i.default === undefined });
        }
    } else {
        for (const p of node.inputs) {
            if (isScalar(p.type)) widgets.push(widgetFor(p.name, { type: p.type as WidgetSpec['type'] }));
            else slots.push({ name: p.name, type: p.type, required: p.required });
        }
        // Arguments the server could not type (unknown node): show them as read-only rows.
        for (const [name, source] of Object.entries(node.args)) {
            if (slots.some(s => s.name === name) || widgets.some(w => w.name === name)) continue;
            widgets.push(widgetFor(name, { type: source.kind === 'literal' ? literalType(source.value) : 'STRING' }));
        }
    }
    const outputs = (schema?.outputs ?? subgraph?.outputs ?? node.outputs).map(o => ({ name: o.name, type: o.type }));
    const slotRows = Math.max(slots.length, outputs.length);
    const inputs: ViewPort[] = [
        ...slots.map((s, i) => ({ ...s, y: rowCenter(i) })),
        ...widgets.map((w, j) => ({ name: w.name, type: w.spec.type, y: rowCenter(slotRows + j), widget: w })),
    ];
    const rows = slotRows + widgets.length + diagnostics.length;
    // Samplers (a MODEL in, a LATENT out: KSampler, KSamplerAdvanced) preview their denoised estimate while they run.
    const previews = schema?.category === 'sampling' && schema.inputs.some(i => i.type === 'MODEL') && schema.outputs.some(o => o.type === 'LATENT');
    const thumbnail = Boolean(schema && ((schema.isOutput && schema.inputs.some(i => i.type === 'IMAGE')) || schema.category === 'training' || previews));
    const metrics = schema?.category === 'training';
    const height = rowsHeight(rows + (metrics ? 1 : 0)) + (thumbnail ? THUMB_HEIGHT : 0);
    return {
        id: prefix + node.id,
        execId: prefix + node.id,
        graphNode: node,
        title: node.name ? `${node.name}` : node.type,
        category: node.category,
        inputs,
        outputs: outputs.map((o, i) => ({ ...o, y: rowCenter(i) })),
        diagnostics,
        rows,
        width: NODE_WIDTH,
        height,
        thumbnail,
        metrics,
        readonly: readonly || node.category === 'unknown',
        subgraph,
    };
}

function subgraphInputsNode(body: SubgraphGraph): ViewNode {
    return pseudoNode(SUBGRAPH_INPUTS_NODE, 'inputs', body.range, [], body.inputs.map((i, k) => ({ name: i.name, type: i.type, y: rowCenter(k) })));
}

function subgraphOutputsNode(body: SubgraphGraph): ViewNode {
    return pseudoNode(SUBGRAPH_OUTPUTS_NODE, 'outputs', body.range, body.outputs.map((o, k) => ({ name: o.name, type: o.type, y: rowCenter(k), required: true })), []);
}

function pseudoNode(id: string, title: string, range: SourceRange, inputs: ViewPort[], outputs: ViewPort[]): ViewNode {
    const rows = Math.max(inputs.length, outputs.length, 1);
    return {
        id, execId: id, title, category: 'subgraph', inputs, outputs, diagnostics: [], rows,
        width: NODE_WIDTH * 0.75, height: rowsHeight(rows), thumbnail: false, metrics: false, readonly: true,
        graphNode: {
            id, type: title, category: 'subgraph', isOutput: false, range, typeRange: range,
            inputs: [], outputs: [], args: {}, argRanges: {},
        },
    };
}

export function isScalar(type: string): boolean {
    return type === 'INT' || type === 'FLOAT' || type === 'STRING' || type === 'BOOLEAN' || type === 'LIST';
}

function literalType(value: ParamValue): WidgetSpec['type'] {
    if (Array.isArray(value)) return 'LIST';
    if (typeof value === 'number') return Number.isInteger(value) ? 'INT' : 'FLOAT';
    return typeof value === 'boolean' ? 'BOOLEAN' : 'STRING';
}

function refText(node: string, output: string): string {
    return `${node}.${output}`;
}

export function contains(outer: SourceRange, inner: SourceRange): boolean {
    const before = (a: SourceRange['start'], b: SourceRange['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
    return before(outer.start, inner.start) && before(inner.end, outer.end);
}
