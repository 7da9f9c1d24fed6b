/**
 * The two ways `.flow` writes a string (the grammar's STRING terminal, catalog/src/syntax.ts),
 * read and written in one place so the language server, the edits from the graph view and the
 * webview agree on a string's value:
 *
 * - `"…"`: a JSON string, all JSON escapes (`\n`, `\"`, `\uXXXX`). Text that is not valid JSON
 *   (`"a \(b\)"`) keeps its characters as written, backslashes included.
 * - `"""…"""`: verbatim text that may span lines (no escapes: `\(` is two characters, handy in
 *   prompts). It ends at the first `"""`. When it spans lines, line breaks are `\n` whatever the
 *   file uses, a first line holding only spaces is dropped, so is a last line holding only spaces
 *   (the closing `"""`'s indentation), and the whitespace prefix common to the other non-blank
 *   lines and the closing line is removed from each line: the text can be indented with the
 *   workflow around it. docs/adr/0006-prompt-syntax.md gives the reasons.
 * Pure: no imports.
 */

export interface DecodedString {
    value: string;
    /** For each character of `value`: where it was written, as [start, end) offsets into the literal (quotes included). */
    starts: number[];
    ends: number[];
}

const TRIPLE = '"""';
const JSON_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Whether a literal is the triple-quoted form. */
export function isTripleQuoted(literal: string): boolean {
    return literal.length >= 6 && literal.startsWith(TRIPLE) && literal.endsWith(TRIPLE);
}

/** A string literal's value (what the language and the engine use). */
export function stringValue(literal: string): string {
    return decodeString(literal).value;
}

/** A string literal's value with where each of its characters was written. */
export function decodeString(literal: string): DecodedString {
    return isTripleQuoted(literal) ? decodeTriple(literal) : decodeJson(literal);
}

function decodeJson(literal: string): DecodedString {
    const verbatim = (): DecodedString => {
        const value = literal.slice(1, -1);
        return { value, starts: range(1, value.length), ends: range(2, value.length) };
    };
    let value = '';
    const starts: number[] = [];
    const ends: number[] = [];
    for (let i = 1; i < literal.length - 1; i++) {
        const c = literal[i];
        if (c.charCodeAt(0) < 0x20) return verbatim(); // JSON allows no raw control characters
        if (c !== '\\') { value += c; starts.push(i); ends.push(i + 1); continue; }
        const e = literal[i + 1];
        if (e in JSON_ESCAPES) { value += JSON_ESCAPES[e]; starts.push(i); ends.push(i + 2); i++; continue; }
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(literal.slice(i + 2, i + 6))) {
            value += String.fromCharCode(parseInt(literal.slice(i + 2, i + 6), 16));
            starts.push(i); ends.push(i + 6); i += 5;
            continue;
        }
        return verbatim();
    }
    return { value, starts, ends };
}

function range(from: number, count: number): number[] {
    return Array.from({ length: count }, (_, i) => from + i);
}

interface Line { text: string; at: number; /** Offset and length of the line break after it (none after the last). */ breakAt: number; breakLength: number }

const isBlank = (s: string) => /^[ \t]*$/.test(s);

function decodeTriple(literal: string): DecodedString {
    const content = literal.slice(3, -3);
    const lines: Line[] = [];
    const breaks = /\r\n|\r|\n/g;
    let at = 0;
    for (let m = breaks.exec(content); m; m = breaks.exec(content)) {
        lines.push({ text: content.slice(at, m.index), at: 3 + at, breakAt: 3 + m.index, breakLength: m[0].length });
        at = m.index + m[0].length;
    }
    lines.push({ text: content.slice(at), at: 3 + at, breakAt: 3 + content.length, breakLength: 0 });
    if (lines.length === 1) return { value: content, starts: range(3, content.length), ends: range(4, content.length) };

    const openingBlank = isBlank(lines[0].text);
    const closing = isBlank(lines[lines.length - 1].text) ? lines.pop() : undefined;
    if (openingBlank) lines.shift();
    // The first line, when it holds text after the opening quotes, is not indented with the rest.
    const indented = openingBlank ? lines : lines.slice(1);
    const prefix = commonPrefix([...indented.filter(l => !isBlank(l.text)).map(l => l.text), ...(closing ? [closing.text] : [])]);

    let value = '';
    const starts: number[] = [];
    const ends: number[] = [];
    lines.forEach((line, i) => {
        if (i > 0) {
            const before = lines[i - 1];
            value += '\n';
            starts.push(before.breakAt);
            ends.push(before.breakAt + before.breakLength);
        }
        const strip = i === 0 && !openingBlank ? 0 : line.text.startsWith(prefix) ? prefix.length : line.text.length;
        value += line.text.slice(strip);
        for (let k = strip; k < line.text.length; k++) { starts.push(line.at + k); ends.push(line.at + k + 1); }
    });
    return { value, starts, ends };
}

/** The longest run of leading spaces and tabs all of `lines` start with. */
function commonPrefix(lines: readonly string[]): string {
    if (lines.length === 0) return '';
    let prefix = /^[ \t]*/.exec(lines[0])![0];
    for (const line of lines.slice(1)) {
        let n = 0;
        while (n < prefix.length && line[n] === prefix[n]) n++;
        prefix = prefix.slice(0, n);
    }
    return prefix;
}

/**
 * `value` as a `"""` string whose lines are indented by `indent` (the closing `"""` too), or
 * undefined when it cannot be written so (it contains `"""` or a carriage return).
 */
export function tripleQuoted(value: string, indent: string): string | undefined {
    if (value.includes(TRIPLE) || value.includes('\r') || !/^[ \t]*$/.test(indent)) return undefined;
    const body = value.split('\n').map(line => (line === '' ? '' : indent + line)).join('\n');
    return `${TRIPLE}\n${body}\n${indent}${TRIPLE}`;
}

/**
 * How a string value is written: a `"""` block indented by `indent` when it has several lines
 * (and can be), a JSON string otherwise.
 */
export function writeString(value: string, indent = ''): string {
    return (value.includes('\n') ? tripleQuoted(value, indent) : undefined) ?? JSON.stringify(value);
}
