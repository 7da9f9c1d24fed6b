/**
 * The CLI side of a run on a ComfyUI server: the server's node list (fetched once per run, before
 * the file is loaded, so the language judges a `comfyui` workflow against what the server has)
 * and the executor, which points ComfyUI's refusals at the written argument.
 */
import type { ExecGraph } from '../../../catalog/src/graph.js';
import type { NodeSchema } from '../../../catalog/src/schema.js';
import type { LoadedFlow } from '../../../server/src/api.js';
import { ComfyClient } from '../../../comfyui/src/executor/comfy-client.js';
import { ComfyUIExecutor } from '../../../comfyui/src/executor/comfyui-executor.js';

export interface ComfyConnection {
    server: string;
    /** A node the server defines, by type, as the API prompt needs it (names and output order). */
    node(type: string): NodeSchema | undefined;
}

type ObjectInfo = Record<string, { input?: { required?: object; optional?: object }; output?: string[]; output_name?: string[]; category?: string }>;

/** Fetches the server's `/object_info`; throws a ComfyError naming the server when it cannot. */
export async function connectComfy(server: string): Promise<ComfyConnection> {
    const client = new ComfyClient(server);
    const info = await client.objectInfo() as ObjectInfo;
    return {
        server: client.baseUrl,
        node(type) {
            const entry = info[type];
            if (!entry) return undefined;
            const params = [...Object.keys(entry.input?.required ?? {}), ...Object.keys(entry.input?.optional ?? {})]
                .map(name => ({ name, type: 'STRING' as const, description: name }));
            const outputs = (entry.output_name ?? entry.output ?? []).map(name => ({ name, type: name, description: name }));
            return { name: type, category: entry.category ?? 'comfyui', description: type, inputs: [], params, outputs, version: 1 } as NodeSchema;
        },
    };
}

export function comfyExecutor(connection: ComfyConnection, loaded: LoadedFlow, graph: ExecGraph): ComfyUIExecutor {
    const nodes = loaded.graph.workflows.find(w => w.name === graph.workflow)?.nodes ?? [];
    return new ComfyUIExecutor({
        server: connection.server,
        comfyNode: type => connection.node(type),
        argRange: (node, arg) => nodes.find(n => n.id === node)?.argRanges[arg],
    });
}
