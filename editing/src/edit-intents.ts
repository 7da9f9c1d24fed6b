/**
 * What the graph view asks of the text: the edit intents (set a parameter, connect, disconnect,
 * add, delete, rename). They are the input of editing/ (text edits that leave untouched lines
 * byte-identical); the graph view's contract re-exports them, so the view depends on editing,
 * never the reverse.
 */
import type { ParamValue } from '../../catalog/src/schema.js';

/** Where an intent applies: the body (workflow or subgraph name) and the graph's version. */
export interface IntentBase {
    body: string;
    /** `UpdateMessage.documentVersion` the view was showing; the host drops stale intents. */
    documentVersion: number;
}

/** Set a widget parameter (or a subgraph instance's scalar input) to a literal. */
export interface SetParamIntent extends IntentBase {
    type: 'setParam';
    nodeId: string;
    param: string;
    value: ParamValue;
}

/**
 * In a subgraph body, the pseudo-node whose outputs are the subgraph's inputs (a connect from
 * it writes the input's name) and the one whose inputs are the subgraph's outputs (a connect
 * to it rewrites `output name: TYPE = value`). `#` cannot start a node name.
 */
export const SUBGRAPH_INPUTS_NODE = '#inputs';
export const SUBGRAPH_OUTPUTS_NODE = '#outputs';

/** Wire `from.node`'s output into `to.node`'s input (replacing what the input had). */
export interface ConnectIntent extends IntentBase {
    type: 'connect';
    from: { node: string; output: string };
    to: { node: string; input: string };
}

/** Remove the argument of `nodeId` named `input` (a wire, or a literal back to its default). */
export interface DisconnectIntent extends IntentBase {
    type: 'disconnect';
    nodeId: string;
    input: string;
}

/** Delete a node statement; arguments referencing it are removed too. */
export interface DeleteNodeIntent extends IntentBase {
    type: 'deleteNode';
    nodeId: string;
}

/** Add a node of a catalog (or subgraph) type; the host picks a unique name. */
export interface AddNodeIntent extends IntentBase {
    type: 'addNode';
    nodeType: string;
    /** Optional wire to make at once: the new node's first fitting input from this output. */
    connectFrom?: { node: string; output: string };
}

/** Rename a node and every reference to it. */
export interface RenameNodeIntent extends IntentBase {
    type: 'renameNode';
    nodeId: string;
    newName: string;
}

export type EditIntent =
    | SetParamIntent | ConnectIntent | DisconnectIntent | DeleteNodeIntent | AddNodeIntent | RenameNodeIntent;

export const EDIT_INTENT_TYPES: ReadonlyArray<EditIntent['type']> =
    ['setParam', 'connect', 'disconnect', 'deleteNode', 'addNode', 'renameNode'];
