/**
 * Two duties Langium's builder can't know about, because a node's type names a subgraph
 * by plain identifier rather than by cross-reference: load imported files that are not
 * open or in the workspace, and rebuild importers when an imported file changes.
 */
import { DefaultDocumentBuilder, type BuildOptions, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { URI } from 'vscode-uri';
import type { Document } from './generated/ast.js';
import { resolveImportUri } from './semantics/node-types.js';

export class FlowDocumentBuilder extends DefaultDocumentBuilder {
    constructor(services: LangiumSharedCoreServices) {
        super(services);
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
        return super.shouldRelink(document, changedUris) || importedUris(document).some(u => changedUris.has(u.toString()));
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
