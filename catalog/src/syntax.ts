/**
 * The `.flow` token rules, written once: the grammar's terminals (server/src/language/flow.langium,
 * checked equal by test/unit/syntax/syntax-table.test.ts), its keywords and punctuation. The
 * formatter, the edit scanner and the TextMate grammar's keyword and type lists
 * (scripts/gen-tmlanguage.mjs) are built from it. Pure data: the webview may import it.
 */

/** Regex sources of the grammar's terminals, exactly as flow.langium writes them. */
export const TERMINALS = {
    NUMBER: String.raw`-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?`,
    /** `"""…"""` (verbatim, may span lines) or a JSON `"…"`: catalog/src/string-literals.ts reads them. */
    STRING: String.raw`"""[\s\S]*?"""|"(\\.|[^"\\\r\n])*"`,
    ID: String.raw`[_a-zA-Z][\w]*`,
    WS: String.raw`\s+`,
    ML_COMMENT: String.raw`\/\*[\s\S]*?\*\/`,
    SL_COMMENT: String.raw`\/\/[^\n\r]*`,
} as const;

export type TerminalName = keyof typeof TERMINALS;

/** The grammar's keywords (also valid argument names: `input: x`). */
export const KEYWORDS = ['workflow', 'subgraph', 'import', 'input', 'output', 'true', 'false'] as const;

/** The grammar's punctuation, one character each. */
export const PUNCTUATION = ['(', ')', '[', ']', '{', '}', ',', ':', '=', '.'] as const;

/** A terminal as a RegExp (`y` for sticky scanning at an offset). */
export function terminal(name: TerminalName, flags = ''): RegExp {
    return new RegExp(TERMINALS[name], flags);
}

/** A terminal's source with its groups made non-capturing, to combine several in one RegExp. */
export function nonCapturing(name: TerminalName): string {
    return TERMINALS[name].replace(/(?<!\\)\((?!\?)/g, '(?:');
}

/** A character class matching one punctuation character. */
export function punctuationClass(): string {
    return `[${PUNCTUATION.map(c => (/[\]\\^-]/.test(c) ? `\\${c}` : c)).join('')}]`;
}
