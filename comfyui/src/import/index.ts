/**
 * `importComfyUI`: a ComfyUI workflow (UI format 0.4 or schema 1 with subgraphs, the API prompt,
 * or a PNG carrying either) as a readable `.flow`, with every thing the `.flow` cannot say
 * reported as a problem. Pure: no file or network access, no TensorFlow.js. docs/adr/0010.
 *
 * The workflow is written for the local engine when every node has a Flow Studio built-in that
 * computes the same (node-map.ts) and every value fits it; otherwise for the ComfyUI engine, in
 * ComfyUI's own node names, checked against the ComfyUI pack built from `/object_info`.
 */
import type { Catalog, NodePack } from '../../../catalog/src/catalog.js';
import type { ParamSpec } from '../../../catalog/src/schema.js';
import { argName, NameSet, upperCamel } from './names.js';
import { readRawGraph, type RawBody, type RawGraph, type RawNode } from './raw-graph.js';
import { readComfyInput } from './read-input.js';
import { BodyResolver, type BodyContext, type ImportProblem, type ResolvedBody } from './resolve-body.js';
import { Targets, type Engine, type NodeTarget } from './targets.js';
import { BodyWriter } from './write-flow.js';

export type { ImportProblem } from './resolve-body.js';
export type { Engine } from './targets.js';
export { isComfyWorkflow, isPng } from './detect.js';

export interface ImportOptions {
    /** The local engine's catalog: built-ins (and workspace packs). */
    catalog: Catalog;
    /** The ComfyUI server's node list (from `/object_info`), for workflows only ComfyUI can run. */
    comfyPack?: NodePack;
    /** The workflow's name (an identifier is made of it); `Imported` when absent. */
    name?: string;
    /** Force an engine; by default local when it can run the workflow, else comfyui. */
    engine?: Engine;
    /** Where the input came from, for the header comment. */
    source?: string;
    /**
     * Whether the local engine has a checkpoint of this name (the CLI looks next to the output).
     * ComfyUI's checkpoints (SD 1.5, SDXL, ...) are not Flow Studio's: a workflow loading one the
     * local engine lacks is written for the ComfyUI engine. None by default.
     */
    hasLocalCheckpoint?: (name: string) => boolean;
}

export interface ImportResult {
    flowText: string;
    problems: ImportProblem[];
    engine: Engine;
    format: 'ui' | 'api';
    /** Why the local engine could not run it (empty when it can). */
    localBlockers: string[];
}

/** How a workflow says it runs on a ComfyUI server (comfy-lang's engine clause). */
export function workflowHeader(name: string, engine: Engine): string {
    return engine === 'comfyui' ? `workflow ${name} on comfyui` : `workflow ${name}`;
}

/** Throws an Error saying what is wrong when the input is not a ComfyUI workflow. */
export function importComfyUI(input: Uint8Array | string | unknown, options: ImportOptions): ImportResult {
    const raw = readRawGraph(readComfyInput(input));
    if (options.engine) return run(raw, options, options.engine);
    const local = run(raw, options, 'local');
    return local.localBlockers.length === 0 ? local : { ...run(raw, options, 'comfyui', local.localBlockers), localBlockers: local.localBlockers };
}

