/** Language server entry: stdio (`flowstudio lsp --stdio`) or node IPC (the VS Code client). */
import { DocumentState } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { URI } from 'vscode-uri';
import {
    CATALOG_REQUEST, GRAPH_CHANGED_NOTIFICATION, GRAPH_REQUEST, WORKSPACE_TRUSTED_NOTIFICATION,
    type FlowInitializationOptions, type GraphChangedParams, type GraphRequestParams, type GraphRequestResult,
} from '../../catalog/src/lsp-protocol.js';
import { WorkspacePackLoader } from './language/catalog/workspace-pack-loader.js';
import { createFlowServices } from './language/flow-module.js';
import type { FlowDocumentUpdateHandler } from './language/lsp/flow-document-update-handler.js';

export function startServer(): void {
    const connection = createConnection(ProposedFeatures.all);
    const { shared, Flow } = createFlowServices({ connection, ...NodeFileSystem });
    startLanguageServer(shared);

    // Workspace node packs: loaded when the client says the workspace is trusted, reloaded on edits.
    const packs = new WorkspacePackLoader(Flow.catalog);
    shared.lsp.LanguageServer.onInitialize(params => {
        const trusted = (params.initializationOptions as FlowInitializationOptions | undefined)?.workspaceTrusted === true;
        const folders = params.workspaceFolders?.map(f => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
        void packs.configure(folders, trusted);
    });
    connection.onNotification(WORKSPACE_TRUSTED_NOTIFICATION, () => void packs.trust());
    (shared.lsp.DocumentUpdateHandler as FlowDocumentUpdateHandler).onPackFilesChanged(() => void packs.reload());

    connection.onRequest(GRAPH_REQUEST, async (params: GraphRequestParams): Promise<GraphRequestResult> => {
        const uri = URI.parse(params.uri);
        const documents = shared.workspace.LangiumDocuments;
        // Waits for an edit that has just arrived; a document the server does not know is no graph.
        const known = await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, uri).then(() => true, () => false);
        const document = known ? documents.getDocument(uri) : undefined;
        return document ? Flow.semantics.GraphBuilder.build(document) : null;
    });
    // The node list of the catalog service (built-in and packs); the graph view's palette and widgets.
    connection.onRequest(CATALOG_REQUEST, () => Flow.catalog.current.nodes());
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
