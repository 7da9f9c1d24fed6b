/**
 * The language server's side of ComfyUI's node list: from the configured server
 * (`flowstudio.comfyui.server`, fetched with a short timeout and kept until refreshed) or the
 * workspace's saved `.flowstudio/comfyui/object_info.json` (reloaded when it changes). Loads
 * serially, so a burst of changes ends with the last state; a failure becomes the catalog's
 * ComfyUI problems, never an exception.
 */
import { URI } from 'langium';
import { findObjectInfoFile, loadObjectInfo, OBJECT_INFO_FILE } from '../../../../comfyui/src/object-info-source.js';
import type { CatalogService } from './catalog-service.js';

export const OBJECT_INFO_HINT = `set flowstudio.comfyui.server to the server's URL, or save its /object_info as ${OBJECT_INFO_FILE.split('\\').join('/')} in the workspace`;

export interface ComfyNodesConfig {
    /** The server's base URL, when configured. */
    server?: string;
    /** An explicit object_info file (the CLI's --object-info); else the workspace's saved one. */
    file?: string;
}

export class ComfyNodesLoader {
    private folders: string[] = [];
    private config: ComfyNodesConfig = {};
    private loading: Promise<void> = Promise.resolve();

    constructor(private readonly catalog: CatalogService, private readonly timeoutMs?: number) {}

    configure(folderUris: readonly string[], config: ComfyNodesConfig): Promise<void> {
        this.folders = folderUris.map(u => URI.parse(u)).filter(u => u.scheme === 'file').map(u => u.fsPath);
        this.config = config;
        return this.reload();
    }

    /** New settings; the list is loaded again only when its source changed. */
    setServer(server: string | undefined): Promise<void> {
        if ((server || undefined) === this.config.server) return this.loading;
        this.config = { ...this.config, server: server || undefined };
        return this.reload();
    }

    /** Loads again (a refresh command, the saved file changed). Resolves with the node count. */
    reload(): Promise<void> {
        this.loading = this.loading.then(() => this.load(), () => this.load());
        return this.loading;
    }

    private async load(): Promise<void> {
        const file = this.config.file ?? findObjectInfoFile(this.folders);
        const sources = [this.config.server && `${this.config.server}/object_info`, file].filter((s): s is string => !!s);
        try {
            const loaded = await loadObjectInfo({ server: this.config.server, file, timeoutMs: this.timeoutMs });
            this.catalog.setComfyPack({ pack: loaded.pack, problems: loaded.problems, sources });
        } catch (e) {
            // Loading reports problems itself; anything else must not take the server down.
            this.catalog.setComfyPack({ problems: [{ packId: 'comfyui', message: `ComfyUI node list could not be loaded: ${(e as Error).message}` }], sources });
        }
    }
}
