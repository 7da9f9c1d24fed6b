/**
 * ComfyUI's node list as a Flow Studio node pack: `GET /object_info` (the server's `node_info`,
 * old-style `INPUT_TYPES` and V3 `GET_NODE_INFO_V1` alike) converted to `NodeSchema`s. Widgets
 * (INT, FLOAT, STRING, BOOLEAN, combos) become parameters; everything else (MODEL, LATENT, custom
 * types, `*`, `forceInput` widgets) becomes a wired input. Names that are not identifiers are
 * sanitized and the original kept as `comfyName`, so export and execution can map back. Pure: no
 * I/O; a malformed entry is a problem naming the node, never an exception.
 */
import type { NodePack, PackProblem } from '../../catalog/src/catalog.js';
import {
    ANY_TYPE, DATA_TYPES, SCALAR_TYPES, type InputSpec, type NodeSchema, type OutputSpec, type ParamSpec, type ScalarValue, type WireTypeSpec,
} from '../../catalog/src/schema.js';

export interface ObjectInfoSource {
    /** Pack id: `comfyui:<server URL>` or the object_info file's path. */
    readonly id: string;
    /** Shown in hover and problems: the server URL or the file name. */
    readonly label: string;
}

export interface ObjectInfoPack {
    readonly pack: NodePack;
    readonly problems: PackProblem[];
}

/**
 * ComfyUI's own colours for the types it draws (its frontend's default palette); types it does
 * not colour, and custom ones, are drawn neutral.
 */
const COMFY_TYPE_COLORS: Readonly<Record<string, string>> = {
    CLIP_VISION: '#a8dadc', CLIP_VISION_OUTPUT: '#ad7452', CONTROL_NET: '#6ee7b7', GLIGEN: '#d3d3d3',
    MASK: '#81c784', NOISE: '#b0b0b0', GUIDER: '#66ffff', SAMPLER: '#ecb4b4', SIGMAS: '#cdffcd',
    STYLE_MODEL: '#c2ffae', TAESD: '#dcc274', UPSCALE_MODEL: '#dcc274', AUDIO: '#a5d6a7', VIDEO: '#90caf9',
    [ANY_TYPE]: '#cccccc',
};
const NEUTRAL_COLOR = '#9e9e9e';

/** The `.flow` grammar's keywords that may not be names of node types (they may be argument names). */
const RESERVED = new Set(['workflow', 'subgraph', 'import', 'input', 'output', 'true', 'false', 'on']);

/** An identifier made from a ComfyUI name: other characters become `_`, a leading digit gets `_`. */
export function toIdentifier(name: string): string {
    let id = name.trim().replace(/\W+/g, '_');
    if (id === '' || /^\d/.test(id)) id = `_${id}`;
    return RESERVED.has(id) ? `${id}_` : id;
}

