/**
 * The node catalog: the single source of truth for node types, read by the language
 * server (validation, completion, hover), the graph view (ports, widgets, palette)
 * and the engine (which pairs each schema with an implementation by name).
 */
import type { NodeSchema, ParamSpec, ParamValue, InputSpec, OutputSpec } from './schema.js';
import { LoadMNIST, LoadImages, SyntheticShapes } from './nodes/data.js';
import { Resize, CenterCrop, Normalize, RandomFlip } from './nodes/preprocess.js';
import { DCGANGenerator, DCGANDiscriminator, SaveGenerator, LoadGenerator } from './nodes/models.js';
import { TrainGAN, SampleGAN } from './nodes/training.js';
import { Upscale, ImageGrid, DatasetImages } from './nodes/images.js';
import { SaveImages, PreviewImage } from './nodes/outputs.js';

export * from './schema.js';

export const NODE_SCHEMAS: readonly NodeSchema[] = [
    LoadMNIST, LoadImages, SyntheticShapes,
    Resize, CenterCrop, Normalize, RandomFlip,
    DCGANGenerator, DCGANDiscriminator, LoadGenerator,
    TrainGAN, SampleGAN,
    Upscale, ImageGrid, DatasetImages,
    SaveImages, PreviewImage, SaveGenerator,
];

const byName = new Map(NODE_SCHEMAS.map(s => [s.name, s]));

export function getNodeSchema(name: string): NodeSchema | undefined {
    return byName.get(name);
}

export function nodeTypeNames(): string[] {
    return [...byName.keys()];
}

/** An argument of a node: either a wired input or a widget parameter. */
export type ArgumentSpec = { kind: 'input'; spec: InputSpec } | { kind: 'param'; spec: ParamSpec };

export function findArgument(schema: NodeSchema, name: string): ArgumentSpec | undefined {
    const input = schema.inputs.find(i => i.name === name);
    if (input) return { kind: 'input', spec: input };
    const param = schema.params.find(p => p.name === name);
    return param ? { kind: 'param', spec: param } : undefined;
}

export function findOutput(schema: NodeSchema, name: string): OutputSpec | undefined {
    return schema.outputs.find(o => o.name === name);
}

export function isRequiredParam(p: ParamSpec): boolean {
    return p.default === undefined && !p.optional;
}

/** A valid value for a required parameter: its first choice, its minimum, or an empty value. */
export function startingValue(p: Pick<ParamSpec, 'type' | 'choices' | 'min' | 'exclusiveMin' | 'minItems' | 'item'>): ParamValue | undefined {
    if (p.choices?.length) return p.choices[0];
    switch (p.type) {
        case 'INT': return p.min === undefined ? 0 : p.exclusiveMin ? Math.floor(p.min) + 1 : Math.ceil(p.min);
        case 'FLOAT': return p.min === undefined ? 0 : p.exclusiveMin ? p.min + 1 : p.min;
        case 'STRING': return '';
        case 'BOOLEAN': return false;
        case 'LIST': {
            const item = p.item ? startingValue(p.item) : undefined;
            return item !== undefined && !Array.isArray(item) && (p.minItems ?? 0) > 0 ? [item] : [];
        }
        default: return undefined; // a wired data input
    }
}

/** A one-line human description of a parameter's type, range and default (hover, docs, errors). */
export function describeParam(p: ParamSpec): string {
    const parts: string[] = [p.type === 'LIST' ? `LIST of ${p.item?.type ?? 'values'}` : p.type];
    if (p.choices) parts.push(`one of ${p.choices.map(c => JSON.stringify(c)).join(' | ')}`);
    const range = describeRange(p.type === 'LIST' && p.item ? p.item : p);
    if (range) parts.push(range);
    if (p.default !== undefined) parts.push(`default ${JSON.stringify(p.default)}`);
    else parts.push(p.optional ? 'optional' : 'required');
    return parts.join(', ');
}

export function describeRange(p: Pick<ParamSpec, 'min' | 'max' | 'exclusiveMin'>): string | undefined {
    if (p.min !== undefined && p.max !== undefined) return `${p.min}..${p.max}`;
    if (p.min !== undefined) return p.exclusiveMin ? `> ${p.min}` : `>= ${p.min}`;
    if (p.max !== undefined) return `<= ${p.max}`;
    return undefined;
}
