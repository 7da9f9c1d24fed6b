import type { FlowGraph } from '../../catalog/src/graph.js';
import type { EditIntent } from './edit-intents.js';
import { addNodeEdits } from './add-node.js';
import { connectEdits } from './connect.js';
import { deleteNodeEdits } from './delete-node.js';
import { disconnectEdits } from './disconnect.js';
import type { EditContext } from './graph-lookup.js';
import { renameNodeEdits } from './rename-node.js';
import { setParamEdits } from './set-param.js';
import { LineIndex, type TextEdit } from './text-edit.js';

/**
 * The text edits that carry out a graph view's edit intent on a `.flow` document.
 * `graph` must be the language server's graph of exactly `text` (same document version).
 * Throws `EditError` with a message for the user when the intent cannot be applied.
 * Edits never overlap; untouched lines stay byte-identical.
 */
export function computeEdits(text: string, graph: FlowGraph, intent: EditIntent, context: EditContext): TextEdit[] {
    const index = new LineIndex(text);
    switch (intent.type) {
        case 'setParam': return setParamEdits(index, graph, intent, context);
        case 'connect': return connectEdits(index, graph, intent, context);
        case 'disconnect': return disconnectEdits(index, graph, intent);
        case 'deleteNode': return deleteNodeEdits(index, graph, intent);
        case 'addNode': return addNodeEdits(index, graph, intent, context);
        case 'renameNode': return renameNodeEdits(index, graph, intent);
    }
}
