/**
 * One body (the workflow, or a subgraph definition) resolved into what the `.flow` can say:
 * reroutes and primitive nodes followed to their sources, bypassed nodes replaced by what they
 * pass through, muted nodes cut out, widget values decoded and converted, converted widgets fed
 * by wires. What cannot be said becomes a status (`muted`, `bypassed`, `broken`) written as a
 * comment, and a problem; nothing is left out silently.
 */
import type { ParamValue } from '../../../catalog/src/schema.js';
import { decodeWidgets, widgetsFromSockets } from './decode-widgets.js';
import { SUBGRAPH_INPUT_NODE, SUBGRAPH_OUTPUT_NODE, type RawBody, type RawNode } from './raw-graph.js';
import { misfit, type ArgTarget, type NodeTarget } from './targets.js';

export type ArgValue =
    | { kind: 'literal'; value: ParamValue }
    | { kind: 'wire'; node: string; slot: number }
    | { kind: 'input'; index: number };

export type NodeStatus = 'active' | 'muted' | 'bypassed' | 'broken';

export interface ResolvedArg {
    /** The ComfyUI input name. */
    comfy: string;
    target?: ArgTarget;
    value: ArgValue;
}

export interface ResolvedNode {
    raw: RawNode;
    target?: NodeTarget;
    status: NodeStatus;
    /** Why the node is written as a comment. */
    reason?: string;
    args: ResolvedArg[];
    /** Its `.flow` name, assigned by the writer. */
    name?: string;
}

export interface ResolvedInput {
    name: string;
    type: string;
    default?: ParamValue;
}

export interface ResolvedOutput {
    name: string;
    type: string;
    value: ArgValue;
}

export interface ResolvedBody {
    nodes: ResolvedNode[];
    notes: Array<{ raw: RawNode; text: string }>;
    inputs: ResolvedInput[];
    outputs: ResolvedOutput[];
}

export interface ImportProblem {
    /** The ComfyUI node id (with its subgraph's name when inside one). */
    node?: string;
    type?: string;
    message: string;
}

export interface BodyContext {
    /** A node type's target, or undefined when the catalog lacks it. */
    target(type: string): NodeTarget | undefined;
    problem(raw: RawNode | undefined, message: string): void;
    /** A reason the local engine cannot run the workflow (the importer then writes it for ComfyUI). */
    blocker(message: string): void;
    /** The subgraph definitions' resolved interfaces, when `type` is one. */
    isSubgraph(type: string): boolean;
    /** Port type names the language knows. */
    isPortType(name: string): boolean;
    /** Whether the local engine finds a checkpoint of this name. */
    hasLocalCheckpoint(name: string): boolean;
}

export const NOTE_TYPES = new Set(['Note', 'MarkdownNote']);
const REROUTE = 'Reroute';
const PRIMITIVE = 'PrimitiveNode';

type Traced = { value: ArgValue; why?: undefined } | { value?: undefined; why: string };

export function describeNode(raw: RawNode): string {
    return `${raw.type} #${raw.id}${raw.title && raw.title !== raw.type ? ` "${raw.title}"` : ''}`;
}

