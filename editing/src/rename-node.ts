import type { FlowGraph, SourceRange } from '../../catalog/src/graph.js';
import type { RenameNodeIntent } from './edit-intents.js';
import { EditError } from './edit-error.js';
import { isValidNodeName } from './format.js';
import { findBody, findNode, takenNames } from './graph-lookup.js';
import { significant, tokenize, type Token } from './tokens.js';
import { edit, type LineIndex, type TextEdit } from './text-edit.js';

/**
 * Renames a node and every reference to it in its body: argument values wired from it and
 * subgraph `output` declarations. Names a node for the first time when it is anonymous.
 */
export function renameNodeEdits(index: LineIndex, graph: FlowGraph, intent: RenameNodeIntent): TextEdit[] {
    const body = findBody(graph, intent.body);
    const node = findNode(body, intent.nodeId);
    const newName = intent.newName;
    if (newName === node.name) return [];
    if (!isValidNodeName(newName)) throw new EditError(`"${newName}" is not a valid node name (letters, digits and _, not starting with a digit, not a keyword)`);
    if (takenNames(body).has(newName)) throw new EditError(`the name "${newName}" is already used in ${body.name}`);
    if (!node.name) {
        const at = index.offsetAt(node.typeRange.start);
        return [edit(index, at, at, `${newName} = `)];
    }
    const oldName = node.name;
    const edits: TextEdit[] = [];
    const nameAt = node.nameRange ?? node.range;
    const nameToken = tokenize(index.text, index.offsetAt(nameAt.start), index.offsetAt(nameAt.end))
        .find(t => t.kind === 'id' && t.text === oldName);
    if (!nameToken) throw new EditError(`cannot find the name of node "${node.id}" at line ${nameAt.start.line + 1}`);
    edits.push(edit(index, nameToken.start, nameToken.end, newName));

    for (const other of body.nodes) {
        for (const [arg, source] of Object.entries(other.args)) {
            if (source.kind !== 'wire' || source.node !== node.id) continue;
            const range = other.argRanges[arg];
            if (!range) continue;
            for (const t of referenceTokens(index, range, oldName, ':')) edits.push(edit(index, t.start, t.end, newName));
        }
    }
    if (body.kind === 'subgraph') {
        for (const o of body.outputs) {
            if (!o.source || !('node' in o.source) || o.source.node !== node.id) continue;
            for (const t of referenceTokens(index, o.range, oldName, '=')) edits.push(edit(index, t.start, t.end, newName));
        }
    }
    return edits;
}

/** Tokens of `name` after the first `after` token in the range that start a reference (not `x.name`). */
function referenceTokens(index: LineIndex, range: SourceRange, name: string, after: string): Token[] {
    const tokens = significant(tokenize(index.text, index.offsetAt(range.start), index.offsetAt(range.end)));
    const from = tokens.findIndex(t => t.text === after);
    return tokens.filter((t, i) => i > from && t.kind === 'id' && t.text === name && tokens[i - 1]?.text !== '.');
}
