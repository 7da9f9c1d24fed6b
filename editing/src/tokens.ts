/**
 * A lexer for `.flow` text with the grammar's own terminals (catalog/src/syntax.ts). Edits only
 * need token boundaries inside statements the language server already located, so this is a
 * scanner, not a parser.
 */
import { PUNCTUATION, terminal } from '../../catalog/src/syntax.js';
export type TokenKind = 'id' | 'number' | 'string' | 'punct' | 'comment' | 'error';

export interface Token {
    kind: TokenKind;
    text: string;
    start: number;
    end: number;
}

const NUMBER = terminal('NUMBER', 'y');
const STRING = terminal('STRING', 'y');
const ID = terminal('ID', 'y');
const ML_COMMENT = terminal('ML_COMMENT', 'y');
const SL_COMMENT = terminal('SL_COMMENT', 'y');
const WS = terminal('WS', 'y');
const PUNCTUATION_CHARS: string = PUNCTUATION.join('');

/** Tokens of `text[start, end)`, comments included (kind `comment`), whitespace skipped. */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
    const tokens: Token[] = [];
    let i = start;
    const sticky = (re: RegExp): string | undefined => {
        re.lastIndex = i;
        const m = re.exec(text);
        return m && m.index === i ? m[0] : undefined;
    };
    while (i < end) {
        const ws = sticky(WS);
        if (ws) { i += ws.length; continue; }
        let kind: TokenKind;
        let match: string | undefined;
        if ((match = sticky(ML_COMMENT) ?? sticky(SL_COMMENT))) kind = 'comment';
        else if ((match = sticky(STRING))) kind = 'string';
        else if ((match = sticky(NUMBER))) kind = 'number';
        else if ((match = sticky(ID))) kind = 'id';
        else if (PUNCTUATION_CHARS.includes(text[i])) { kind = 'punct'; match = text[i]; }
        else { kind = 'error'; match = text[i]; }
        tokens.push({ kind, text: match, start: i, end: i + match.length });
        i += match.length;
    }
    return tokens;
}

/** Tokens without comments. */
export function significant(tokens: readonly Token[]): Token[] {
    return tokens.filter(t => t.kind !== 'comment');
}
