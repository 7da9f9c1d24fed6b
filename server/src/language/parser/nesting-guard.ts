/**
 * The parser is recursive descent: each nested list or call costs stack frames, and a few hundred
 * levels overflow the stack and kill the server (issue 11, failure 1). No real workflow nests
 * more than a handful of levels, so nesting beyond MAX_NESTING is refused with a diagnostic:
 * the too-deep part is blanked out (same length, newlines kept, so every offset of the rest of
 * the file stays valid) before the parser sees it, and the rest of the file still gets full
 * IntelliSense.
 */

export const MAX_NESTING = 64;

export interface NestingGuard {
    /** The text with every region nested deeper than MAX_NESTING blanked out. */
    readonly text: string;
    /** Where each blanked region starts and ends (offsets into the original text). */
    readonly regions: ReadonlyArray<{ start: number; end: number }>;
}

const QUOTE = 34, SLASH = 47, STAR = 42, BACKSLASH = 92, LF = 10, CR = 13;
// ( [ { and ) ] } compared directly: a Set lookup per character was most of this pass.
const isOpen = (c: number): boolean => c === 40 || c === 91 || c === 123;
const isClose = (c: number): boolean => c === 41 || c === 93 || c === 125;

/**
 * Undefined when the text nests no deeper than MAX_NESTING (the common case: nothing copied).
 * One pass over the characters with the grammar's rules for strings and comments, whose
 * brackets do not count; it runs before every parse, so it allocates nothing on that path.
 */
export function guardNesting(text: string): NestingGuard | undefined {
    const regions: Array<{ start: number; end: number }> = [];
    let depth = 0;
    let regionStart = -1;
    const n = text.length;
    for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c === QUOTE && text.startsWith('"""', i) && text.indexOf('"""', i + 3) >= 0) {
            // A """ string spans lines and ends at the next """ (unterminated, the lexer reads `""` and a `"`: below).
            i = text.indexOf('"""', i + 3) + 2;
        } else if (c === QUOTE) {
            // A string ends at its closing quote on the same line. An unterminated one is no
            // string to the lexer: it drops the quote and reads on, so its brackets count.
            let j = i + 1;
            for (; j < n; j++) {
                const s = text.charCodeAt(j);
                if (s === BACKSLASH) j++;
                else if (s === QUOTE || s === LF || s === CR) break;
            }
            if (j < n && text.charCodeAt(j) === QUOTE) i = j;
        } else if (c === SLASH && text.charCodeAt(i + 1) === SLASH) {
            while (i < n && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i++;
        } else if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
            // An unterminated comment is no comment to the lexer: it drops the `/` and reads on,
            // so the brackets after it count (as for an unterminated string).
            const end = text.indexOf('*/', i + 2);
            if (end >= 0) i = end + 1;
        } else if (isOpen(c)) {
            depth++;
            if (depth === MAX_NESTING + 1) regionStart = i;
        } else if (isClose(c) && depth > 0) {
            if (depth === MAX_NESTING + 1) {
                regions.push({ start: regionStart, end: i + 1 });
                regionStart = -1;
            }
            depth--;
        }
    }
    if (regionStart >= 0) regions.push({ start: regionStart, end: n });
    if (!regions.length) return undefined;
    let guarded = '';
    let from = 0;
    for (const { start, end } of regions) {
        guarded += text.slice(from, start) + text.slice(start, end).replace(/[^\r\n]/g, ' ');
        from = end;
    }
    return { text: guarded + text.slice(from), regions };
}
