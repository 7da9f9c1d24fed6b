/**
 * Setting and removing arguments of one statement with edits that touch as little as
 * possible: a changed value replaces only the value's text; a new argument follows the
 * statement's layout (same line, or a new line with the arguments' indentation, keeping
 * the trailing-comma habit); a removed argument takes its comma with it, and whole lines
 * go when the argument had them to itself.
 */
import { edit, type LineIndex, type TextEdit } from './text-edit.js';
import type { ArgumentSpan, StatementShape } from './statement.js';

export function setArgument(index: LineIndex, shape: StatementShape, name: string, valueText: string): TextEdit[] {
    return setArguments(index, shape, [{ name, valueText }]);
}

/** Sets several arguments at once: given ones get their new value, the others are added together. */
export function setArguments(index: LineIndex, shape: StatementShape, settings: ReadonlyArray<{ name: string; valueText: string }>): TextEdit[] {
    const edits: TextEdit[] = [];
    const added: string[] = [];
    for (const { name, valueText } of settings) {
        const existing = shape.args.find(a => a.name === name);
        if (!existing) added.push(`${name}: ${valueText}`);
        else if (index.text.slice(existing.valueStart, existing.valueEnd) !== valueText) edits.push(edit(index, existing.valueStart, existing.valueEnd, valueText));
    }
    return added.length ? [...edits, ...insertArguments(index, shape, added)] : edits;
}

/** Adds `name: value` texts after the last argument, following the statement's layout. */
export function insertArguments(index: LineIndex, shape: StatementShape, argTexts: readonly string[]): TextEdit[] {
    const { open, close, args } = shape;
    const last = args[args.length - 1];
    if (!last) {
        // `Type()` or an empty multi-line list: write the arguments inside the parentheses.
        const inside = index.text.slice(open.end, close.start);
        if (!inside.includes('\n')) return [edit(index, open.end, close.start, argTexts.join(', '))];
        const closeLine = index.lineOf(close.start);
        const indent = index.indentation(closeLine) + '    ';
        return [edit(index, open.end, open.end, argTexts.map(a => `${index.eol}${indent}${a},`).join(''))];
    }
    const lastEnd = last.comma?.end ?? last.valueEnd;
    const lastLine = index.lineOf(lastEnd);
    if (lastLine === index.lineOf(close.start)) {
        // Same line as the closing parenthesis: continue the line.
        return last.comma
            ? [edit(index, last.comma.end, last.comma.end, ` ${argTexts.join(', ')},`)]
            : [edit(index, last.valueEnd, last.valueEnd, `, ${argTexts.join(', ')}`)];
    }
    // Multi-line: new lines after the last argument's line (after any comment on it).
    const edits: TextEdit[] = [];
    if (!last.comma) edits.push(edit(index, last.valueEnd, last.valueEnd, ','));
    const indent = index.indentation(index.lineOf(last.start));
    const lineEnd = index.lineEnd(lastLine);
    edits.push(edit(index, lineEnd, lineEnd, `${argTexts.map(a => `${index.eol}${indent}${a}`).join(',')}${last.comma ? ',' : ''}`));
    return edits;
}

/** Removes the named arguments (absent names are ignored). */
export function removeArguments(index: LineIndex, shape: StatementShape, names: ReadonlySet<string>): TextEdit[] {
    const { args } = shape;
    const edits: TextEdit[] = [];
    let i = 0;
    while (i < args.length) {
        if (!names.has(args[i].name)) { i++; continue; }
        let j = i;
        while (j + 1 < args.length && names.has(args[j + 1].name)) j++;
        edits.push(removeRun(index, shape, i, j));
        i = j + 1;
    }
    return edits;
}

/** Removes arguments `i..j` (a run of neighbours) in one edit, so edits never overlap. */
function removeRun(index: LineIndex, shape: StatementShape, i: number, j: number): TextEdit {
    const { args, open, close } = shape;
    const first = args[i], last = args[j];
    const runEnd = last.comma?.end ?? last.valueEnd;
    const prev: ArgumentSpan | undefined = args[i - 1];
    const next: ArgumentSpan | undefined = args[j + 1];
    const text = index.text;

    // The run has its lines to itself: delete the lines (with any comment after the run).
    const firstLine = index.lineOf(first.start), lastLine = index.lineOf(runEnd);
    const before = text.slice(index.lineStart(firstLine), first.start);
    const after = text.slice(runEnd, index.lineEnd(lastLine));
    const ownLines = /^\s*$/.test(before) && /^\s*(\/\/.*|\/\*.*?\*\/\s*)?$/.test(after)
        && index.lineOf(open.end) < firstLine && index.lineOf(close.start) > lastLine;
    if (ownLines) return edit(index, index.lineStart(firstLine), index.nextLineStart(lastLine), '');

    if (next && index.lineOf(next.start) === lastLine) {
        // A neighbour follows on the same line: remove up to it.
        return edit(index, first.start, next.start, '');
    }
    if (prev) {
        // Remove from the previous argument's end (keeping its comma when a comma ended the run
        // or the argument list continues on another line), so no stray comma or space remains.
        const keepPrevComma = Boolean(next || last.comma) && prev.comma !== undefined;
        const from = keepPrevComma ? prev.comma!.end : prev.valueEnd;
        const to = keepPrevComma ? runEnd : last.valueEnd;
        return edit(index, from, to, '');
    }
    if (next) {
        // First argument, next one on another line: remove through the comma and the spaces after it.
        let to = runEnd;
        while (to < text.length && (text[to] === ' ' || text[to] === '\t')) to++;
        return edit(index, first.start, to, '');
    }
    // The only arguments: empty the parentheses unless they span lines (then keep the layout).
    if (!text.slice(open.end, close.start).includes('\n')) return edit(index, open.end, close.start, '');
    return edit(index, first.start, runEnd, '');
}
