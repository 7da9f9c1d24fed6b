/**
 * The shape of one node statement (`name = Type(arg: value, ...)`) as token offsets:
 * where its parentheses, arguments, values and commas are. Every edit is
 * computed from this, so formatting the user chose (one line, several lines, trailing
 * commas, comments) can be kept.
 */
import { tokenize, significant, type Token } from './tokens.js';
import { EditError } from './edit-error.js';

export interface ArgumentSpan {
    name: string;
    /** Offset of the argument's name. */
    start: number;
    /** Offsets of the value (first token start, last token end). */
    valueStart: number;
    valueEnd: number;
    /** The comma right after the value, when there is one. */
    comma?: Token;
}

export interface StatementShape {
    open: Token;
    close: Token;
    args: ArgumentSpan[];
}

export function analyzeStatement(text: string, start: number, end: number, label: string): StatementShape {
    // The statement's range may stop short of trailing comments; scan to the line's end too.
    const lineEnd = text.indexOf('\n', end);
    const sig = significant(tokenize(text, start, lineEnd < 0 ? text.length : Math.max(end, lineEnd)));
    const openIndex = sig.findIndex((t, i) => t.text === '(' && t.kind === 'punct' && sig[i - 1]?.kind === 'id');
    if (openIndex < 0) throw new EditError(`node ${label}: no argument list found in its statement`);
    const open = sig[openIndex];
    const args: ArgumentSpan[] = [];
    let parens = 1, brackets = 0;
    let current: ArgumentSpan | undefined;
    let close: Token | undefined;
    for (let i = openIndex + 1; i < sig.length; i++) {
        const t = sig[i];
        const structural = t.kind === 'punct';
        if (structural && t.text === '(') parens++;
        else if (structural && t.text === '[') brackets++;
        else if (structural && t.text === ']') brackets--;
        else if (structural && t.text === ')' && --parens === 0) { close = t; break; }
        const top = parens === 1 && brackets === 0;
        if (top && structural && t.text === ',' ) {
            if (current) { current.comma = t; args.push(current); current = undefined; }
            continue;
        }
        if (!current) {
            if (sig[i + 1]?.text !== ':') throw new EditError(`node ${label}: cannot read the argument at "${t.text}"`);
            current = { name: t.text, start: t.start, valueStart: -1, valueEnd: -1 };
            i++; // the colon
            continue;
        }
        if (current.valueStart < 0) current.valueStart = t.start;
        current.valueEnd = t.end;
    }
    if (current) args.push(current);
    if (!close) throw new EditError(`node ${label}: its argument list is not closed`);
    for (const a of args) {
        if (a.valueStart < 0) throw new EditError(`node ${label}: argument "${a.name}" has no value`);
    }
    return { open, close, args };
}
