/**
 * An API prompt as a UI (LiteGraph) workflow, format 0.4: nodes with positions and sizes, sockets
 * and their links as `[id, from, fromSlot, to, toSlot, type]`, and `widgets_values` in ComfyUI's
 * positional order, a seed's `control_after_generate` value ("fixed", so the seed stays what the
 * `.flow` says) after it and an upload button's value after an image upload. Pure.
 */
import type { ParamValue } from '../../../catalog/src/schema.js';
import type { ApiPrompt } from '../api-prompt.js';
import { lowerCamel } from '../import/names.js';
import type { ComfyInterface } from './comfy-interface.js';

export interface UiPlacement {
    pos: [number, number];
    size: [number, number];
}

export interface UiExportNode {
    id: number;
    type: string;
    title?: string;
    pos: [number, number];
    size: [number, number];
    flags: Record<string, never>;
    order: number;
    mode: 0;
    inputs: Array<{ name: string; type: string; link: number | null; widget?: { name: string } }>;
    outputs: Array<{ name: string; type: string; links: number[]; slot_index: number }>;
    properties: { 'Node name for S&R': string };
    widgets_values: unknown[];
}

export interface UiExportWorkflow {
    last_node_id: number;
    last_link_id: number;
    nodes: UiExportNode[];
    links: Array<[number, number, number, number, number, string]>;
    groups: [];
    config: Record<string, never>;
    extra: { ds: { scale: number; offset: [number, number] } };
    version: 0.4;
}

export function promptToUi(
    prompt: ApiPrompt,
    interfaceOf: (classType: string) => ComfyInterface | undefined,
    placement: (id: string) => UiPlacement,
): { workflow: UiExportWorkflow; problems: string[] } {
    const problems: string[] = [];
    const ids = Object.keys(prompt);
    const numeric = new Map(ids.map((id, i) => [id, /^\d+$/.test(id) ? Number(id) : i + 1]));
    const nodes = new Map<string, UiExportNode>();
    const interfaces = new Map<string, ComfyInterface>();
    ids.forEach((id, order) => {
        const entry = prompt[id];
        const iface = interfaceOf(entry.class_type);
        if (!iface) {
            problems.push(`${entry._meta.title} (${entry.class_type}): no interface known for the UI format; its sockets and widgets are written as the prompt names them`);
        }
        const known = iface ?? fallbackInterface(entry.inputs);
        interfaces.set(id, known);
        const { pos, size } = placement(id);
        const widgets_values: unknown[] = [];
        for (const w of known.widgets) {
            const value = entry.inputs[w.comfy];
            widgets_values.push(Array.isArray(value) && value.length === 2 && typeof value[1] === 'number' && typeof value[0] === 'string' ? (w.default ?? null) : value ?? w.default ?? null);
            if (w.control) widgets_values.push('fixed');
            if (w.upload) widgets_values.push('image');
        }
        nodes.set(id, {
            id: numeric.get(id)!,
            type: entry.class_type,
            // A name import would derive from the type anyway stays out of the title.
            ...(entry._meta.title && entry._meta.title !== entry.class_type && entry._meta.title !== lowerCamel(entry.class_type) ? { title: entry._meta.title } : {}),
            pos, size, flags: {}, order, mode: 0,
            inputs: known.sockets.map(s => ({ name: s.comfy, type: s.type, link: null })),
            outputs: known.outputs.map((o, slot) => ({ name: o.name, type: o.type, links: [], slot_index: slot })),
            properties: { 'Node name for S&R': entry.class_type },
            widgets_values,
        });
    });
    const links: UiExportWorkflow['links'] = [];
    for (const id of ids) {
        const node = nodes.get(id)!;
        const iface = interfaces.get(id)!;
        for (const [name, value] of Object.entries(prompt[id].inputs)) {
            if (!isLink(value)) continue;
            const [fromId, fromSlot] = value;
            const from = nodes.get(fromId);
            if (!from) {
                problems.push(`${prompt[id]._meta.title}: input ${name} refers to node ${fromId}, which the prompt does not have`);
                continue;
            }
            let slot = node.inputs.findIndex(i => i.name === name && !i.widget);
            if (slot < 0) {
                // A widget fed by a wire: ComfyUI's "converted widget", a socket carrying the widget's name.
                const widget = iface.widgets.find(w => w.comfy === name);
                node.inputs.push({ name, type: widget?.type ?? from.outputs[fromSlot]?.type ?? '*', widget: { name }, link: null });
                slot = node.inputs.length - 1;
            }
            const type = from.outputs[fromSlot]?.type ?? node.inputs[slot].type;
            const linkId = links.length + 1;
            links.push([linkId, from.id, fromSlot, node.id, slot, type]);
            node.inputs[slot].link = linkId;
            while (from.outputs.length <= fromSlot) from.outputs.push({ name: type, type, links: [], slot_index: from.outputs.length });
            from.outputs[fromSlot].links.push(linkId);
        }
    }
    const all = [...nodes.values()];
    return {
        workflow: {
            last_node_id: Math.max(0, ...all.map(n => n.id)),
            last_link_id: links.length,
            nodes: all,
            links,
            groups: [],
            config: {},
            extra: { ds: { scale: 1, offset: [0, 0] } },
            version: 0.4,
        },
        problems,
    };
}

function isLink(v: unknown): v is [string, number] {
    return Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'number';
}

/** A node no interface knows: its literal inputs as widgets in prompt order, its wires as sockets. */
function fallbackInterface(inputs: Record<string, unknown>): ComfyInterface {
    const entries = Object.entries(inputs);
    return {
        widgets: entries.filter(([, v]) => !isLink(v)).map(([comfy, v]) => ({ comfy, type: typeof v === 'number' ? 'FLOAT' : typeof v === 'boolean' ? 'BOOLEAN' : 'STRING', control: false, upload: false, default: v as ParamValue })),
        sockets: entries.filter(([, v]) => isLink(v)).map(([comfy]) => ({ comfy, type: '*' })),
        outputs: [],
        isOutput: false,
    };
}
