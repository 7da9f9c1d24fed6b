/**
 * The language server's side of workspace node packs: which workspace folders it serves and
 * whether the client said the workspace is trusted; (re)loading the packs into the catalog at
 * start, when trust is granted, and whenever a pack file changes (hot reload: the catalog swaps
 * and every document is checked again).
 */
import { URI } from 'langium';
import type { PackProblem } from '../../../../catalog/src/catalog.js';
import { workspacePacks } from '../../../../packs/src/workspace-packs.js';
import type { CatalogService } from './catalog-service.js';

const HOW_TO_TRUST = 'trust the workspace in VS Code (Workspaces: Manage Workspace Trust), or run with --trust-workspace-nodes';

export class WorkspacePackLoader {
    private folders: string[] = [];
    private trusted = false;
    private loading: Promise<void> = Promise.resolve();

    constructor(private readonly catalog: CatalogService) {}

    configure(folderUris: readonly string[], trusted: boolean): Promise<void> {
        this.folders = folderUris.map(u => URI.parse(u)).filter(u => u.scheme === 'file').map(u => u.fsPath);
        this.trusted = trusted;
        return this.reload();
    }

    trust(): Promise<void> {
        this.trusted = true;
        return this.reload();
    }

    /** Reloads serially: a burst of pack edits ends with the last content loaded. */
    reload(): Promise<void> {
        this.loading = this.loading.then(() => this.load(), () => this.load());
        return this.loading;
    }

    private async load(): Promise<void> {
        let packs;
        try {
            packs = await workspacePacks(this.folders, this.trusted, HOW_TO_TRUST);
        } catch (e) {
            // Loading reports problems itself; anything else must not take the server down.
            const problem: PackProblem = { packId: 'workspace', message: `node packs could not be loaded: ${(e as Error).message}` };
            this.catalog.setPacks([], [problem]);
            return;
        }
        this.catalog.setPacks(packs.loaded.map(l => l.pack), packs.problems);
    }
}
