/**
 * The canonical layout of .flow text, as a pure function over tokens so that it is easy
 * to test and idempotent by construction: formatting decisions depend only on tokens
 * and on whether line breaks were present, both of which formatting preserves.
 *
 * - 4-space indentation per `{` and per multi-line `(`/`[`.
 * - One statement per line; at most one blank line anywhere; one blank line between
 *   top-level declarations; none after `{` or before `}`.
 * - `name = Type(arg: value, other: value)` spacing.
 * - An argument list stays on one line if it was written on one line (no trailing
 *   comma); otherwise `(` ends the line, line breaks between arguments are kept, the
 *   last argument gets a trailing comma and `)` goes on its own line.
 * - Comments are kept where they are; the spacing before an end-of-line comment is kept
 *   (people align them).
 * - A string spanning lines (`"""` blocks) is kept exactly as written, its trailing spaces
 *   and indentation included: they are part of its value.
 */
import { nonCapturing, punctuationClass } from '../../../../catalog/src/syntax.js';

interface Token {
    kind: 'word' | 'string' | 'number' | 'punct' | 'line-comment' | 'block-comment';
    text: string;
    /** Line breaks in the whitespace before the token. */
    breaks: number;
    /** The whitespace before the token. */
    space: string;
}

// One alternative per token kind, in this order (group 1: whitespace ... group 7: punctuation),
// from the grammar's own terminals.
const TOKEN = new RegExp(
    [nonCapturing('WS'), nonCapturing('SL_COMMENT'), nonCapturing('ML_COMMENT'), nonCapturing('STRING'), nonCapturing('NUMBER'), nonCapturing('ID'), punctuationClass()]
        .map(source => `(${source})`).join('|'),
    'y',
);

export function tokenize(text: string): Token[] | undefined {
    const tokens: Token[] = [];
    let space = '';
    TOKEN.lastIndex = 0;
    while (TOKEN.lastIndex < text.length) {
        const m = TOKEN.exec(text);
        if (!m) return undefined; // not lexable: leave the text alone
        if (m[1] !== undefined) { space += m[1]; continue; }
        const kind: Token['kind'] = m[2] !== undefined ? 'line-comment' : m[3] !== undefined ? 'block-comment' : m[4] !== undefined ? 'string' : m[5] !== undefined ? 'number' : m[6] !== undefined ? 'word' : 'punct';
        tokens.push({ kind, text: m[0], breaks: (space.match(/\n/g) ?? []).length, space });
        space = '';
    }
    return tokens;
}

type Frame = { open: '{' | '(' | '['; multiline: boolean; indent: number };

const isComment = (t: Token | undefined): boolean => t?.kind === 'line-comment' || t?.kind === 'block-comment';
const KEYWORDS = new Set(['workflow', 'subgraph', 'import', 'input', 'output']);
/** Tokens that can end a declaration (so a following word starts the next one). */
const isValueEnd = (t: Token): boolean => (t.kind === 'word' && !KEYWORDS.has(t.text)) || t.kind === 'string' || t.kind === 'number' || t.text === ']' || t.text === ')';

