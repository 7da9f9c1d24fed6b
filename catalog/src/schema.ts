/**
 * The node catalog's schema language. This module is pure data + types: the language
 * server, the graph view and the engine all import it, and it must never import
 * TensorFlow.js or anything with side effects.
 */
import { BUILTIN_WIRE_TYPES } from '../../wire-types/registry.generated.js';

/**
 * Types that flow along wires between nodes: an open set. Each built-in one is a file
 * `wire-types/<name>.ts` (its declaration and its engine side); node packs may bring more.
 */
export type DataType = string;
/** Scalar types of widget parameters; a widget may also be wired from a port of its scalar type. */
export type ScalarType = 'INT' | 'FLOAT' | 'STRING' | 'BOOLEAN';
export type PortType = DataType | ScalarType;

/** What a scalar port type holds, for hover (wire types describe themselves). */
export const SCALAR_DESCRIPTIONS: Readonly<Record<string, string>> = {
    INT: 'A whole number (a widget, or a wire from a subgraph input).', FLOAT: 'A number.', STRING: 'Text.', BOOLEAN: 'true or false.',
};

/** The built-in wire types, in the order the legend and messages list them. */
export const DATA_TYPES: readonly DataType[] = BUILTIN_WIRE_TYPES.map(t => t.name);
export const SCALAR_TYPES: readonly ScalarType[] = ['INT', 'FLOAT', 'STRING', 'BOOLEAN'];
export const PORT_TYPES: readonly PortType[] = [...DATA_TYPES, ...SCALAR_TYPES];

/**
 * A wire type's declaration: what the language, the graph view and hover know of it. The engine's
 * side of a wire type (cache save/load, dispose, preview) lives in the same file as this
 * declaration, in `wire-types/<name>.ts`, and is never loaded by the language server.
 */
export interface WireTypeSpec {
    readonly name: string;
    /** CSS colour of its ports and wires (ComfyUI's colour where ComfyUI has the type). */
    readonly color: string;
    /** One sentence for hover and the graph legend. */
    readonly description: string;
}

/**
 * A metric a training node reports in its `progress` events; the dashboard draws one chart per
 * distinct `chart`, with every metric of that chart as a series. A trainer that declares none
 * still gets its numeric metrics (but step, epoch and resumedFrom) drawn, on one chart.
 */
export interface MetricSpec {
    /** Key in `progress.metrics`. */
    readonly name: string;
    /** Series and table label. */
    readonly label: string;
    /** Chart id and title, e.g. `Loss`. */
    readonly chart: string;
}

export type Category = 'data' | 'preprocess' | 'model' | 'training' | 'sampling' | 'image' | 'output';

/** A wired input: its value is always a reference to another node's output. */
export interface InputSpec {
    readonly name: string;
    readonly type: DataType;
    readonly description: string;
    /** Inputs are required unless marked optional. */
    readonly optional?: boolean;
}

export type ScalarValue = number | string | boolean;
export type ParamValue = ScalarValue | ScalarValue[];

/** A widget parameter: a literal value (or a reference of its scalar type). */
export interface ParamSpec {
    readonly name: string;
    /** INT, FLOAT, STRING, BOOLEAN; a LIST holds `item`s. */
    readonly type: ScalarType | 'LIST';
    readonly description: string;
    /** Absent default and not optional means the argument is required. */
    readonly default?: ParamValue;
    /** An optional parameter without default may be left out (the node handles absence). */
    readonly optional?: boolean;
    readonly min?: number;
    readonly max?: number;
    /** True when `min` itself is not allowed (e.g. learningRate > 0). */
    readonly exclusiveMin?: boolean;
    /** Allowed values (strings for enumerations, numbers for e.g. image sizes). */
    readonly choices?: readonly ScalarValue[];
    /** Element spec for LIST parameters. */
    readonly item?: Omit<ParamSpec, 'name' | 'description' | 'default' | 'optional' | 'item'>;
    /** Minimum / maximum list length for LIST parameters. */
    readonly minItems?: number;
    readonly maxItems?: number;
    /**
     * The value (each item of a list) indexes into a property of an input's value and must be
     * below it, e.g. SampleGAN's `labels` below its generator's `classes`.
     */
    readonly indexInto?: { readonly input: string; readonly property: string };
    /** A path the node writes, relative to the run's output folder: checked before a run never to leave it. */
    readonly withinOutput?: boolean;
    /**
     * A STRING of several lines (ComfyUI's `multiline: True`): the graph view edits it in a text
     * area and writes it back as a `"""` block.
     */
    readonly multiline?: true;
    /**
     * A STRING that is a text-encoder prompt (implies `multiline`): its ComfyUI weighting
     * (`(red circle:1.3)`, catalog/src/prompt-text.ts) is checked and highlighted in the editor.
     * Node packs mark the prompt inputs of their text encoders with it.
     */
    readonly prompt?: true;
}

