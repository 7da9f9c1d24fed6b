/**
 * The node packs of the workspace around a folder, loaded only when the workspace is trusted:
 * a pack is code, and runs with the user's rights. Untrusted, each pack file becomes a problem
 * that says how to trust it, so an unknown node from it is explained, not mysterious.
 */
import * as path from 'node:path';
import type { PackProblem } from '../../catalog/src/catalog.js';
import { discoverPackFiles } from './discover.js';
import { loadPackFiles, type PackModule } from './load-pack.js';
import type { NodePack } from '../../catalog/src/catalog.js';

export interface WorkspacePacks {
    loaded: Array<{ pack: NodePack; module: PackModule; hash: string }>;
    problems: PackProblem[];
    /** Pack files found, loaded or not. */
    files: string[];
}

export async function workspacePacks(workspaceDirs: readonly string[], trusted: boolean, howToTrust: string): Promise<WorkspacePacks> {
    const files = workspaceDirs.flatMap(discoverPackFiles);
    if (!trusted) {
        return {
            loaded: [], files,
            problems: files.map(file => ({ packId: file, file, message: `node pack ${path.basename(file)} is not loaded: the workspace is not trusted (${howToTrust})` })),
        };
    }
    return { ...(await loadPackFiles(files)), files };
}
