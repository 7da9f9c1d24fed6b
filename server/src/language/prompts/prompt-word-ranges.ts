/**
 * The words of a prompt string literal (catalog/src/prompt-text.ts: the tokenizer's words, the
 * weighting brackets and weights excluded) with where each is written in the document: a
 * literal's value has its escapes decoded and a `"""` block its indentation removed
 * (catalog/src/string-literals.ts), so value offsets are mapped back character by character.
 */
import type { Range } from 'vscode-languageserver';
import { parsePrompt } from '../../../../catalog/src/prompt-text.js';
import { decodeString } from '../../../../catalog/src/string-literals.js';
import { AstUtils } from 'langium';
import type { StringLiteral } from '../generated/ast.js';

export interface PlacedWord {
    readonly word: string;
    /** Document offsets. */
    readonly start: number;
    readonly end: number;
    readonly range: Range;
}

export function promptWordsOf(literal: StringLiteral): PlacedWord[] {
    const cst = literal.$cstNode;
    if (!cst) return [];
    const decoded = decodeString(cst.text);
    const text = AstUtils.getDocument(literal).textDocument;
    return parsePrompt(decoded.value).words.filter(w => w.end > w.start).map(w => {
        const start = cst.offset + decoded.starts[w.start];
        const end = cst.offset + decoded.ends[w.end - 1];
        return { word: w.word, start, end, range: { start: text.positionAt(start), end: text.positionAt(end) } };
    });
}
