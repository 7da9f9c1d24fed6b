/**
 * An `ExecGraph` as ComfyUI's API prompt (the body of `POST /prompt`, and API-format export):
 * `{ "<id>": { class_type, inputs, _meta: { title } } }` with wires as `[sourceId, outputIndex]`.
 * Flow Studio built-ins go through node-map.ts; nodes of a ComfyUI node pack (from the server's
 * `/object_info`) are ComfyUI nodes and map to themselves. Anything else is refused with the
 * node named. Pure: no I/O.
 */
import type { ExecGraph, ExecNode, SourceRange } from '../../catalog/src/graph.js';
import type { NodeSchema, ParamValue } from '../../catalog/src/schema.js';
import { comfyEquivalent } from './node-map.js';

export type ApiInput = string | number | boolean | [string, number];

export interface ApiNode {
    class_type: string;
    inputs: Record<string, ApiInput>;
    _meta: { title: string };
}

export type ApiPrompt = Record<string, ApiNode>;

export interface ApiPromptResult {
    prompt: ApiPrompt;
    /** ComfyUI node id → exec node id. */
    ids: Map<string, string>;
    /** Exec node id → ComfyUI node id. */
    comfyIds: Map<string, string>;
    /** Per ComfyUI node id: ComfyUI input name → the Flow Studio argument it came from. */
    argNames: Map<string, Record<string, string>>;
}

export interface ApiPromptOptions {
    /**
     * ComfyUI nodes the language knows (the pack built from `/object_info`): node type → schema.
     * They map to themselves (with their `comfyName`s) and take precedence over the node map.
     */
    comfyNode?: (type: string) => NodeSchema | undefined;
}

export interface ApiPromptProblem {
    node: string;
    message: string;
    uri: string;
    range: SourceRange;
    code: 'no-comfy-equivalent' | 'no-output';
}

export class ApiPromptError extends Error {
    constructor(readonly problems: ApiPromptProblem[]) {
        super(problems.map(p => p.message).join('\n'));
        this.name = 'ApiPromptError';
    }
}

/** How one exec node becomes a ComfyUI node. */
interface Translation {
    classType: string;
    /** Flow argument → ComfyUI input name and value converter. */
    arg(name: string): { comfy: string; convert: (v: ParamValue) => ParamValue } | undefined;
    /** Index of a Flow output in the ComfyUI node's outputs, -1 when it has none. */
    outputIndex(output: string): number;
}

/** ComfyUI's own name where the pack had to sanitize it (object_info names that are not identifiers). */
type ComfyNamed = { readonly name: string; readonly comfyName?: string };
const comfyName = (x: ComfyNamed): string => x.comfyName ?? x.name;

function translation(node: ExecNode, options: ApiPromptOptions): Translation | undefined {
    // A node the server itself defines is that node, whatever a built-in of the same name does.
    const schema = options.comfyNode?.(node.type);
    if (schema) {
        const args = new Map<string, string>([...schema.inputs, ...schema.params].map(a => [a.name, comfyName(a as ComfyNamed)]));
        return {
            classType: comfyName(schema as ComfyNamed),
            arg: name => (args.has(name) ? { comfy: args.get(name)!, convert: v => v } : undefined),
            outputIndex: output => schema.outputs.findIndex(o => o.name === output),
        };
    }
    const mapping = comfyEquivalent(node.type);
    if (!mapping) return undefined;
    return {
        classType: mapping.comfy,
        arg: name => {
            const m = mapping.args[name];
            return m ? { comfy: m.comfy, convert: m.toComfy ?? (v => v) } : undefined;
        },
        outputIndex: output => mapping.outputs.indexOf(output),
    };
}

/** Output nodes and their ancestors, in graph order: what ComfyUI would execute anyway. */
function needed(graph: ExecGraph): ExecNode[] {
    const byId = new Map(graph.nodes.map(n => [n.id, n]));
    const keep = new Set<string>();
    const stack = graph.nodes.filter(n => n.isOutput).map(n => n.id);
    while (stack.length > 0) {
        const id = stack.pop()!;
        if (keep.has(id)) continue;
        keep.add(id);
        for (const wire of Object.values(byId.get(id)?.wires ?? {})) stack.push(wire.node);
    }
    return graph.nodes.filter(n => keep.has(n.id));
}

export function toApiPrompt(graph: ExecGraph, options: ApiPromptOptions = {}): ApiPromptResult {
    const problems: ApiPromptProblem[] = [];
    const problem = (node: ExecNode, message: string, code: ApiPromptProblem['code'] = 'no-comfy-equivalent'): void => {
        problems.push({ node: node.id, message: `${node.label}: ${message}`, uri: node.uri, range: node.range, code });
    };
    const nodes = needed(graph);
    if (nodes.length === 0) {
        throw new ApiPromptError([{ node: graph.workflow, message: `workflow ${graph.workflow} has no output node (SaveImages, PreviewImage, ...): nothing would run`, uri: graph.uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, code: 'no-output' }]);
    }

    const comfyIds = new Map<string, string>();
    const ids = new Map<string, string>();
    const translations = new Map<string, Translation>();
    nodes.forEach((node, i) => {
        const id = String(i + 1);
        comfyIds.set(node.id, id);
        ids.set(id, node.id);
        const t = translation(node, options);
        if (t) translations.set(node.id, t);
        else problem(node, `${node.type} has no ComfyUI equivalent; a ComfyUI run can use the nodes of the server's /object_info and the built-ins that compute the same (SaveImages, PreviewImage, Upscale, KSampler, ...)`);
    });

    const prompt: ApiPrompt = {};
    const argNames = new Map<string, Record<string, string>>();
    for (const node of nodes) {
        const t = translations.get(node.id);
        if (!t) continue;
        const id = comfyIds.get(node.id)!;
        const inputs: Record<string, ApiInput> = {};
        const names: Record<string, string> = {};
        for (const [name, value] of Object.entries(node.params)) {
            const arg = t.arg(name);
            if (!arg) { problem(node, `argument ${name} has no ComfyUI equivalent on ${t.classType}`); continue; }
            let converted: ParamValue;
            try {
                converted = arg.convert(value);
            } catch (e) {
                problem(node, `${name}: ${(e as Error).message}`);
                continue;
            }
            if (Array.isArray(converted)) { problem(node, `${name}: a list cannot be sent to ComfyUI (it reads [id, index] as a link)`); continue; }
            inputs[arg.comfy] = converted;
            names[arg.comfy] = name;
        }
        for (const [name, wire] of Object.entries(node.wires)) {
            const arg = t.arg(name);
            if (!arg) { problem(node, `input ${name} has no ComfyUI equivalent on ${t.classType}`); continue; }
            const source = translations.get(wire.node);
            if (!source) continue; // the source node is already reported
            const index = source.outputIndex(wire.output);
            if (index < 0) { problem(node, `${name}: output ${wire.output} of ${wire.node} has no ComfyUI equivalent`); continue; }
            inputs[arg.comfy] = [comfyIds.get(wire.node)!, index];
            names[arg.comfy] = name;
        }
        prompt[id] = { class_type: t.classType, inputs, _meta: { title: node.label } };
        argNames.set(id, names);
    }
    if (problems.length > 0) throw new ApiPromptError(problems);
    return { prompt, ids, comfyIds, argNames };
}
