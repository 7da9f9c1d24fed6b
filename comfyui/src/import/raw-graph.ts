/**
 * ComfyUI's formats read into one shape: bodies (the workflow and each subgraph definition) of
 * nodes and links, still in ComfyUI's terms (ids, slots, positional widget values). UI 0.4 link
 * arrays, schema-1 link objects and the API prompt's `[id, slot]` inputs all become `RawLink`s.
 */
import type { ApiPromptJson, ComfyInput, UiWorkflowJson } from './read-input.js';

export interface RawLink {
    id: string;
    from: string;
    fromSlot: number;
    to: string;
    toSlot: number;
    type: string;
}

export interface RawInput {
    name: string;
    type: string;
    /** The link feeding it, or null. */
    link: string | null;
    /** Set when this input is a widget's socket (a converted widget, or any widget in newer frontends). */
    widget?: string;
}

export interface RawOutput {
    name: string;
    type: string;
}

export interface RawNode {
    id: string;
    type: string;
    title?: string;
    /** 0 active, 2 muted (never), 4 bypassed. */
    mode: number;
    inputs: RawInput[];
    outputs: RawOutput[];
    /** UI format: positional widget values (or, for some custom nodes, values by name). */
    widgets?: unknown[] | Record<string, unknown>;
    /** API format: literal inputs by name. */
    named?: Record<string, unknown>;
    pos?: [number, number];
    size?: [number, number];
}

export interface RawGroup {
    title: string;
    bounding: [number, number, number, number];
}

export interface RawIo {
    name: string;
    type: string;
}

export interface RawBody {
    nodes: RawNode[];
    links: Map<string, RawLink>;
    groups: RawGroup[];
    /** A subgraph definition's id, name and boundary. */
    subgraph?: { id: string; name: string; inputs: RawIo[]; outputs: RawIo[] };
}

export interface RawGraph {
    format: 'ui' | 'api';
    root: RawBody;
    /** Subgraph definitions by id (the instance node's `type`). */
    subgraphs: Map<string, RawBody>;
}

/** The subgraph's input and output nodes in schema-1 links. */
export const SUBGRAPH_INPUT_NODE = '-10';
export const SUBGRAPH_OUTPUT_NODE = '-20';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : fallback);
const num = (v: unknown, fallback = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

function pair(v: unknown): [number, number] | undefined {
    if (Array.isArray(v) && v.length >= 2) return [num(v[0]), num(v[1])];
    // Some frontends saved Float32Arrays as {"0": x, "1": y}.
    if (isObject(v) && '0' in v && '1' in v) return [num(v['0']), num(v['1'])];
    return undefined;
}

export function readRawGraph(input: ComfyInput): RawGraph {
    if (input.format === 'api') return { format: 'api', root: apiBody(input.prompt), subgraphs: new Map() };
    const subgraphs = new Map<string, RawBody>();
    const defs = input.workflow.definitions?.subgraphs;
    for (const def of Array.isArray(defs) ? defs : []) {
        if (!isObject(def) || typeof def.id !== 'string') continue;
        subgraphs.set(def.id, uiBody(def as unknown as UiWorkflowJson, {
            id: def.id,
            name: str(def.name, 'Subgraph'),
            inputs: ioList(def.inputs),
            outputs: ioList(def.outputs),
        }));
    }
    return { format: 'ui', root: uiBody(input.workflow), subgraphs };
}

function ioList(v: unknown): RawIo[] {
    return (Array.isArray(v) ? v : []).filter(isObject).map(io => ({ name: str(io.name, str(io.label, 'value')), type: str(io.type, '*') }));
}

function uiBody(json: UiWorkflowJson, subgraph?: RawBody['subgraph']): RawBody {
    const links = new Map<string, RawLink>();
    for (const l of Array.isArray(json.links) ? json.links : []) {
        const link = Array.isArray(l)
            ? { id: str(l[0]), from: str(l[1]), fromSlot: num(l[2]), to: str(l[3]), toSlot: num(l[4]), type: str(l[5], '*') }
            : isObject(l) ? { id: str(l.id), from: str(l.origin_id), fromSlot: num(l.origin_slot), to: str(l.target_id), toSlot: num(l.target_slot), type: str(l.type, '*') } : undefined;
        if (link && link.id) links.set(link.id, link);
    }
    const nodes: RawNode[] = [];
    for (const n of Array.isArray(json.nodes) ? json.nodes : []) {
        if (!isObject(n)) continue;
        nodes.push({
            id: str(n.id),
            type: str(n.type, str(n.class_type)),
            title: typeof n.title === 'string' ? n.title : undefined,
            mode: num(n.mode),
            inputs: (Array.isArray(n.inputs) ? n.inputs : []).filter(isObject).map(i => ({
                name: str(i.name),
                type: str(i.type, '*'),
                link: i.link === null || i.link === undefined ? null : str(i.link),
                widget: isObject(i.widget) && typeof i.widget.name === 'string' ? i.widget.name : undefined,
            })),
            outputs: (Array.isArray(n.outputs) ? n.outputs : []).filter(isObject).map(o => ({ name: str(o.name), type: str(o.type, '*') })),
            widgets: Array.isArray(n.widgets_values) || isObject(n.widgets_values) ? n.widgets_values as unknown[] | Record<string, unknown> : undefined,
            pos: pair(n.pos),
            size: pair(n.size),
        });
    }
    const groups: RawGroup[] = [];
    for (const g of Array.isArray(json.groups) ? json.groups : []) {
        if (!isObject(g)) continue;
        const b = Array.isArray(g.bounding) ? g.bounding.map(x => num(x)) : [0, 0, 0, 0];
        groups.push({ title: str(g.title, 'Group'), bounding: [b[0] ?? 0, b[1] ?? 0, b[2] ?? 0, b[3] ?? 0] });
    }
    return { nodes, links, groups, subgraph };
}

function apiBody(prompt: ApiPromptJson): RawBody {
    const links = new Map<string, RawLink>();
    const nodes: RawNode[] = [];
    for (const [id, entry] of Object.entries(prompt)) {
        const inputs: RawInput[] = [];
        const named: Record<string, unknown> = {};
        for (const [name, value] of Object.entries(isObject(entry.inputs) ? entry.inputs : {})) {
            if (Array.isArray(value) && value.length === 2 && (typeof value[0] === 'string' || typeof value[0] === 'number') && typeof value[1] === 'number') {
                const linkId = `${id}:${name}`;
                links.set(linkId, { id: linkId, from: String(value[0]), fromSlot: value[1], to: id, toSlot: inputs.length, type: '*' });
                inputs.push({ name, type: '*', link: linkId });
            } else {
                named[name] = value;
            }
        }
        nodes.push({ id, type: entry.class_type, title: entry._meta?.title, mode: 0, inputs, outputs: [], named });
    }
    return { nodes, links, groups: [] };
}
