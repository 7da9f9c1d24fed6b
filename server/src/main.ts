/** Language server entry: stdio (`flowstudio lsp --stdio`) or node IPC (the VS Code client). */
import { DocumentState } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { URI } from 'vscode-uri';
import { DEFAULT_ENGINE, isEngine } from '../../catalog/src/engines.js';
import {
    CATALOG_CHANGED_NOTIFICATION, CATALOG_REQUEST, GRAPH_CHANGED_NOTIFICATION, GRAPH_REQUEST, REFRESH_COMFYUI_NODES_REQUEST, SETTINGS_NOTIFICATION, WORKSPACE_TRUSTED_NOTIFICATION,
    type CatalogRequestParams, type CatalogRequestResult, type FlowInitializationOptions, type FlowSettings, type GraphChangedParams,
    type GraphRequestParams, type GraphRequestResult, type RefreshComfyuiNodesResult,
} from '../../catalog/src/lsp-protocol.js';
import { ComfyNodesLoader } from './language/catalog/comfyui-nodes.js';
import { WorkspacePackLoader } from './language/catalog/workspace-pack-loader.js';
import { createFlowServices } from './language/flow-module.js';
import type { FlowDocumentUpdateHandler } from './language/lsp/flow-document-update-handler.js';

export function startServer(): void {
    const connection = createConnection(ProposedFeatures.all);
    const { shared, Flow } = createFlowServices({ connection, ...NodeFileSystem });
    startLanguageServer(shared);

    // Workspace node packs: loaded when the client says the workspace is trusted, reloaded on edits.
    const packs = new WorkspacePackLoader(Flow.catalog);
    // ComfyUI's node list: from the configured server, else the workspace's saved object_info.json.
    const comfyNodes = new ComfyNodesLoader(Flow.catalog);
    const applyEngine = (settings: FlowSettings | undefined) =>
        Flow.catalog.setDefaultEngine(isEngine(settings?.engine) ? settings.engine : DEFAULT_ENGINE);
    shared.lsp.LanguageServer.onInitialize(params => {
        const options = params.initializationOptions as FlowInitializationOptions | undefined;
        const trusted = options?.workspaceTrusted === true;
        const folders = params.workspaceFolders?.map(f => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
        applyEngine(options);
        void packs.configure(folders, trusted);
        void comfyNodes.configure(folders, { server: options?.comfyuiServer || undefined });
    });
    connection.onNotification(WORKSPACE_TRUSTED_NOTIFICATION, () => void packs.trust());
    connection.onNotification(SETTINGS_NOTIFICATION, (settings: FlowSettings) => {
        applyEngine(settings);
        void comfyNodes.setServer(settings?.comfyuiServer);
    });
    const updates = shared.lsp.DocumentUpdateHandler as FlowDocumentUpdateHandler;
    updates.onPackFilesChanged(() => void packs.reload());
    updates.onObjectInfoChanged(() => void comfyNodes.reload());
    connection.onRequest(REFRESH_COMFYUI_NODES_REQUEST, async (): Promise<RefreshComfyuiNodesResult> => {
        await comfyNodes.reload();
        const state = Flow.catalog.comfyuiState;
        return { nodes: state.pack?.nodes.length ?? 0, ...(state.pack ? { source: state.pack.label } : {}), problems: state.problems.map(p => p.message) };
    });

    connection.onRequest(GRAPH_REQUEST, async (params: GraphRequestParams): Promise<GraphRequestResult> => {
        const uri = URI.parse(params.uri);
        const documents = shared.workspace.LangiumDocuments;
        // Waits for an edit that has just arrived; a document the server does not know is no graph.
        const known = await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, uri).then(() => true, () => false);
        const document = known ? documents.getDocument(uri) : undefined;
        return document ? Flow.semantics.GraphBuilder.build(document) : null;
    });
    // An engine's catalog (built-in and packs, or ComfyUI's): the graph view's palette, ports and widgets.
    connection.onRequest(CATALOG_REQUEST, (params: CatalogRequestParams | undefined): CatalogRequestResult => {
        const engine = isEngine(params?.engine) ? params.engine : Flow.catalog.defaultEngine;
        return { ...Flow.catalog.forEngine(engine).toJSON(), engine };
    });
    // Before the rebuild it triggers, so a graph view refetches the catalog with the new graph.
    Flow.catalog.onDidChange(() => void connection.sendNotification(CATALOG_CHANGED_NOTIFICATION));
    shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, documents => {
        for (const document of documents) {
            const params: GraphChangedParams = { uri: document.uri.toString(), version: document.textDocument.version };
            void connection.sendNotification(GRAPH_CHANGED_NOTIFICATION, params);
        }
    });
}

// Bundled as the extension's server module, this file is the entry point; the CLI imports startServer instead.
if (process.env.FLOWSTUDIO_SERVER_MAIN === '1' || /server[\\/]main\.c?js$/.test(process.argv[1] ?? '')) {
    startServer();
}