/** A JSON value as a `.flow` literal value, or why it cannot be one. */
export function toLiteral(v: unknown): { value: ParamValue } | { why: string } {
    if (typeof v === 'string' || typeof v === 'boolean') return { value: v };
    if (typeof v === 'number') return Number.isFinite(v) ? { value: v } : { why: `${v} is not a finite number` };
    if (Array.isArray(v) && v.every(x => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean')) return { value: v as ParamValue };
    return { why: `${JSON.stringify(v) ?? String(v)} is not a number, string, boolean or list of them` };
}

export class BodyResolver {
    private readonly byId: Map<string, RawNode>;

    constructor(private readonly body: RawBody, private readonly ctx: BodyContext) {
        this.byId = new Map(body.nodes.map(n => [n.id, n]));
    }

    resolve(): ResolvedBody {
        const notes: ResolvedBody['notes'] = [];
        const nodes: ResolvedNode[] = [];
        for (const raw of this.body.nodes) {
            if (NOTE_TYPES.has(raw.type)) notes.push({ raw, text: noteText(raw) });
            else if (raw.type !== REROUTE && raw.type !== PRIMITIVE) nodes.push(this.node(raw));
        }
        const inputs = this.inputs(nodes);
        this.cascade(nodes);
        const outputs = this.outputs(nodes);
        return { nodes, notes, inputs, outputs };
    }

    private node(raw: RawNode): ResolvedNode {
        const target = this.ctx.target(raw.type);
        const status: NodeStatus = raw.mode === 2 ? 'muted' : raw.mode === 4 ? 'bypassed' : 'active';
        if (!target && !this.ctx.isSubgraph(raw.type)) {
            const hint = /^workflow[>/]/.test(raw.type)
                ? ' (a legacy group node: convert it to nodes, or to a subgraph, in ComfyUI first)'
                : ' (load the ComfyUI node list, or the custom node pack, that defines it)';
            this.ctx.problem(raw, `${describeNode(raw)}: the catalog has no node ${raw.type}; written with its values as the file gives them${hint}`);
            this.ctx.blocker(`${raw.type} has no Flow Studio equivalent`);
        }
        const widgets = target?.widgets ?? widgetsFromSockets(raw);
        const decoded = decodeWidgets(raw, widgets);
        if (!target && !this.ctx.isSubgraph(raw.type)) {
            // Unknown widget names: the values are still written, by position, for the user to name.
            const first = decoded.values.size;
            decoded.extra.forEach((v, k) => decoded.values.set(`widget_${first + k + 1}`, v));
            decoded.extra = [];
        }
        if (decoded.extra.length > 0) {
            this.ctx.problem(raw, `${describeNode(raw)}: ${decoded.extra.length} widget value(s) ${JSON.stringify(decoded.extra)} beyond its known widgets (${widgets.map(w => w.comfy).join(', ') || 'none'}) are not imported`);
        }
        for (const comfy of decoded.missing) {
            // The file lists fewer values than the node has widgets (older files): ComfyUI shows its defaults.
            const fallback = target?.comfyDefault(comfy);
            if (fallback !== undefined) decoded.values.set(comfy, fallback);
            else this.ctx.problem(raw, `${describeNode(raw)}: no value for widget ${comfy} in the file and ComfyUI's default is not known here; the .flow default applies`);
        }
        const values = new Map<string, ArgValue>();
        for (const [comfy, v] of decoded.values) {
            const lit = toLiteral(v);
            if ('why' in lit) this.ctx.problem(raw, `${describeNode(raw)}: widget ${comfy}: ${lit.why}; not imported`);
            else values.set(comfy, { kind: 'literal', value: lit.value });
        }
        const missing: string[] = [];
        for (const input of raw.inputs) {
            if (input.link === null) continue;
            const key = input.widget ?? input.name;
            const traced = this.trace(input.link, new Set());
            if (traced.value) {
                values.set(key, traced.value);
            } else if (values.has(key)) {
                this.ctx.problem(raw, `${describeNode(raw)}: input ${key} ${traced.why}; its widget value is kept instead`);
            } else {
                missing.push(`${key} (${traced.why})`);
            }
        }
        const args: ResolvedArg[] = [];
        for (const [comfy, value] of values) {
            const argTarget = target?.arg(comfy);
            if (target && !argTarget) {
                this.ctx.problem(raw, `${describeNode(raw)}: ${target.flowType} has no argument for ComfyUI input ${comfy}; its value ${show(value)} is not imported`);
                this.ctx.blocker(`${raw.type}.${comfy} has no Flow Studio equivalent`);
                continue;
            }
            args.push({ comfy, target: argTarget, value: this.converted(raw, comfy, argTarget, value) });
        }
        const node: ResolvedNode = { raw, target, status, args };
        if (status === 'muted') this.ctx.problem(raw, `${describeNode(raw)} is muted (never runs): written as a comment`);
        if (status === 'bypassed') this.ctx.problem(raw, `${describeNode(raw)} is bypassed: written as a comment, its consumers wired to what it passes through`);
        if (status === 'active') {
            const given = new Set(args.map(a => a.comfy));
            const absent = (target?.required() ?? []).filter(r => !given.has(r));
            if (absent.length > 0 || missing.length > 0) {
                const what = [...missing, ...absent.filter(a => !missing.some(m => m.startsWith(`${a} `))).map(a => `${a} (not connected)`)];
                this.markBroken(node, `required input(s) without a value: ${what.join(', ')}`);
            }
        }
        return node;
    }

    private converted(raw: RawNode, comfy: string, arg: ArgTarget | undefined, value: ArgValue): ArgValue {
        if (value.kind !== 'literal' || !arg) return value;
        let v = value.value;
        try {
            v = arg.convert(v);
        } catch (e) {
            this.ctx.blocker(`${raw.type}.${comfy}: ${(e as Error).message}`);
            return value;
        }
        if (comfy === 'ckpt_name' && typeof v === 'string' && !this.ctx.hasLocalCheckpoint(v)) {
            this.ctx.blocker(`${raw.type} loads "${v}", a checkpoint the local engine does not have`);
        }
        if (arg.param) {
            // A whole number ComfyUI saved for a FLOAT stays as it is; a float for an INT is a misfit.
            const why = misfit(arg.param, v);
            if (why) this.ctx.blocker(`${raw.type}.${comfy} ${JSON.stringify(v)} ${why}`);
        } else if (arg.input) {
            this.ctx.blocker(`${raw.type}.${comfy} is a ${arg.input.type} input given a constant`);
        }
        return { kind: 'literal', value: v };
    }

    /** Where a link's value comes from, through reroutes, primitives and bypassed nodes. */
    private trace(linkId: string, seen: Set<string>): Traced {
        if (seen.has(linkId)) return { why: `is in a loop of reroutes or bypassed nodes` };
        seen.add(linkId);
        const link = this.body.links.get(linkId);
        if (!link) return { why: `refers to link ${linkId}, which the file does not have` };
        if (link.from === SUBGRAPH_INPUT_NODE) return { value: { kind: 'input', index: link.fromSlot } };
        const src = this.byId.get(link.from);
        if (!src) return { why: `comes from node ${link.from}, which the file does not have` };
        if (src.type === REROUTE) {
            const into = src.inputs[0]?.link;
            return into ? this.trace(into, seen) : { why: `comes from reroute #${src.id}, which nothing feeds` };
        }
        if (src.type === PRIMITIVE) {
            const v = Array.isArray(src.widgets) ? src.widgets[0] : undefined;
            const lit = toLiteral(v);
            return 'why' in lit ? { why: `comes from primitive #${src.id}: ${lit.why}` } : { value: { kind: 'literal', value: lit.value } };
        }
        if (NOTE_TYPES.has(src.type)) return { why: `comes from a note` };
        if (src.mode === 2) return { why: `comes from muted ${describeNode(src)}` };
        if (src.mode === 4) {
            const pass = passthrough(src, link.fromSlot);
            if (!pass) return { why: `comes from bypassed ${describeNode(src)}, which has no connected input of type ${src.outputs[link.fromSlot]?.type ?? link.type} to pass through` };
            return this.trace(pass, seen);
        }
        return { value: { kind: 'wire', node: src.id, slot: link.fromSlot } };
    }

    /** Subgraph inputs: names from the definition, types from it or their consumers, defaults from the widgets they feed. */
    private inputs(nodes: ResolvedNode[]): ResolvedInput[] {
        const ios = this.body.subgraph?.inputs ?? [];
        return ios.map((io, index) => {
            let type = io.type;
            let fallback: ParamValue | undefined;
            for (const link of this.body.links.values()) {
                if (link.from !== SUBGRAPH_INPUT_NODE || link.fromSlot !== index) continue;
                const consumer = nodes.find(n => n.raw.id === link.to);
                const socket = consumer?.raw.inputs[link.toSlot];
                if (!consumer || !socket) continue;
                const arg = consumer.target?.arg(socket.widget ?? socket.name);
                if (!this.ctx.isPortType(type) || !/^\w+$/.test(type)) type = arg?.param?.type !== 'LIST' && arg?.param?.type ? arg.param.type : arg?.input?.type ?? type;
                if (socket.widget && fallback === undefined) {
                    const decoded = decodeWidgets(consumer.raw, consumer.target?.widgets ?? widgetsFromSockets(consumer.raw));
                    const lit = toLiteral(decoded.values.get(socket.widget));
                    if ('value' in lit) fallback = arg ? safeConvert(arg, lit.value) : lit.value;
                }
            }
            if (!this.ctx.isPortType(type) || !/^\w+$/.test(type)) {
                this.ctx.problem(undefined, `subgraph "${this.body.subgraph?.name}": input ${io.name} has type ${type}, which no consumer inside narrows to one .flow type`);
            }
            return { name: io.name, type, default: fallback };
        });
    }

    /** Nodes whose wires come from nodes that cannot be written are broken too. */
    private cascade(nodes: ResolvedNode[]): void {
        const byId = new Map(nodes.map(n => [n.raw.id, n]));
        for (let changed = true; changed;) {
            changed = false;
            for (const node of nodes) {
                if (node.status !== 'active') continue;
                const dead = node.args.filter(a => a.value.kind === 'wire' && !this.liveSource(byId, a.value.node, a.value.slot));
                if (dead.length === 0) continue;
                const required = new Set(node.target?.required() ?? []);
                const needed = dead.filter(a => required.has(a.comfy) || !node.target);
                node.args = node.args.filter(a => !dead.includes(a));
                const names = dead.map(a => `${a.comfy} (from ${describeSource(byId, a.value)})`).join(', ');
                if (needed.length > 0) this.markBroken(node, `its input(s) ${names} come from a node that is not imported`);
                else this.ctx.problem(node.raw, `${describeNode(node.raw)}: optional input(s) ${names} left unconnected: the node they come from is not imported`);
                changed = true;
            }
        }
    }

    private liveSource(byId: Map<string, ResolvedNode>, id: string, slot: number): boolean {
        const src = byId.get(id);
        if (!src || src.status !== 'active') return false;
        if (!src.target) return true;
        return src.target.outputName(slot) !== undefined;
    }

    private outputs(nodes: ResolvedNode[]): ResolvedOutput[] {
        const sub = this.body.subgraph;
        if (!sub) return [];
        const byId = new Map(nodes.map(n => [n.raw.id, n]));
        const result: ResolvedOutput[] = [];
        sub.outputs.forEach((io, index) => {
            const link = [...this.body.links.values()].find(l => l.to === SUBGRAPH_OUTPUT_NODE && l.toSlot === index);
            const traced: Traced = link ? this.trace(link.id, new Set()) : { why: 'is not connected inside the subgraph' };
            const live = traced.value && (traced.value.kind !== 'wire' || this.liveSource(byId, traced.value.node, traced.value.slot));
            if (!traced.value || !live) {
                this.ctx.problem(undefined, `subgraph "${sub.name}": output ${io.name} ${traced.why ?? `comes from ${describeSource(byId, traced.value!)}, which is not imported`}; the output is left out`);
                return;
            }
            result.push({ name: io.name, type: this.outputType(io.type, traced.value, byId), value: traced.value });
        });
        return result;
    }

    /** A boundary type the language knows: the definition's, else what the source node declares (`*` says nothing). */
    private outputType(declared: string, value: ArgValue, byId: Map<string, ResolvedNode>): string {
        if (this.ctx.isPortType(declared) && /^\w+$/.test(declared)) return declared;
        if (value.kind === 'wire') {
            const target = byId.get(value.node)?.target;
            const name = target?.outputName(value.slot);
            const type = target?.schema?.outputs.find(o => o.name === name)?.type;
            if (type && /^\w+$/.test(type)) return type;
        }
        if (value.kind === 'input') {
            const input = this.body.subgraph?.inputs[value.index];
            if (input && /^\w+$/.test(input.type)) return input.type;
        }
        this.ctx.problem(undefined, `subgraph "${this.body.subgraph?.name}": output type ${declared} has no .flow equivalent`);
        return declared;
    }

    private markBroken(node: ResolvedNode, reason: string): void {
        node.status = 'broken';
        node.reason = reason;
        this.ctx.problem(node.raw, `${describeNode(node.raw)}: ${reason}; ComfyUI would refuse it too, so it is written as a comment`);
    }
}

function safeConvert(arg: ArgTarget, v: ParamValue): ParamValue | undefined {
    try {
        return arg.convert(v);
    } catch {
        return undefined;
    }
}

/** The input a bypassed node passes to an output slot: the same slot when its type matches, else the first of that type. */
export function passthrough(node: RawNode, slot: number): string | undefined {
    const type = node.outputs[slot]?.type;
    if (type === undefined) return undefined;
    const fits = (t: string) => t === type || t === '*' || type === '*';
    const same = node.inputs[slot];
    if (same && !same.widget && same.link && fits(same.type)) return same.link;
    return node.inputs.find(i => !i.widget && i.link && fits(i.type))?.link ?? undefined;
}

function noteText(raw: RawNode): string {
    const w = raw.widgets;
    const v = Array.isArray(w) ? w[0] : w && typeof w === 'object' ? Object.values(w)[0] : undefined;
    return typeof v === 'string' ? v : '';
}

function show(v: ArgValue): string {
    return v.kind === 'literal' ? JSON.stringify(v.value) : v.kind === 'wire' ? `a wire from node ${v.node}` : `subgraph input ${v.index}`;
}

function describeSource(byId: Map<string, ResolvedNode>, v: ArgValue): string {
    if (v.kind !== 'wire') return show(v);
    const src = byId.get(v.node);
    return src ? describeNode(src.raw) : `node ${v.node}`;
}
