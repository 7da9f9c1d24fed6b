/**
 * Custom LSP messages between the Flow language server and its clients (the VS Code
 * extension and its graph view). Method names and payloads only: no LSP library imports,
 * so webviews and the CLI can share them.
 */
import type { FlowGraph } from './graph.js';

/** Request (client -> server): the resolved graph of a document as the server sees it now. */
export const GRAPH_REQUEST = 'flowstudio/graph';
export interface GraphRequestParams { uri: string }
export type GraphRequestResult = FlowGraph | null;

/**
 * Notification (server -> client): a document was (re)validated; its graph may have
 * changed. Clients interested in the graph re-request it.
 */
export const GRAPH_CHANGED_NOTIFICATION = 'flowstudio/graphChanged';
export interface GraphChangedParams { uri: string; version: number }

/** Request (client -> server): the node catalog, as JSON (what the palette and forms show). */
export const CATALOG_REQUEST = 'flowstudio/catalog';

/**
 * Client → server, no params: the user trusted the workspace, so its node packs
 * (`.flowstudio/nodes/*.{js,mjs}`) may load. At start the client says it in
 * `initializationOptions.workspaceTrusted`.
 */
export const WORKSPACE_TRUSTED_NOTIFICATION = 'flowstudio/workspaceTrusted';

/** The files the language reads besides open documents: what the client watches and the server registers. */
export const FLOW_FILES_GLOB = '**/*.flow';
export const PACK_FILES_GLOB = '**/.flowstudio/nodes/*.{js,mjs}';
/** Checkpoints: `ckpt_name` completion, hover and prompt vocabularies refresh when one is written. */
export const CHECKPOINT_FILES_GLOB = '**/*.safetensors';
export const WATCHED_GLOBS = [FLOW_FILES_GLOB, PACK_FILES_GLOB, CHECKPOINT_FILES_GLOB] as const;

export interface FlowInitializationOptions {
    workspaceTrusted?: boolean;
}

/** Commands the server's CodeLenses invoke; the extension registers them. */
export const RUN_WORKFLOW_COMMAND = 'flowstudio.runWorkflow';
export const OPEN_GRAPH_COMMAND = 'flowstudio.openGraphToSide';
