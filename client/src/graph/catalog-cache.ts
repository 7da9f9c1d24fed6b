/**
 * The language server's catalogs, per engine, as the graph views need them: fetched once
 * (`flowstudio/catalog`), shared by every view of a client, and dropped when the server says a
 * catalog changed (a pack loaded, a ComfyUI node list fetched) — that notification comes before
 * the graph updates the change causes.
 */
import type { LanguageClient } from 'vscode-languageclient/node';
import type { CatalogJson } from '../../../catalog/src/catalog.js';
import type { MetricSpec } from '../../../catalog/src/schema.js';
import { builtinMetrics } from '../panels/dashboard-messages.js';
import type { EngineName } from '../../../catalog/src/engines.js';
import { CATALOG_CHANGED_NOTIFICATION, CATALOG_REQUEST, type CatalogRequestParams } from '../../../catalog/src/lsp-protocol.js';

class CatalogCache {
    private readonly cached = new Map<string, Promise<CatalogJson>>();

    constructor(private readonly client: LanguageClient) {
        client.onNotification(CATALOG_CHANGED_NOTIFICATION, () => {
            this.cached.clear();
            // Keep the dashboard's metric lookup current even when no graph view asks.
            void this.get().catch(() => undefined);
        });
    }

    /** An engine's catalog; without one, the default engine's. */
    get(engine?: EngineName): Promise<CatalogJson> {
        const key = engine ?? '';
        let found = this.cached.get(key);
        if (!found) {
            found = this.client.sendRequest<CatalogJson>(CATALOG_REQUEST, (engine ? { engine } : {}) satisfies CatalogRequestParams);
            // A failed request is not kept: the next update asks again.
            found.then(remember, () => this.cached.delete(key));
            this.cached.set(key, found);
        }
        return found;
    }
}

/** The metrics of every trainer of the catalogs fetched last (workspace packs included). */
const knownMetrics = new Map<string, readonly MetricSpec[]>();

function remember(catalog: CatalogJson): void {
    for (const node of catalog.nodes) if (node.metrics?.length) knownMetrics.set(node.name, node.metrics);
}

/** The dashboard's metric lookup: the server's catalogs when fetched, else the built-in schemas. */
export function catalogMetrics(nodeType: string): readonly MetricSpec[] | undefined {
    return knownMetrics.get(nodeType) ?? builtinMetrics(nodeType);
}

const caches = new WeakMap<LanguageClient, CatalogCache>();

export function catalogsOf(client: LanguageClient): CatalogCache {
    let cache = caches.get(client);
    if (!cache) {
        cache = new CatalogCache(client);
        caches.set(client, cache);
    }
    return cache;
}
