/** `flowstudio graph FILE [--json] [--workflow NAME]`: the resolved graph (see catalog/src/graph.ts). */
import { dirname, resolve } from 'node:path';
import { loadFlowFile, formatDiagnostic } from '../../../server/src/api.js';
import { COMFY_USAGE, takeComfyOptions, useComfyNodes, type ComfyOptions } from '../run/comfyui-catalog.js';

export async function graphCommand(argv: string[]): Promise<number> {
    const args = [...argv];
    let comfy: ComfyOptions;
    try {
        comfy = takeComfyOptions(args);
    } catch (e) {
        process.stderr.write(`flowstudio graph: ${(e as Error).message}.\nUsage: flowstudio graph FILE [--json] [--workflow NAME] ${COMFY_USAGE}\n`);
        return 2;
    }
    const json = args.includes('--json');
    const wfIdx = args.indexOf('--workflow');
    const workflow = wfIdx >= 0 ? args[wfIdx + 1] : undefined;
    const file = args.find((a, i) => !a.startsWith('-') && args[i - 1] !== '--workflow');
    if (!file) {
        process.stderr.write('Usage: flowstudio graph FILE [--json] [--workflow NAME]\n');
        return 2;
    }
    await useComfyNodes(dirname(resolve(file)), comfy);
    const loaded = await loadFlowFile(file).catch((e: Error) => e);
    if (loaded instanceof Error) {
        process.stderr.write(`flowstudio graph: ${loaded.message}\n`);
        return 1;
    }
    const graph = workflow ? { ...loaded.graph, workflows: loaded.graph.workflows.filter(w => w.name === workflow) } : loaded.graph;
    if (workflow && graph.workflows.length === 0) {
        process.stderr.write(`${loaded.file}: no workflow '${workflow}' (workflows: ${loaded.graph.workflows.map(w => w.name).join(', ') || 'none'}).\n`);
        return 1;
    }
    if (json) {
        process.stdout.write(JSON.stringify(graph, null, 2) + '\n');
    } else {
        for (const body of [...graph.workflows, ...graph.subgraphs]) {
            process.stdout.write(`${body.kind} ${body.name}\n`);
            for (const node of body.nodes) {
                const ins = body.edges.filter(e => e.to.node === node.id).map(e => `${e.to.input} <- ${e.from.node}.${e.from.output}`);
                process.stdout.write(`  ${node.id}: ${node.type}${ins.length ? `  (${ins.join(', ')})` : ''}\n`);
            }
        }
        for (const d of graph.diagnostics) process.stdout.write(formatDiagnostic(loaded.file, d) + '\n');
    }
    return loaded.hasErrors ? 1 : 0;
}
