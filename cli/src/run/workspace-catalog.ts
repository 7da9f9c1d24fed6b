/**
 * The CLI's catalog: the built-in nodes plus the node packs of the workspace around a file
 * (`.flowstudio/nodes/` in its folder or above), which load only with --trust-workspace-nodes
 * (the VS Code extension passes it in trusted workspaces).
 */
import { findPackRoot } from '../../../packs/src/discover.js';
import { workspacePacks, type WorkspacePacks } from '../../../packs/src/workspace-packs.js';
import { flowServices } from '../../../server/src/api.js';

export const TRUST_HINT = 'run with --trust-workspace-nodes, or trust the workspace in VS Code';

/**
 * The language's catalog gets the node packs of the workspace around `dir` (loaded only when
 * trusted); a run's engine gets their implementations.
 */
export async function usePacks(dir: string, trusted: boolean): Promise<WorkspacePacks> {
    const root = findPackRoot(dir);
    const packs = root ? await workspacePacks([root], trusted, TRUST_HINT) : { loaded: [], problems: [], files: [] };
    const catalog = flowServices().Flow.catalog;
    // Swapping the catalog re-checks every document of this process: only when something changes.
    if (packs.files.length || catalog.current.packs.length > 1 || catalog.current.problems.length) {
        catalog.setPacks(packs.loaded.map(l => l.pack), packs.problems);
    }
    return packs;
}