/** `name`, or `name_2`, `name_3`, … when taken. */
function unique(name: string, taken: Set<string>): string {
    let candidate = name;
    for (let i = 2; taken.has(candidate); i++) candidate = `${name}_${i}`;
    taken.add(candidate);
    return candidate;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const isScalar = (v: unknown): v is ScalarValue => typeof v === 'string' || typeof v === 'boolean' || num(v) !== undefined;

export function objectInfoToPack(json: unknown, source: ObjectInfoSource): ObjectInfoPack {
    const problems: PackProblem[] = [];
    const problem = (message: string) => problems.push({ packId: source.id, message: `ComfyUI node list (${source.label}): ${message}` });
    const nodes: NodeSchema[] = [];
    const usedTypes = new Set<string>();
    if (!isObject(json)) {
        problem('expected a JSON object of node types (what GET /object_info answers)');
        return { pack: emptyPack(source), problems };
    }
    const nodeNames = new Set<string>();
    for (const [className, info] of Object.entries(json)) {
        const converted = convertNode(className, info, nodeNames);
        if ('problem' in converted) {
            problem(`node ${className}: ${converted.problem}`);
            continue;
        }
        nodes.push(converted.schema);
        for (const port of [...converted.schema.inputs, ...converted.schema.outputs]) usedTypes.add(port.type);
    }
    return { pack: { id: source.id, origin: 'comfyui', label: `ComfyUI (${source.label})`, nodes, types: wireTypesFor(usedTypes) }, problems };
}

function emptyPack(source: ObjectInfoSource): NodePack {
    return { id: source.id, origin: 'comfyui', label: `ComfyUI (${source.label})`, nodes: [], types: [] };
}

/** Declarations for the wire types the nodes use that Flow Studio does not define itself. */
function wireTypesFor(used: ReadonlySet<string>): WireTypeSpec[] {
    const known = new Set<string>([...DATA_TYPES, ...SCALAR_TYPES]);
    const types: WireTypeSpec[] = [];
    for (const name of [...used].sort()) {
        // `IMAGE,MASK` accepts either type; each is declared on its own.
        if (known.has(name) || name.includes(',')) continue;
        types.push({
            name, color: COMFY_TYPE_COLORS[name] ?? NEUTRAL_COLOR,
            description: name === ANY_TYPE ? 'Any type (ComfyUI\'s `*`): connects to every port.' : `ComfyUI type ${name}.`,
        });
    }
    for (const name of [...used].filter(n => n.includes(',')).flatMap(n => n.split(','))) {
        const t = name.trim();
        if (t && !known.has(t) && !used.has(t) && !types.some(x => x.name === t)) {
            types.push({ name: t, color: COMFY_TYPE_COLORS[t] ?? NEUTRAL_COLOR, description: `ComfyUI type ${t}.` });
        }
    }
    return types;
}

function convertNode(className: string, info: unknown, nodeNames: Set<string>): { schema: NodeSchema } | { problem: string } {
    if (!isObject(info)) return { problem: 'its entry is not an object' };
    const input = info.input ?? {};
    if (!isObject(input)) return { problem: '`input` is not an object' };
    const outputTypes = info.output ?? [];
    if (!Array.isArray(outputTypes)) return { problem: '`output` is not a list' };

    const argNames = new Set<string>();
    const inputs: InputSpec[] = [];
    const params: ParamSpec[] = [];
    const order = isObject(info.input_order) ? info.input_order : {};
    for (const section of ['required', 'optional'] as const) {
        const entries = input[section];
        if (entries === undefined) continue;
        if (!isObject(entries)) return { problem: `\`input.${section}\` is not an object` };
        const listed = Array.isArray(order[section]) ? (order[section] as unknown[]).filter((n): n is string => typeof n === 'string' && n in entries) : [];
        const names = [...listed, ...Object.keys(entries).filter(n => !listed.includes(n))];
        for (const comfyName of names) {
            const arg = convertInput(comfyName, entries[comfyName], section === 'optional', argNames);
            if ('problem' in arg) return { problem: `input ${comfyName}: ${arg.problem}` };
            if (arg.kind === 'input') inputs.push(arg.spec);
            else params.push(arg.spec);
        }
    }

    const outputs: OutputSpec[] = [];
    const outputNames = new Set<string>();
    const names = Array.isArray(info.output_name) ? info.output_name : [];
    const isList = Array.isArray(info.output_is_list) ? info.output_is_list : [];
    const tooltips = Array.isArray(info.output_tooltips) ? info.output_tooltips : [];
    for (const [i, rawType] of outputTypes.entries()) {
        // A V3 combo output's type is its option list: a value a combo (STRING) widget takes.
        const type = Array.isArray(rawType) ? 'STRING' : str(rawType);
        if (!type) return { problem: `output ${i} has no type` };
        const comfyName = str(names[i]) ?? type;
        const name = unique(toIdentifier(comfyName), outputNames);
        outputs.push({
            name, type: type === 'COMBO' ? 'STRING' : type,
            description: str(tooltips[i]) ?? `Output ${i} (${type}).`,
            ...(name !== comfyName ? { comfyName } : {}),
            ...(isList[i] === true ? { isList: true } : {}),
        });
    }

    const name = unique(toIdentifier(className), nodeNames);
    const displayName = str(info.display_name);
    const description = str(info.description) ?? `ComfyUI node ${displayName ?? className}.`;
    return {
        schema: {
            name, category: str(info.category) ?? 'sd', description,
            inputs, params, outputs,
            ...(info.output_node === true ? { isOutput: true } : {}),
            version: 1,
            ...(name !== className ? { comfyName: className } : {}),
            ...(displayName && displayName !== className ? { displayName } : {}),
            ...(info.deprecated === true ? { deprecated: true } : {}),
        },
    };
}

type Converted = { kind: 'input'; spec: InputSpec } | { kind: 'param'; spec: ParamSpec } | { problem: string };

function convertInput(comfyName: string, entry: unknown, optional: boolean, taken: Set<string>): Converted {
    if (!Array.isArray(entry) || entry.length === 0) return { problem: 'expected [type, options?]' };
    const [type, rawOptions] = entry;
    if (rawOptions !== undefined && !isObject(rawOptions)) return { problem: 'its options are not an object' };
    const options: Json = rawOptions ?? {};
    const name = unique(toIdentifier(comfyName), taken);
    const common = {
        name, description: str(options.tooltip) ?? comfyName,
        ...(optional ? { optional: true } : {}),
        ...(name !== comfyName ? { comfyName } : {}),
    };
    if (Array.isArray(type) || type === 'COMBO') {
        // A remote combo (its list fetched by the UI from a route) has no options here.
        const choices = Array.isArray(type) ? type : options.options ?? [];
        if (!Array.isArray(choices) || !choices.every(isScalar)) return { problem: 'its choices are not a list of values' };
        return { kind: 'param', spec: comboParam(common, choices, options) };
    }
    if (typeof type !== 'string' || type === '') return { problem: 'its type is not a string' };
    if (options.forceInput === true || !(SCALAR_TYPES as readonly string[]).includes(type)) {
        return { kind: 'input', spec: { ...common, type } };
    }
    const spec: ParamSpec = {
        ...common,
        type: type as ParamSpec['type'],
        ...scalarDefault(type, options.default),
        ...(num(options.min) !== undefined ? { min: options.min as number } : {}),
        ...(num(options.max) !== undefined ? { max: options.max as number } : {}),
        ...(num(options.step) !== undefined && type !== 'BOOLEAN' ? { step: options.step as number } : {}),
        ...(type === 'STRING' && options.multiline === true ? { multiline: true } : {}),
        ...(options.control_after_generate === true ? { controlAfterGenerate: true } : {}),
    };
    return { kind: 'param', spec };
}

/** A default of the widget's type, when ComfyUI gives one (ComfyUI's widgets always hold a value). */
function scalarDefault(type: string, value: unknown): Pick<ParamSpec, 'default'> {
    if (type === 'BOOLEAN') return typeof value === 'boolean' ? { default: value } : {};
    if (type === 'STRING') return typeof value === 'string' ? { default: value } : {};
    if (num(value) === undefined) return {};
    return { default: type === 'INT' ? Math.round(value as number) : value as number };
}

function comboParam(common: Pick<ParamSpec, 'name' | 'description' | 'optional' | 'comfyName'>, choices: ScalarValue[], options: Json): ParamSpec {
    const numeric = choices.length > 0 && choices.every(c => typeof c === 'number');
    const type: ParamSpec['type'] = numeric ? (choices.every(c => Number.isInteger(c)) ? 'INT' : 'FLOAT') : 'STRING';
    // Upload widgets list the server's files: a workflow may name one the run uploads first.
    const open = options.image_upload === true || options.video_upload === true || options.file_upload === true || isObject(options.remote);
    const control = options.control_after_generate === true ? { controlAfterGenerate: true } : {};
    if (options.multiselect === true) {
        return { ...common, type: 'LIST', item: { type, ...(choices.length ? { choices } : {}) }, ...(Array.isArray(options.default) ? { default: options.default.filter(isScalar) } : {}) };
    }
    const fallback = isScalar(options.default) && (open || choices.includes(options.default)) ? options.default : choices[0];
    // An empty list (a server without checkpoints) constrains nothing: the server judges the name.
    return {
        ...common, type,
        ...(choices.length ? { choices } : {}),
        ...(fallback !== undefined ? { default: fallback } : {}),
        ...(open && choices.length ? { openChoices: true } : {}),
        ...control,
    };
}
