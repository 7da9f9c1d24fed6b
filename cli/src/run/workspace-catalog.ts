/**
 * The CLI's catalog: the built-in nodes plus the node packs of the workspace around a file
 * (`.flowstudio/nodes/` in its folder or above), which load only with --trust-workspace-nodes
 * (the VS Code extension passes it in trusted workspaces).
 */
import { statSync } from 'node:fs';
import type { EngineName } from '../../../catalog/src/engines.js';
import { discoverPackFiles, findPackRoot } from '../../../packs/src/discover.js';
import { workspacePacks, type WorkspacePacks } from '../../../packs/src/workspace-packs.js';
import { flowServices } from '../../../server/src/api.js';
import type { NodeSchema } from '../../../catalog/src/index.js';

export const TRUST_HINT = 'run with --trust-workspace-nodes, or trust the workspace in VS Code';

/**
 * The language's catalog gets the node packs of the workspace around `dir` (loaded only when
 * trusted); a run's engine gets their implementations.
 */
export async function usePacks(dir: string, trusted: boolean): Promise<WorkspacePacks> {
    const root = findPackRoot(dir);
    // `check a.flow b.flow ...` in one workspace: load its packs (and re-check documents) once.
    const key = root ? `${root}|${trusted}|${discoverPackFiles(root).map(stamp).join('|')}` : '';
    if (last?.key === key) return last.packs;
    const packs = root ? await workspacePacks([root], trusted, TRUST_HINT) : { loaded: [], problems: [], files: [] };
    flowServices().Flow.catalog.setPacks(packs.loaded.map(l => l.pack), packs.problems);
    last = { key, packs };
    return packs;
}

let last: { key: string; packs: WorkspacePacks } | undefined;

/** A pack file's identity for the memo above: an edited pack loads again. */
function stamp(file: string): string {
    const { mtimeMs, size } = statSync(file);
    return `${file}:${mtimeMs}:${size}`;
}

/** Node schemas of the language's catalog for an engine (local: built-in nodes and the loaded packs; comfyui: the server's nodes and the mapped built-ins). */
export function loadedSchemas(engine: EngineName = 'local'): (type: string) => NodeSchema | undefined {
    const catalog = flowServices().Flow.catalog.forEngine(engine);
    return type => catalog.node(type);
}
