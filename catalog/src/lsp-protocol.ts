/**
 * Custom LSP messages between the Flow language server and its clients (the VS Code
 * extension and its graph view). Method names and payloads only: no LSP library imports,
 * so webviews and the CLI can share them.
 */
import type { CatalogJson } from './catalog.js';
import type { EngineName } from './engines.js';
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

/**
 * Request (client -> server): an engine's node catalog (the default engine's when none is
 * given), as `CatalogJson`: nodes, wire types and their colours, packs and their problems — what
 * the graph view's palette, ports and widgets show.
 */
export const CATALOG_REQUEST = 'flowstudio/catalog';
export interface CatalogRequestParams { engine?: EngineName }
export type CatalogRequestResult = CatalogJson;

/** Server → client, no params: a catalog changed (a pack loaded or edited); cached catalogs are stale. */
export const CATALOG_CHANGED_NOTIFICATION = 'flowstudio/catalogChanged';

/** Client → server: the settings the language reads changed (same shape as the initialization options). */
export const SETTINGS_NOTIFICATION = 'flowstudio/settings';
export interface FlowSettings {
    /** `flowstudio.engine`: where a workflow without `on …` runs. */
    engine?: string;
    /** `flowstudio.comfyui.server`: the ComfyUI server whose node list the language loads. */
    comfyuiServer?: string;
}

/** Request (client → server): fetch the ComfyUI node list again ("Flow Studio: Refresh ComfyUI Nodes"). */
export const REFRESH_COMFYUI_NODES_REQUEST = 'flowstudio/refreshComfyuiNodes';
export interface RefreshComfyuiNodesResult {
    /** Nodes in the loaded list (0 when none could be loaded). */
    nodes: number;
    /** Where it came from: the server URL or the saved file, when loaded. */
    source?: string;
    problems: string[];
}

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
/** A workspace's saved ComfyUI node list (comfyui/src/object-info-source.ts). */
export const OBJECT_INFO_GLOB = '**/.flowstudio/comfyui/object_info.json';
export const WATCHED_GLOBS = [FLOW_FILES_GLOB, PACK_FILES_GLOB, CHECKPOINT_FILES_GLOB, OBJECT_INFO_GLOB] as const;

export interface FlowInitializationOptions extends FlowSettings {
    workspaceTrusted?: boolean;
}

/** Commands the server's CodeLenses invoke; the extension registers them. */
export const RUN_WORKFLOW_COMMAND = 'flowstudio.runWorkflow';
export const OPEN_GRAPH_COMMAND = 'flowstudio.openGraphToSide';