/** `why`: what keeps the workflow off the local engine, for the header. */
function run(raw: RawGraph, options: ImportOptions, engine: Engine, why: readonly string[] = []): ImportResult {
    const targets = new Targets(options.catalog, engine, options.comfyPack);
    const problems: ImportProblem[] = [];
    const blockers = new Set<string>();
    const typeNames = new NameSet(options.catalog.nodeNames());
    const workflowName = typeNames.take(upperCamel(options.name ?? 'Imported', 'Imported'));

    // Subgraphs in nesting order: an instance needs its definition's resolved interface.
    const subNames = new Map<string, string>();
    for (const [id, body] of raw.subgraphs) subNames.set(id, typeNames.take(upperCamel(body.subgraph!.name)));
    const resolved = new Map<string, ResolvedBody>();
    const subTargets = new Map<string, NodeTarget>();
    const visiting = new Set<string>();

    const context = (where: string | undefined): BodyContext => ({
        target: type => {
            if (raw.subgraphs.has(type)) return subgraphTarget(type);
            return targets.target(type);
        },
        problem: (node: RawNode | undefined, message: string) => problems.push({
            node: node ? (where ? `${where}/${node.id}` : node.id) : where,
            type: node?.type,
            message: where ? `in subgraph ${where}: ${message}` : message,
        }),
        blocker: message => blockers.add(message),
        isSubgraph: type => raw.subgraphs.has(type),
        isPortType: name => options.catalog.isPortType(name) || Boolean(options.comfyPack?.types.some(t => t.name === name)),
        hasLocalCheckpoint: name => options.hasLocalCheckpoint?.(name) ?? false,
    });

    const subgraphTarget = (id: string): NodeTarget | undefined => {
        const known = subTargets.get(id);
        if (known) return known;
        if (visiting.has(id)) {
            problems.push({ node: id, message: `subgraph ${subNames.get(id)} contains itself` });
            return undefined;
        }
        visiting.add(id);
        const body = raw.subgraphs.get(id)!;
        const result = new BodyResolver(body, context(subNames.get(id))).resolve();
        visiting.delete(id);
        resolved.set(id, result);
        const target = makeSubgraphTarget(id, subNames.get(id)!, body, result);
        subTargets.set(id, target);
        return target;
    };

    const used = new Set(raw.root.nodes.map(n => n.type));
    for (const body of raw.subgraphs.values()) for (const n of body.nodes) used.add(n.type);
    for (const id of raw.subgraphs.keys()) {
        subgraphTarget(id);
        if (!used.has(id)) problems.push({ node: id, message: `subgraph ${subNames.get(id)} is defined but no node uses it; written anyway` });
    }
    const root = new BodyResolver(raw.root, context(undefined)).resolve();

    const header = [
        `// Imported from ComfyUI (${raw.format === 'ui' ? 'UI workflow' : 'API prompt'}${options.source ? `: ${options.source}` : ''}) by flowstudio import.`,
        engine === 'comfyui'
            ? `// Runs on a ComfyUI server: it uses nodes or values only ComfyUI has${why.length ? ` (${why.slice(0, 3).join('; ')}${why.length > 3 ? '; …' : ''})` : ''}.`
            : '// Runs on the local engine: every node has a Flow Studio built-in that computes the same.',
    ];
    if (problems.length > 0) {
        header.push(`// ${problems.length} thing(s) the .flow cannot say (also written as comments below):`);
        for (const p of problems) header.push(`//   - ${p.node ? `node ${p.node}: ` : ''}${p.message.replace(/\s+/g, ' ')}`);
    }
    const lines = [...header, ''];
    for (const [id, body] of raw.subgraphs) {
        lines.push(...new BodyWriter(resolved.get(id)!, body.groups).write(`subgraph ${subNames.get(id)}`), '');
    }
    lines.push(...new BodyWriter(root, raw.root.groups).write(workflowHeader(workflowName, engine)));
    return { flowText: lines.join('\n') + '\n', problems, engine, format: raw.format, localBlockers: [...blockers] };
}

function makeSubgraphTarget(id: string, name: string, body: RawBody, resolved: ResolvedBody): NodeTarget {
    const inputs = resolved.inputs.map(i => ({ ...i, flow: argName(i.name) }));
    const scalar = (t: string) => ['INT', 'FLOAT', 'STRING', 'BOOLEAN'].includes(t);
    const outputs = body.subgraph!.outputs.map(o => (resolved.outputs.some(r => r.name === o.name) ? argName(o.name) : undefined));
    return {
        comfy: id,
        flowType: name,
        widgets: inputs.filter(i => scalar(i.type)).map(i => ({ comfy: i.name, control: false, upload: false })),
        arg: comfy => {
            const input = inputs.find(i => i.name === comfy);
            if (!input) return undefined;
            const param: ParamSpec | undefined = scalar(input.type) ? { name: input.flow, type: input.type as ParamSpec['type'], description: '' } : undefined;
            return { name: input.flow, param, input: param ? undefined : { name: input.flow, type: input.type, description: '' }, convert: v => v };
        },
        outputName: slot => outputs[slot],
        outputCount: () => outputs.length,
        required: () => inputs.filter(i => i.default === undefined).map(i => i.name),
        comfyDefault: comfy => inputs.find(i => i.name === comfy)?.default,
    };
}
