/**
 * What a ComfyUI node becomes in the `.flow`: its type, its arguments' names, how its values
 * convert, its outputs, and the order of its widget values in the UI format. Two engines, two
 * vocabularies: for the local engine a ComfyUI node becomes the Flow Studio built-in that
 * computes the same (node-map.ts); for the ComfyUI engine it stays itself, named as the ComfyUI
 * pack built from `/object_info` names it (ParamSpec `comfyName` where a name was sanitized).
 */
import type { Catalog, NodePack } from '../../../catalog/src/catalog.js';
import type { InputSpec, NodeSchema, ParamSpec, ParamValue } from '../../../catalog/src/schema.js';
import { flowEquivalent } from '../node-map.js';

export type Engine = 'local' | 'comfyui';

/** One widget in ComfyUI's positional `widgets_values` order. */
export interface WidgetSlot {
    /** The ComfyUI input name. */
    comfy: string;
    /** A seed-like widget: the UI stores an extra `control_after_generate` value after it. */
    control: boolean;
    /** An image upload combo: the UI stores an extra "image" value for its upload button. */
    upload: boolean;
}

export interface ArgTarget {
    /** The `.flow` argument name. */
    name: string;
    /** The catalog's spec of the argument, when known. */
    param?: ParamSpec;
    input?: InputSpec;
    /** ComfyUI value → `.flow` value; throws saying why there is none. */
    convert: (value: ParamValue) => ParamValue;
}

export interface NodeTarget {
    /** The ComfyUI class_type. */
    comfy: string;
    /** The node type written in the `.flow`. */
    flowType: string;
    /** Its schema in the catalog; undefined when the catalog lacks the node. */
    schema?: NodeSchema;
    widgets: WidgetSlot[];
    arg(comfyName: string): ArgTarget | undefined;
    /** The `.flow` output name of a ComfyUI output slot. */
    outputName(slot: number): string | undefined;
    outputCount(): number;
    /** ComfyUI input names that must be given (wired or literal). */
    required(): string[];
    /** ComfyUI's default for a widget (what its UI shows when a file lists no value), when known. */
    comfyDefault(comfy: string): ParamValue | undefined;
}

/** Extra fields the ComfyUI pack (comfy-lang's object-info.ts) puts on its specs. */
type ComfySpec = { comfyName?: string; controlAfterGenerate?: boolean; openChoices?: boolean };

export const comfyNameOf = (spec: ParamSpec | InputSpec | NodeSchema | { name: string }): string => (spec as ComfySpec).comfyName ?? spec.name;
const SEED_NAMES = new Set(['seed', 'noise_seed']);

/**
 * ComfyUI's widget order for the node-map nodes whose built-in lists its parameters in another
 * order (used when no server node list says it): `input_order` of ComfyUI v0.3.64's nodes.py.
 */
const COMFY_WIDGET_ORDER: Readonly<Record<string, readonly string[]>> = {
    ImageScaleBy: ['upscale_method', 'scale_by'],
};

/** `slots` in ComfyUI's order for `classType` where the built-in's order differs. */
export function inComfyOrder<T extends { comfy: string }>(classType: string, slots: T[]): T[] {
    const order = COMFY_WIDGET_ORDER[classType];
    if (!order) return slots;
    const rank = (s: T) => (order.includes(s.comfy) ? order.indexOf(s.comfy) : order.length);
    return [...slots].sort((a, b) => rank(a) - rank(b));
}
const identity = (v: ParamValue): ParamValue => v;

export function widgetSlot(spec: ParamSpec, comfy: string): WidgetSlot {
    const extra = spec as ComfySpec;
    return {
        comfy,
        control: extra.controlAfterGenerate ?? (spec.type === 'INT' && SEED_NAMES.has(comfy)),
        // Upload combos list the server's files and are followed by the upload button's value.
        upload: extra.openChoices ?? (comfy === 'image' && spec.type === 'STRING'),
    };
}

export class Targets {
    private readonly comfyNodes = new Map<string, NodeSchema>();
    private readonly cache = new Map<string, NodeTarget | undefined>();

    /** `catalog`: the local engine's (built-ins, workspace packs); `comfyPack`: the ComfyUI server's node list. */
    constructor(readonly catalog: Catalog, readonly engine: Engine, comfyPack?: NodePack) {
        for (const n of comfyPack?.nodes ?? []) {
            const comfy = comfyNameOf(n);
            if (!this.comfyNodes.has(comfy)) this.comfyNodes.set(comfy, n);
        }
    }

