/**
 * Every message between the extension host (the graph editor provider) and the graph
 * webview. Both sides import this module, so a message cannot drift. Pure types and
 * constants: no DOM, no VS Code API, no Node built-ins.
 *
 * Node ids are `GraphNode.id` values of the body (workflow or subgraph) named by `body`:
 * ids are only unique within one body.
 */
import type { FlowGraph, SubgraphGraph, SourceRange } from '../../../catalog/src/graph.js';
import type { NodeSchema } from '../../../catalog/src/schema.js';
import type { CatalogJson } from '../../../catalog/src/catalog.js';
import type { EngineName } from '../../../catalog/src/engines.js';
import type { RunEvent } from '../../../catalog/src/run-events.js';

export const GRAPH_VIEW_CONTRACT_VERSION = 2;

// ---------------------------------------------------------------- host -> view

/** The document's graph changed (or the view just became ready): re-render it. */
export interface UpdateMessage {
    type: 'update';
    /**
     * The graph from the language server's `flowstudio/graph` request, preferably as its JSON
     * text (`JSON.stringify(graph)`, see `packGraph`): posting a 500-node graph as an object
     * costs ~100 ms of structured cloning, as a string + JSON.parse ~10 ms (Chromium).
     */
    graph: FlowGraph | string;
    /**
     * The default engine's catalog (`flowstudio/catalog`: nodes, wire types with their colours,
     * packs), or a bare node list (the built-in nodes and types): ports, widgets, palette.
     */
    catalog: CatalogJson | NodeSchema[];
    /**
     * The catalogs of the engines the document's workflows run on, when they differ from the
     * default's: a workflow on `comfyui` is drawn and edited with ComfyUI's nodes.
     */
    engineCatalogs?: Partial<Record<EngineName, CatalogJson>>;
    /**
     * Definitions of subgraphs used by instances in `graph` but declared in other files
     * (imports), so instances can be expanded. Keyed by nothing: match on `uri` + `name`.
     */
    imported?: Array<SubgraphGraph & { uri: string }>;
    /** The TextDocument version the graph was computed from (echoed in edit intents). */
    documentVersion: number;
    /**
     * Show this workflow or subgraph (e.g. the one whose "Open Graph" CodeLens was clicked).
     * Omitted: the view keeps the body it shows (the first workflow at first). A name the
     * graph does not declare is ignored.
     */
    body?: string;
}

/** The text editor's cursor moved onto a node: highlight it (no message back). */
export interface HighlightMessage {
    type: 'highlight';
    body: string;
    /** Undefined clears the highlight. */
    nodeId?: string;
}

/**
 * One run event, forwarded as the engine emitted it. For `preview` and `image` events the
 * host must add `imageUri`, the webview-safe URI of `event.path` (`webview.asWebviewUri`),
 * because the view cannot load file paths.
 */
export interface RunEventMessage {
    type: 'runEvent';
    event: RunEvent;
    imageUri?: string;
}

/** The whole run state at once (when the view opens during or after a run). */
export interface RunSnapshotMessage {
    type: 'runSnapshot';
    state: RunState;
}

/** Forget run states (a new run is about to start, or the run's file changed). */
export interface RunResetMessage { type: 'runReset' }

export type HostToViewMessage =
    | UpdateMessage | HighlightMessage | RunEventMessage | RunSnapshotMessage | RunResetMessage;

// ---------------------------------------------------------------- run state

export type NodeRunStatus = 'queued' | 'running' | 'cached' | 'done' | 'error';

export interface NodeRunState {
    status: NodeRunStatus;
    /** Progress while running, 0..1. */
    progress?: number;
    /** Latest metrics (losses, epoch, step) reported by progress events. */
    metrics?: Record<string, number>;
    etaMs?: number;
    /** Webview URI of the latest preview or image of this node. */
    imageUri?: string;
    message?: string;
    ms?: number;
}

export interface RunState {
    runId?: string;
    workflow?: string;
    status: 'idle' | 'running' | 'success' | 'error' | 'cancelled';
    /** Keyed by exec node id (`instance/inner` inside subgraph instances). */
    nodes: Record<string, NodeRunState>;
    /** A run error not about one node. */
    message?: string;
}

// ---------------------------------------------------------------- view -> host

export {
    EDIT_INTENT_TYPES, SUBGRAPH_INPUTS_NODE, SUBGRAPH_OUTPUTS_NODE,
    type AddNodeIntent, type ConnectIntent, type DeleteNodeIntent, type DisconnectIntent, type EditIntent,
    type IntentBase, type RenameNodeIntent, type SetParamIntent,
} from '../../../editing/src/edit-intents.js';
import { EDIT_INTENT_TYPES, type EditIntent } from '../../../editing/src/edit-intents.js';

/** The view has loaded and wants an `update` (sent once per load, also after reloads). */
export interface ReadyMessage { type: 'ready'; contractVersion: typeof GRAPH_VIEW_CONTRACT_VERSION }

/** The selection changed in the view (the host may sync the text cursor). */
export interface SelectNodeMessage {
    type: 'selectNode';
    body: string;
    /** Undefined when the selection was cleared. */
    nodeId?: string;
    /** The node's statement, so the host needs no lookup. */
    range?: SourceRange;
}

/** Show a source location in a text editor (double-click / Enter on a node, open a subgraph). */
export interface RevealMessage {
    type: 'reveal';
    /** The document to show: this document's URI, or a subgraph's defining file. */
    uri: string;
    range: SourceRange;
}

export type ViewToHostMessage = EditIntent | ReadyMessage | SelectNodeMessage | RevealMessage;

/** The `graph` field as the host should post it. */
export function packGraph(graph: FlowGraph): string {
    return JSON.stringify(graph);
}

export function unpackGraph(graph: FlowGraph | string): FlowGraph {
    return typeof graph === 'string' ? JSON.parse(graph) as FlowGraph : graph;
}

export function isEditIntent(message: ViewToHostMessage): message is EditIntent {
    return (EDIT_INTENT_TYPES as readonly string[]).includes(message.type);
}
