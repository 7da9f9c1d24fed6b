/**
 * The parser is recursive descent: each nested list or call costs stack frames, and a few hundred
 * levels overflow the stack and kill the server (issue 11, failure 1). No real workflow nests
 * more than a handful of levels, so nesting beyond MAX_NESTING is refused with a diagnostic:
 * the too-deep part is blanked out (same length, newlines kept, so every offset of the rest of
 * the file stays valid) before the parser sees it, and the rest of the file still gets full
 * IntelliSense.
 */
import { tokenize } from '../../../../editing/src/tokens.js';

export const MAX_NESTING = 64;

export interface NestingGuard {
    /** The text with every region nested deeper than MAX_NESTING blanked out. */
    readonly text: string;
    /** Where each blanked region starts and ends (offsets into the original text). */
    readonly regions: ReadonlyArray<{ start: number; end: number }>;
}

const OPENERS = new Set(['(', '[', '{']);
const CLOSERS = new Set([')', ']', '}']);

/** Undefined when the text nests no deeper than MAX_NESTING (the common case: nothing copied). */
export function guardNesting(text: string): NestingGuard | undefined {
    if (!mayNestDeeply(text)) return undefined;
    const regions: Array<{ start: number; end: number }> = [];
    let depth = 0;
    let regionStart = -1;
    for (const token of tokenize(text)) {
        if (token.kind !== 'punct') continue;
        if (OPENERS.has(token.text)) {
            depth++;
            if (depth === MAX_NESTING + 1) regionStart = token.start;
        } else if (CLOSERS.has(token.text) && depth > 0) {
            if (depth === MAX_NESTING + 1) {
                regions.push({ start: regionStart, end: token.end });
                regionStart = -1;
            }
            depth--;
        }
    }
    if (regionStart >= 0) regions.push({ start: regionStart, end: text.length });
    if (!regions.length) return undefined;
    let guarded = '';
    let from = 0;
    for (const { start, end } of regions) {
        guarded += text.slice(from, start) + text.slice(start, end).replace(/[^\r\n]/g, ' ');
        from = end;
    }
    return { text: guarded + text.slice(from), regions };
}

/** A cheap pre-check: fewer openers than the limit in the whole text cannot nest beyond it. */
function mayNestDeeply(text: string): boolean {
    let openers = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if ((c === 40 || c === 91 || c === 123) && ++openers > MAX_NESTING) return true;
    }
    return false;
}
