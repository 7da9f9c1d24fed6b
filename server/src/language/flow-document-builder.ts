/**
 * Two duties Langium's builder can't know about, because a node's type names a subgraph
 * by plain identifier rather than by cross-reference: load imported files that are not
 * open or in the workspace, and rebuild importers when an imported file changes.
 *
 * And one about time: an edit reaches the builder only after the workspace is ready and the
 * write lock is free, so a request sent right after didOpen or didChange used to find no
 * document (-32802) or the previous text's build, and answer for it. Edits are noted as
 * pending the moment they arrive (`notePending`), and `waitUntil` waits for them first.
 */
import { DefaultDocumentBuilder, type BuildOptions, type DocumentState, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { URI } from 'vscode-uri';
import type { Document } from './generated/ast.js';
import { resolveImportUri } from './semantics/node-types.js';

interface Pending { updates: number; applied: Promise<void>; resolve(): void }

export class FlowDocumentBuilder extends DefaultDocumentBuilder {
    private readonly pending = new Map<string, Pending>();
    /** URIs the update in progress has settled (updates run one at a time, under the write lock). */
    private settledByUpdate = new Set<string>();

    constructor(services: LangiumSharedCoreServices) {
        super(services);
    }

    /** Called synchronously when an edit or file change arrives, before its update is queued. */
    notePending(uris: readonly URI[]): void {
        // One notification is one update, which settles each URI once: a URI listed twice (VS Code
        // reports a saved file as changed twice at times) must count once, or it stays pending
        // forever and every request about it waits forever.
        for (const key of new Set(uris.map(uri => uri.toString()))) {
            const entry = this.pending.get(key);
            if (entry) {
                entry.updates++;
                continue;
            }
            let resolve!: () => void;
            const applied = new Promise<void>(r => { resolve = r; });
            this.pending.set(key, { updates: 1, applied, resolve });
        }
    }

    /** The document changes of an update are all made when Langium emits it: pending no more. */
    protected override async emitUpdate(changed: URI[], deleted: URI[]): Promise<void> {
        await super.emitUpdate(changed, deleted);
        for (const uri of [...changed, ...deleted]) this.settle(uri.toString());
    }

    override async update(changed: URI[], deleted: URI[], cancelToken?: CancellationToken): Promise<void> {
        this.settledByUpdate = new Set();
        const requested = [...changed, ...deleted].map(uri => uri.toString());
        try {
            await super.update(changed, deleted, cancelToken);
        } finally {
            // A directory or a file Langium does not keep never reaches emitUpdate under its own URI.
            for (const key of requested) this.settle(key);
        }
    }

    override waitUntil(state: DocumentState, cancelToken?: CancellationToken): Promise<void>;
    override waitUntil(state: DocumentState, uri?: URI, cancelToken?: CancellationToken): Promise<URI>;
    override async waitUntil(state: DocumentState, uriOrToken?: URI | CancellationToken, cancelToken?: CancellationToken): Promise<URI | void> {
        const uri = uriOrToken && 'path' in uriOrToken ? uriOrToken : undefined;
        for (let entry = uri && this.pending.get(uri.toString()); entry; entry = this.pending.get(uri!.toString())) {
            await entry.applied;
        }
        return super.waitUntil(state, uriOrToken as URI, cancelToken);
    }

    private settle(key: string): void {
        if (this.settledByUpdate.has(key)) return;
        this.settledByUpdate.add(key);
        const entry = this.pending.get(key);
        if (!entry) return;
        if (--entry.updates > 0) return;
        this.pending.delete(key);
        entry.resolve();
    }

    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: CancellationToken): Promise<void> {
        const all = [...documents];
        const known = new Set(all.map(d => d.uri.toString()));
        for (let i = 0; i < all.length; i++) {
            for (const uri of importedUris(all[i])) {
                const key = uri.toString();
                if (known.has(key)) continue;
                known.add(key);
                if (this.langiumDocuments.hasDocument(uri)) continue;
                if (!(await this.exists(uri))) continue;
                const doc = await this.langiumDocuments.getOrCreateDocument(uri);
                all.push(doc);
            }
        }
        return super.buildDocuments(all, options, cancelToken);
    }

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        return this.relinkEverything || (this.relinkWhere?.(document) ?? false) || super.shouldRelink(document, changedUris) || importedUris(document).some(u => changedUris.has(u.toString()));
    }

    private relinkEverything = false;

    /**
     * Links and validates every document again without re-reading any: what node types exist
     * changed (the catalog's packs), not the texts.
     */
    async rebuildAll(cancelToken?: CancellationToken): Promise<void> {
        this.relinkEverything = true;
        try {
            await this.update([], [], cancelToken);
        } finally {
            this.relinkEverything = false;
        }
    }

    private relinkWhere: ((document: LangiumDocument) => boolean) | undefined;

    /** Links and validates again the documents `which` selects: something they read besides their text changed (a checkpoint file). */
    async rebuildWhere(which: (document: LangiumDocument) => boolean, cancelToken?: CancellationToken): Promise<void> {
        this.relinkWhere = which;
        try {
            await this.update([], [], cancelToken);
        } finally {
            this.relinkWhere = undefined;
        }
    }

    private async exists(uri: URI): Promise<boolean> {
        try {
            const stat = await this.fileSystemProvider.stat(uri);
            return stat.isFile;
        } catch {
            return false;
        }
    }
}

function importedUris(document: LangiumDocument): URI[] {
    const root = document.parseResult?.value as Document | undefined;
    return (root?.imports ?? []).map(i => resolveImportUri(document.uri, i.path)).filter((u): u is URI => !!u);
}
