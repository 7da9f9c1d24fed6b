/**
 * The CLI side of a run on a ComfyUI server: which engine a run uses, the server's node list in
 * the language (so a `comfyui` workflow is checked against what the server has, and the API
 * prompt sends its nodes under their ComfyUI names), and the executor, which points ComfyUI's
 * refusals at the written argument.
 */
import type { ExecGraph } from '../../../catalog/src/graph.js';
import { isEngine, type EngineName } from '../../../catalog/src/engines.js';
import { flowServices, type LoadedFlow } from '../../../server/src/api.js';
import { ComfyUIExecutor } from '../../../comfyui/src/executor/comfyui-executor.js';

/** `--engine`, else the workflow's (its `on` clause, else the default engine the language was given). */
export function runEngine(loaded: LoadedFlow, workflow: string | undefined, override: string | undefined): EngineName {
    if (isEngine(override)) return override;
    const found = workflow ? loaded.graph.workflows.find(w => w.name === workflow) : loaded.graph.workflows[0];
    return found?.engine ?? 'local';
}

/** Why the language has no ComfyUI node list (the server could not be asked), when it has none. */
export function missingComfyNodes(): string | undefined {
    const state = flowServices().Flow.catalog.comfyuiState;
    if (state.pack) return undefined;
    return state.problems.map(p => p.message).join('; ') || 'the ComfyUI server gave no node list';
}

export function comfyExecutor(server: string, loaded: LoadedFlow, graph: ExecGraph): ComfyUIExecutor {
    const catalog = flowServices().Flow.catalog.forEngine('comfyui');
    const nodes = loaded.graph.workflows.find(w => w.name === graph.workflow)?.nodes ?? [];
    return new ComfyUIExecutor({
        server,
        // The server's own nodes; built-ins (same names or not) go through the node map.
        comfyNode: type => (catalog.packOf(type)?.origin === 'comfyui' ? catalog.node(type) : undefined),
        argRange: (node, arg) => nodes.find(n => n.id === node)?.argRanges[arg],
    });
}