    /** The ComfyUI pack's definition of a class, when a pack is loaded. */
    comfyNode(classType: string): NodeSchema | undefined {
        return this.comfyNodes.get(classType);
    }

    target(classType: string): NodeTarget | undefined {
        if (!this.cache.has(classType)) {
            // A ComfyUI workflow uses the server's node, else the built-in that maps to it.
            this.cache.set(classType, this.engine === 'local' ? this.local(classType) : this.comfy(classType) ?? this.local(classType));
        }
        return this.cache.get(classType);
    }

    private local(classType: string): NodeTarget | undefined {
        const mapping = flowEquivalent(classType);
        const schema = mapping && this.catalog.node(mapping.flow);
        if (!mapping || !schema) return undefined;
        const byComfy = new Map(Object.entries(mapping.args).map(([flow, m]) => [m.comfy, { flow, m }]));
        const comfySchema = this.comfyNode(classType);
        const widgets = comfySchema
            ? comfySchema.params.map(p => widgetSlot(p, comfyNameOf(p)))
            : inComfyOrder(classType, schema.params.flatMap(p => (mapping.args[p.name] ? [widgetSlot(p, mapping.args[p.name].comfy)] : [])));
        return {
            comfy: classType,
            flowType: mapping.flow,
            schema,
            widgets,
            arg: comfy => {
                const found = byComfy.get(comfy);
                if (!found) return undefined;
                return {
                    name: found.flow,
                    param: schema.params.find(p => p.name === found.flow),
                    input: schema.inputs.find(i => i.name === found.flow),
                    convert: found.m.fromComfy ?? identity,
                };
            },
            outputName: slot => mapping.outputs[slot],
            outputCount: () => mapping.outputs.length,
            required: () => requiredOf(schema).flatMap(name => (mapping.args[name] ? [mapping.args[name].comfy] : [])),
            comfyDefault: comfy => comfySchema?.params.find(p => comfyNameOf(p) === comfy)?.default,
        };
    }

    private comfy(classType: string): NodeTarget | undefined {
        const schema = this.comfyNode(classType);
        if (!schema) return undefined;
        const specs = new Map<string, ArgTarget>();
        for (const input of schema.inputs) specs.set(comfyNameOf(input), { name: input.name, input, convert: identity });
        for (const param of schema.params) specs.set(comfyNameOf(param), { name: param.name, param, convert: identity });
        const required = new Set(requiredOf(schema));
        return {
            comfy: classType,
            flowType: schema.name,
            schema,
            widgets: schema.params.map(p => widgetSlot(p, comfyNameOf(p))),
            arg: comfy => specs.get(comfy),
            outputName: slot => schema.outputs[slot]?.name,
            outputCount: () => schema.outputs.length,
            required: () => [...specs].filter(([, a]) => required.has(a.name)).map(([comfy]) => comfy),
            comfyDefault: comfy => specs.get(comfy)?.param?.default,
        };
    }
}

/** Flow argument names the schema requires: non-optional inputs, parameters without default that are not optional. */
function requiredOf(schema: NodeSchema): string[] {
    return [
        ...schema.inputs.filter(i => !i.optional).map(i => i.name),
        ...schema.params.filter(p => p.default === undefined && !p.optional).map(p => p.name),
    ];
}

/** Why a value does not fit a parameter (type, choices, range), or undefined when it does. */
export function misfit(spec: ParamSpec, value: ParamValue): string | undefined {
    if (Array.isArray(value)) return spec.type === 'LIST' ? undefined : 'is a list';
    const kind = typeof value;
    if (spec.type === 'INT' && !(kind === 'number' && Number.isInteger(value))) return 'is not a whole number';
    if (spec.type === 'FLOAT' && kind !== 'number') return 'is not a number';
    if (spec.type === 'STRING' && kind !== 'string') return 'is not a string';
    if (spec.type === 'BOOLEAN' && kind !== 'boolean') return 'is not true or false';
    if (spec.choices && spec.choices.length > 0 && !spec.choices.includes(value)) return `is not one of ${spec.choices.map(c => JSON.stringify(c)).join(', ')}`;
    if (typeof value === 'number') {
        if (spec.min !== undefined && (spec.exclusiveMin ? value <= spec.min : value < spec.min)) return `is below ${spec.min}`;
        if (spec.max !== undefined && value > spec.max) return `is above ${spec.max}`;
    }
    return undefined;
}
