/**
 * A refused prompt's `node_errors` as Flow Studio errors: each one on the node it is about,
 * pointing at the written argument when ComfyUI names an input (the `.flow` line a user must
 * change), else at the node's statement.
 */
import type { ExecGraph, SourceRange } from '../../../catalog/src/graph.js';
import type { ApiPromptResult } from '../api-prompt.js';
import type { NodeErrors } from './comfy-client.js';

export interface MappedError {
    node?: string;
    message: string;
    uri?: string;
    range?: SourceRange;
    code: string;
}

/** Where a written argument is: `argRange(execNodeId, argName)` (FlowGraph.argRanges). */
export type ArgRangeLookup = (node: string, arg: string) => SourceRange | undefined;

export function mapNodeErrors(nodeErrors: NodeErrors, graph: ExecGraph, api: ApiPromptResult, argRange?: ArgRangeLookup): MappedError[] {
    const out: MappedError[] = [];
    const byId = new Map(graph.nodes.map(n => [n.id, n]));
    for (const [comfyId, entry] of Object.entries(nodeErrors)) {
        const execId = api.ids.get(comfyId);
        const node = execId ? byId.get(execId) : undefined;
        for (const error of entry.errors ?? []) {
            const input = error.extra_info?.input_name;
            const arg = input ? api.argNames.get(comfyId)?.[input] ?? input : undefined;
            const what = `${error.message}${error.details ? `: ${error.details}` : ''}`;
            const label = node?.label ?? `ComfyUI node ${comfyId} (${entry.class_type})`;
            out.push({
                ...(node ? { node: node.id, uri: node.uri, range: (arg && argRange?.(node.id, arg)) || node.range } : {}),
                message: `${label}: ${arg ? `${arg}: ` : ''}${what} (ComfyUI ${error.type})`,
                code: 'comfyui-invalid',
            });
        }
    }
    return out;
}
