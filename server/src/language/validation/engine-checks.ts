/**
 * Checks of where a workflow runs (catalog/src/engines.ts): its `on` clause names a known engine,
 * a ComfyUI workflow has a ComfyUI node list to be checked against (said once, on the workflow,
 * instead of an unknown-node error per node), and a node of the other engine's catalog is an
 * error naming both engines.
 */
import type { ValidationAcceptor } from 'langium';
import { ENGINE_LABELS, ENGINES, type EngineName } from '../../../../catalog/src/engines.js';
import type { Node, Subgraph, Workflow } from '../generated/ast.js';
import type { NodeTypeResolver } from '../semantics/node-types.js';
import { OBJECT_INFO_HINT } from '../catalog/comfyui-nodes.js';
import { Codes } from './codes.js';

export function checkWorkflowEngine(workflow: Workflow, types: NodeTypeResolver, accept: ValidationAcceptor): void {
    if (workflow.engine !== undefined && !(ENGINES as readonly string[]).includes(workflow.engine)) {
        accept('error', `Unknown engine '${workflow.engine}'; a workflow runs on ${ENGINES.join(' or ')}.`, { node: workflow, property: 'engine', code: Codes.unknownEngine });
        return;
    }
    if (types.engineOf(workflow) !== 'comfyui') return;
    const state = types.catalogService.comfyuiState;
    if (state.pack) return;
    const why = state.problems.length ? state.problems.map(p => p.message.replace(/\.+$/, '')).join('; ') : `none is configured (${OBJECT_INFO_HINT})`;
    accept('warning', `Workflow '${workflow.name}' runs on ComfyUI, but no ComfyUI node list is loaded (${why}); its ComfyUI nodes are not checked.`, {
        node: workflow, property: workflow.engine !== undefined ? 'engine' : 'name', code: Codes.noComfyuiNodes,
    });
}

export type EngineVerdict =
    /** The node exists only on another engine. */
    | { kind: 'other-engine'; engine: EngineName; runsOn: EngineName }
    /** A ComfyUI workflow without a node list: the node may well exist; nothing to say per node. */
    | { kind: 'unjudged' }
    | { kind: 'unknown' };

/** Why a node type did not resolve in its workflow's engine. */
export function engineVerdict(node: Node, body: Workflow | Subgraph | undefined, types: NodeTypeResolver): EngineVerdict {
    const runsOn = types.engineOf(body);
    if (!runsOn) return { kind: 'unknown' };
    const elsewhere = ENGINES.find(e => e !== runsOn && types.catalogService.forEngine(e).node(node.type));
    if (elsewhere) return { kind: 'other-engine', engine: elsewhere, runsOn };
    if (runsOn === 'comfyui' && !types.catalogService.comfyuiState.pack) return { kind: 'unjudged' };
    return { kind: 'unknown' };
}

export function reportOtherEngine(node: Node, body: Workflow, verdict: Extract<EngineVerdict, { kind: 'other-engine' }>, types: NodeTypeResolver, accept: ValidationAcceptor): void {
    const where = verdict.engine === 'comfyui' ? 'is a ComfyUI node' : 'runs only on the local engine (Flow Studio has no ComfyUI equivalent for it)';
    // Under `--engine` the text's choice does not count: no clause to suggest.
    const fix = body.engine === undefined && !types.catalogService.engineOverride ? ` (add \`on ${verdict.engine}\` after the workflow's name to run it ${verdict.engine === 'comfyui' ? 'on ComfyUI' : 'locally'})` : '';
    accept('error', `'${node.type}' ${where}; workflow '${body.name}' runs on ${ENGINE_LABELS[verdict.runsOn]} (${verdict.runsOn})${fix}.`, {
        node, property: 'type', code: Codes.wrongEngine,
    });
}

/**
 * A subgraph has no engine of its own: it runs where the workflow using it runs. An instance in a
 * workflow whose engine lacks one of the subgraph's node types (at any depth) is an error on the
 * instance, naming the node, the subgraph and both engines.
 */
export function checkSubgraphEngine(node: Node, subgraph: Subgraph, body: Workflow, types: NodeTypeResolver, accept: ValidationAcceptor): void {
    const runsOn = types.engineOf(body);
    if (!runsOn) return;
    const catalog = types.catalogService.forEngine(runsOn);
    const unjudged = runsOn === 'comfyui' && !types.catalogService.comfyuiState.pack;
    const seen = new Set<Subgraph>();
    const find = (sg: Subgraph): { type: string; engine: EngineName | undefined; path: string[] } | undefined => {
        if (seen.has(sg)) return undefined;
        seen.add(sg);
        for (const member of sg.members) {
            if (member.$type !== 'Node' || !member.type) continue;
            const inner = member as Node;
            const resolved = types.resolve(inner);
            if (resolved?.kind === 'subgraph') {
                const deeper = find(resolved.subgraph);
                if (deeper) return { ...deeper, path: [sg.name, ...deeper.path] };
                continue;
            }
            if (catalog.node(inner.type)) continue;
            const elsewhere = ENGINES.find(e => e !== runsOn && types.catalogService.forEngine(e).node(inner.type));
            if (elsewhere || !unjudged) return { type: inner.type, engine: elsewhere, path: [sg.name] };
        }
        return undefined;
    };
    const found = find(subgraph);
    if (!found || !found.engine) return; // unknown types are reported inside the subgraph
    accept('error', `Subgraph ${found.path.join(' → ')} uses '${found.type}', which runs only on ${ENGINE_LABELS[found.engine]}; workflow '${body.name}' runs on ${ENGINE_LABELS[runsOn]} (${runsOn}).`, {
        node, property: 'type', code: Codes.wrongEngine,
    });
}
