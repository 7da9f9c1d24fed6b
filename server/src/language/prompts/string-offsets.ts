/**
 * Offsets in a string literal's value mapped back to the document: the value has its escapes
 * decoded (`\"`, `\n`, `\u00e9`) and, in a `"""` block, its common indentation removed, so a word
 * at value offset 5 may sit further right in the text. catalog/src/string-literals.ts reads both
 * string forms.
 */
import { decodeString } from '../../../../catalog/src/string-literals.js';

/** For each value offset 0..value.length, the offset in `source` (the literal as written, quotes included). */
export function valueToSourceOffsets(source: string): number[] {
    const { value, starts, ends } = decodeString(source);
    const closing = source.startsWith('"""') && source.length >= 6 ? source.length - 3 : Math.max(1, source.length - 1);
    return [...starts, value.length ? ends[value.length - 1] : closing];
}