export interface OutputSpec {
    readonly name: string;
    readonly type: DataType;
    readonly description: string;
    /**
     * What checks before a run can know of the value: property name → the parameter of this node
     * that sets it (e.g. a generator's `imageSize`).
     */
    readonly properties?: Readonly<Record<string, string>>;
    /** The value keeps the properties of this input's value (a trained copy of a model, say). */
    readonly propertiesOf?: string;
    /** Properties every value of this output has whatever the parameters (MNIST digits are 28 x 28). */
    readonly fixedProperties?: Readonly<Record<string, ScalarValue>>;
}

/** Inputs whose values must agree on some properties (a generator and its discriminator). */
export interface Agreement {
    readonly inputs: readonly [string, string];
    readonly properties: readonly string[];
}

export interface NodeSchema {
    readonly name: string;
    readonly category: Category;
    readonly description: string;
    readonly inputs: readonly InputSpec[];
    readonly params: readonly ParamSpec[];
    readonly outputs: readonly OutputSpec[];
    /** Output nodes are the roots of execution: only they and their ancestors run. */
    readonly isOutput?: boolean;
    /** Checked before a run wherever both inputs' properties are known from the text. */
    readonly agreements?: readonly Agreement[];
    /** Metrics its `progress` events carry (training nodes); the dashboard draws them. */
    readonly metrics?: readonly MetricSpec[];
    /** Bumped whenever the implementation's results change, so cached results are invalidated. */
    readonly version: number;
}

/** Whether a number satisfies a parameter's (or list item's) min, exclusiveMin and max. */
export function inRange(p: Pick<ParamSpec, 'min' | 'max' | 'exclusiveMin'>, v: number): boolean {
    if (p.min !== undefined && (p.exclusiveMin ? v <= p.min : v < p.min)) return false;
    return p.max === undefined || v <= p.max;
}

/** Whether a value of type `from` may be connected to a port of type `to`. */
export function isAssignable(from: PortType, to: PortType | 'LIST'): boolean {
    if (from === to) return true;
    // Integers widen to floats, as in every numeric UI users know; nothing else converts.
    return from === 'INT' && to === 'FLOAT';
}

/** The ComfyUI convention for scalar widget types (wire types bring their own colours). */
export const SCALAR_COLORS: Readonly<Record<string, string>> = {
    INT: '#81c784',
    FLOAT: '#aed581',
    STRING: '#ffb74d',
    BOOLEAN: '#e57373',
};

/** The ComfyUI convention: one color per type, used by the graph view and its legend. */
export const TYPE_COLORS: Readonly<Record<PortType, string>> = {
    ...Object.fromEntries(BUILTIN_WIRE_TYPES.map(t => [t.name, t.color])),
    ...SCALAR_COLORS,
};

export const CATEGORY_COLORS: Readonly<Record<Category, string>> = {
    data: '#355c7d',
    preprocess: '#3b6e6e',
    model: '#6c5b7b',
    training: '#7b3f61',
    sampling: '#4f6d3a',
    image: '#2f6690',
    output: '#7a5c2e',
};

/**
 * Why a path written under the output folder would leave it (absolute, `..` above it, or the
 * folder itself), or undefined when it stays inside. Pure string logic, the same on every OS:
 * both separators count; the engine checks the resolved path again when it writes.
 */
export function outputPathProblem(relative: string): string | undefined {
    if (relative.trim() === '') return 'is empty';
    if (/^([a-zA-Z]:)?[\\/]/.test(relative)) return 'is absolute';
    let depth = 0;
    let inside = false;
    for (const part of relative.split(/[\\/]+/)) {
        if (part === '' || part === '.') continue;
        if (part === '..') {
            if (--depth < 0) return "leaves the output folder through '..'";
        } else {
            depth++;
        }
        inside = depth > 0;
    }
    return inside ? undefined : 'names the output folder itself, not a file or folder in it';
}