export function formatFlow(text: string): string | undefined {
    const tokens = tokenize(text);
    if (!tokens) return undefined;
    const multiline = markMultiline(tokens);
    if (!multiline) return undefined;
    const out: string[] = [];
    // Multi-line strings stand in `out` as placeholders until trailing spaces are trimmed.
    const kept: string[] = [];
    const placeholder = absentCharacter(text);
    const stack: Frame[] = [];
    let prev: Token | undefined; // previous non-comment token
    let last: Token | undefined; // previous token, comments included
    let afterPrev = 0; // position in `out` right after the previous non-comment token
    const indent = (): number => (stack.length ? stack[stack.length - 1].indent : 0);
    const newline = (tok: Token): void => {
        if (out.length === 0) return;
        out.push(wantBlank(tok, prev, last, stack.length === 0) ? '\n\n' : '\n', ' '.repeat(indent()));
    };

    for (let i = 0; i < tokens.length; i++) {
        const tok = tokens[i];
        const top = stack[stack.length - 1];
        if (isComment(tok)) {
            if (last && tok.breaks === 0) out.push(tok.kind === 'line-comment' ? tok.space.replace(/\t/g, '    ') || ' ' : ' ');
            else newline(tok);
            out.push(tok.text);
            last = tok;
            continue;
        }
        const afterLineComment = last?.kind === 'line-comment';
        if (tok.text === '}') {
            stack.pop();
            newline(tok);
        } else if ((tok.text === ')' || tok.text === ']') && top && top.open !== '{') {
            stack.pop();
            if (top.multiline) {
                if (prev && prev.text !== ',' && prev.text !== '(' && prev.text !== '[') out.splice(afterPrev, 0, ',');
                newline(tok);
            } else {
                if (prev?.text === ',') out.splice(afterPrev - 1, 1); // one-line lists drop a trailing comma
                if (afterLineComment) newline(tok);
            }
        } else {
            const inList = top !== undefined && top.open !== '{';
            const startsLine = afterLineComment
                || (inList ? top.multiline && (prev?.text === '(' || prev?.text === '[' || (prev?.text === ',' && tok.breaks > 0)) : startsStatement(prev, tok));
            if (startsLine && !(last?.kind === 'block-comment' && tok.breaks === 0)) newline(tok);
            else if (last?.kind === 'block-comment') out.push(' ');
            else if (prev) out.push(spaceBetween(prev, tok));
        }
        out.push(tok.kind === 'string' && tok.text.includes('\n') ? `${placeholder}${kept.push(tok.text) - 1}${placeholder}` : tok.text);
        if (tok.text === '{' || tok.text === '(' || tok.text === '[') {
            stack.push({ open: tok.text, multiline: tok.text === '{' || multiline.get(i) === true, indent: indent() + 4 });
        }
        prev = tok;
        last = tok;
        afterPrev = out.length;
    }
    const trimmed = out.join('').replace(/[ \t]+$/gm, '') + '\n';
    return kept.length ? trimmed.replace(new RegExp(`${placeholder}(\\d+)${placeholder}`, 'g'), (_, i: string) => kept[Number(i)]) : trimmed;
}

/** A private-use character `text` does not contain. */
function absentCharacter(text: string): string {
    for (let code = 0xe000; ; code++) if (!text.includes(String.fromCharCode(code))) return String.fromCharCode(code);
}

/** Whether a line break before `tok` should leave a blank line. */
function wantBlank(tok: Token, prev: Token | undefined, last: Token | undefined, topLevel: boolean): boolean {
    if (!last || last.text === '{' || last.text === '(' || last.text === '[' || tok.text === '}') return false;
    if (topLevel && last === prev) {
        // Declarations are separated by one blank line, and so is the import block from them.
        if (prev?.text === '}') return true;
        if (prev?.kind === 'string' && tok.text !== 'import') return true;
    }
    return tok.breaks > 1;
}

/** Whether a token begins a new statement or declaration (block and top level only). */
function startsStatement(prev: Token | undefined, tok: Token): boolean {
    if (!prev) return true;
    if (tok.text === '}') return true;
    if (prev.text === '{' || prev.text === '}' || prev.text === ')') return true;
    // `input a: INT` followed by `input b: ...`, `= 2` followed by `up = ...`, `import "x"` followed by anything
    return (tok.kind === 'word') && isValueEnd(prev);
}

function spaceBetween(prev: Token, tok: Token): string {
    if (tok.text === ',' || tok.text === ':' || tok.text === '.' || tok.text === ')' || tok.text === ']' || tok.text === '(') return '';
    if (prev.text === '(' || prev.text === '[' || prev.text === '.') return '';
    return ' ';
}

/** For each `(`/`[` token index: whether its contents span several lines. Undefined if brackets don't balance. */
function markMultiline(tokens: Token[]): Map<number, boolean> | undefined {
    const result = new Map<number, boolean>();
    const open: number[] = [];
    const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
    for (let i = 0; i < tokens.length; i++) {
        const t = tokens[i].text;
        if (tokens[i].kind !== 'punct') continue;
        if (t === '(' || t === '[' || t === '{') open.push(i);
        else if (t in pairs) {
            const start = open.pop();
            if (start === undefined || tokens[start].text !== pairs[t]) return undefined;
            if (t !== '}') {
                let spans = false;
                for (let j = start + 1; j <= i && !spans; j++) {
                    if (tokens[j].breaks > 0) spans = true;
                }
                result.set(start, spans);
            }
        }
    }
    return open.length ? undefined : result;
}
