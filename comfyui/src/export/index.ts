/**
 * A `.flow` workflow as ComfyUI JSON: the API prompt (comfy-engine's `toApiPrompt`: built-ins
 * through node-map, ComfyUI-pack nodes as themselves, anything else refused with the node named)
 * or the UI workflow built from it, laid out as the graph view lays the workflow out (the same
 * elk layered layout on the same node sizes). docs/adr/0010.
 */
import type { Catalog, NodePack } from '../../../catalog/src/catalog.js';
import type { NodeSchema } from '../../../catalog/src/schema.js';
import type { ExecGraph, FlowGraph } from '../../../catalog/src/graph.js';
import { layeredLayout } from '../../../webview/src/graph/layout.js';
import { buildViewBody, modelContext } from '../../../webview/src/graph/view-model.js';
import { toApiPrompt, type ApiPrompt } from '../api-prompt.js';
import { comfyInterface } from './comfy-interface.js';
import { promptToUi, type UiExportWorkflow, type UiPlacement } from './ui-workflow.js';

export type ExportFormat = 'api' | 'ui';

export interface ExportSource {
    graph: FlowGraph;
    /** The executable workflow (throws naming the first error when the file has errors). */
    exec(workflow?: string): ExecGraph;
}

export interface ExportOptions {
    format: ExportFormat;
    /** Which workflow; the file's first when absent. */
    workflow?: string;
    /** The local engine's catalog (built-ins; the graph view's node sizes). */
    catalog: Catalog;
    /** The ComfyUI server's node list, when loaded: its nodes are sent as themselves. */
    comfyPack?: NodePack;
}

export interface ExportResult {
    json: ApiPrompt | UiExportWorkflow;
    workflow: string;
    /** Things the UI format could not say exactly (the API prompt has none: it refuses instead). */
    problems: string[];
}

/** The API prompt of a workflow; throws comfy-engine's ApiPromptError naming every node without a ComfyUI equivalent. */
export function exportApiPrompt(source: ExportSource, options: Omit<ExportOptions, 'format'>): { prompt: ApiPrompt; exec: ExecGraph; comfyIds: Map<string, string> } {
    const exec = source.exec(options.workflow);
    const served = new Map((options.comfyPack?.nodes ?? []).map(n => [n.name, n]));
    const comfyNode = (type: string) => served.get(type);
    const { prompt, comfyIds } = toApiPrompt(exec, { comfyNode });
    return { prompt, exec, comfyIds };
}

export async function exportComfyUI(source: ExportSource, options: ExportOptions): Promise<ExportResult> {
    const { prompt, exec, comfyIds } = exportApiPrompt(source, options);
    if (options.format === 'api') return { json: prompt, workflow: exec.workflow, problems: [] };
    const placements = await layout(source.graph, exec, comfyIds, [...options.catalog.nodes(), ...options.comfyPack?.nodes ?? []]);
    const { workflow, problems } = promptToUi(
        prompt,
        classType => comfyInterface(options.catalog, options.comfyPack, classType),
        id => placements.get(id) ?? { pos: [0, 0], size: [315, 100] },
    );
    return { json: workflow, workflow: exec.workflow, problems };
}

/** Positions and sizes by ComfyUI id: the graph view's layout of the workflow; inlined subgraph nodes fan out from their instance. */
async function layout(graph: FlowGraph, exec: ExecGraph, comfyIds: Map<string, string>, schemas: readonly NodeSchema[]): Promise<Map<string, UiPlacement>> {
    const body = buildViewBody(graph, exec.workflow, modelContext(graph, schemas));
    const placements = new Map<string, UiPlacement>();
    if (!body) return placements;
    const positions = await layeredLayout(body.nodes, body.edges);
    const sizes = new Map(body.nodes.map(n => [n.id, [n.width, n.height] as [number, number]]));
    const inner = new Map<string, number>();
    for (const node of exec.nodes) {
        const comfyId = comfyIds.get(node.id);
        if (!comfyId) continue;
        const top = node.id.split('/')[0];
        const at = positions.get(top) ?? { x: 0, y: 0 };
        const k = node.id.includes('/') ? (inner.set(top, (inner.get(top) ?? 0) + 1), inner.get(top)!) : 0;
        placements.set(comfyId, { pos: [Math.round(at.x + 40 * k), Math.round(at.y + 40 * k)], size: sizes.get(top) ?? [315, 100] });
    }
    return placements;
}
