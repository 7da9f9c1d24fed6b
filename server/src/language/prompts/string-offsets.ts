/**
 * Offsets in a string literal's value mapped back to the document: the value has its escapes
 * decoded (`\"`, `\n`, `\u00e9`), so a word at value offset 5 may sit further right in the text.
 */

/** For each value offset 0..value.length, the offset in `source` (the literal as written, quotes included). */
export function valueToSourceOffsets(source: string): number[] {
    const offsets: number[] = [];
    if (source.startsWith('"""')) {
        // A block string is written as it reads: no escapes.
        const end = source.endsWith('"""') && source.length >= 6 ? source.length - 3 : source.length;
        for (let i = 3; i <= end; i++) offsets.push(i);
        return offsets;
    }
    const end = source.length > 1 && source.endsWith('"') ? source.length - 1 : source.length;
    let i = 1;
    while (i < end) {
        offsets.push(i);
        if (source[i] === '\\') i += source[i + 1] === 'u' ? 6 : 2;
        else i++;
    }
    offsets.push(Math.min(i, end));
    return offsets;
}
