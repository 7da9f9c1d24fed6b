/**
 * Where a workflow runs, and which nodes it may use there. `local` runs on this machine with
 * TensorFlow.js (built-in nodes and workspace packs); `comfyui` runs on a ComfyUI server (the
 * server's own nodes, from its `/object_info`, plus the built-ins that compute what a ComfyUI
 * node does). A workflow names its engine (`workflow W on comfyui { … }`), else the default
 * (`flowstudio.engine`), and a run may override it (`--engine`). Pure data.
 */
import { Catalog, type NodePack, type PackProblem } from './catalog.js';

export const ENGINES = ['local', 'comfyui'] as const;
export type EngineName = typeof ENGINES[number];
export const DEFAULT_ENGINE: EngineName = 'local';

export function isEngine(name: unknown): name is EngineName {
    return (ENGINES as readonly unknown[]).includes(name);
}

/** How each engine is called in messages. */
export const ENGINE_LABELS: Readonly<Record<EngineName, string>> = { local: 'the local engine', comfyui: 'a ComfyUI server' };

/**
 * The catalog a ComfyUI workflow is checked against: the server's nodes first (its definition of
 * a ComfyUI-named node wins), then the built-ins `mappable` says run as a ComfyUI node (with the
 * built-in wire types, which share ComfyUI's names). Without a server pack only those built-ins.
 */
export function comfyuiCatalog(builtin: NodePack, comfy: NodePack | undefined, mappable: (flowType: string) => boolean, problems: readonly PackProblem[] = []): Catalog {
    const served = new Set(comfy?.nodes.map(n => n.name) ?? []);
    const mapped: NodePack = { ...builtin, nodes: builtin.nodes.filter(n => mappable(n.name) && !served.has(n.name)) };
    return Catalog.compose(comfy ? [mapped, comfy] : [mapped], problems);
}
