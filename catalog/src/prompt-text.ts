/**
 * Prompt text, read once for everyone: ComfyUI's weighting syntax (`(red circle:1.3)`, `(word)`
 * = ×1.1, `\(` for a literal parenthesis), the words the text encoder's vocabulary counts, and
 * the mistakes worth a diagnostic. The engine's tokenizer, the language server (diagnostics,
 * semantic tokens, prompt IntelliSense) and the graph view all read prompts through this module,
 * so a word is the same word everywhere. Pure: no imports.
 *
 * The weighting follows ComfyUI's comfy/sd1_clip.py (`escape_important`, `parse_parentheses`,
 * `token_weights`, `unescape_important`) step for step, quirks included, because a prompt must
 * mean here what it means in ComfyUI:
 * - a group's weight is ×1.1 its surroundings; nesting multiplies: `((a))` = 1.21;
 * - `(text:W)` sets the weight to W outright (it does not multiply): `((a:1.5))` = 1.5;
 * - W is what follows the group's LAST colon, read as Python's `float()` reads it; when that is
 *   no number the colon and the rest stay text and the group is a plain ×1.1;
 * - `\(` and `\)` are literal parentheses (the backslash is dropped); any other backslash is text;
 * - a `)` with no `(` before it makes every later parenthesis text; an unclosed `(` is text too.
 * ComfyUI's `embedding:name` references are not supported: they are words like any other.
 * docs/adr/0006-prompt-syntax.md records the choices (diagnostic ranges, word rule).
 */

export interface PromptSegment {
    /** The text as the tokenizer receives it (escapes resolved, brackets and weights removed). */
    text: string;
    weight: number;
    /** Offsets into the original text (the segment's content, without its brackets or weight). */
    start: number;
    end: number;
}

export interface PromptWord {
    /** As the vocabulary counts it: NFKC, lower case, typographic apostrophe made typed. */
    word: string;
    /** Offsets into the original text. */
    start: number;
    end: number;
    weight: number;
}

/** A bracketed group ComfyUI weights. */
export interface PromptGroup {
    /** Offset of its `(`; `end` is just after its `)`. */
    start: number;
    end: number;
    /** The weight its content gets (before nested groups change it). */
    weight: number;
    /** The written weight's span (`1.3` of `:1.3`), when the group has one. */
    weightStart?: number;
    weightEnd?: number;
    /** Offset of the `:` before a written weight. */
    colon?: number;
}

export type PromptProblemCode = 'prompt-unbalanced-paren' | 'prompt-bad-weight' | 'prompt-weight-range';

export interface PromptProblem {
    start: number;
    end: number;
    code: PromptProblemCode;
    /** An error where ComfyUI would read the text other than it looks; a warning where it is legal but surely a mistake. */
    severity: 'error' | 'warning';
    message: string;
}

export interface ParsedPrompt {
    segments: PromptSegment[];
    words: PromptWord[];
    groups: PromptGroup[];
    problems: PromptProblem[];
}

/** Written weights outside this range are legal in ComfyUI but almost surely a typo (`(16:9)` weighs 9). */
export const WEIGHT_RANGE = { min: 0, max: 3 } as const;

/**
 * One word of the vocabulary: letters (with combining marks and inner apostrophes: "don't"), a
 * single digit, or one other non-space character. Matched on NFKC text with `'` for `’`.
 */
export const WORD = /\p{L}[\p{L}\p{M}]*(?:'[\p{L}\p{M}]+)*|\p{N}|[^\s\p{L}\p{M}\p{N}]/gu;

export interface FoundWord { word: string; start: number; end: number }

/**
 * The words of plain `text` (no weighting syntax: captions) with their offsets in it. Words are
 * normalised one by one (NFKC, lower case) so offsets stay those of the text as written; a
 * character NFKC expands ("½", "ﬁ") gives all its words the offsets of that character.
 */
export function findWords(text: string): FoundWord[] {
    const found: FoundWord[] = [];
    if (text.normalize('NFKC') === text) {
        // The common case: normalisation changes nothing, so offsets are the match's own.
        for (const m of text.replace(/’/g, "'").matchAll(WORD)) found.push({ word: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
        return found;
    }
    // Normalise per character with its combining marks (so "e\u0301" composes), keeping where each normalised character came from.
    let normalized = '';
    const from: number[] = [];
    const to: number[] = [];
    for (const unit of text.matchAll(/[^]\p{M}*/gu)) {
        const n = unit[0].normalize('NFKC');
        for (let i = 0; i < n.length; i++) { from.push(unit.index); to.push(unit.index + unit[0].length); }
        normalized += n;
    }
    for (const m of normalized.replace(/’/g, "'").matchAll(WORD)) {
        found.push({ word: m[0].toLowerCase(), start: from[m.index], end: to[m.index + m[0].length - 1] });
    }
    return found;
}

/** The words of plain `text` as the vocabulary counts them. */
export function splitWords(text: string): string[] {
    return findWords(text).map(w => w.word);
}

// ComfyUI's escape sentinels: same length as the escapes they replace, so offsets stay aligned.
const ESCAPED_CLOSE = '\0\x01';
const ESCAPED_OPEN = '\0\x02';

function escapeImportant(text: string): string {
    return text.replace(/\\\)/g, ESCAPED_CLOSE).replace(/\\\(/g, ESCAPED_OPEN);
}

/** A span of the escaped text (same offsets as the original). */
interface Span { start: number; end: number }

/** comfy/sd1_clip.py parse_parentheses: the top-level pieces of `work[span]`. */
function parseParentheses(work: string, span: Span): Span[] {
    const result: Span[] = [];
    let itemStart = span.start;
    let nesting = 0;
    for (let i = span.start; i < span.end; i++) {
        const c = work[i];
        if (c === '(') {
            if (nesting === 0) {
                if (i > itemStart) result.push({ start: itemStart, end: i });
                itemStart = i;
            }
            nesting++;
        } else if (c === ')') {
            nesting--;
            if (nesting === 0) {
                result.push({ start: itemStart, end: i + 1 });
                itemStart = i + 1;
            }
        }
    }
    if (span.end > itemStart) result.push({ start: itemStart, end: span.end });
    return result;
}

/** Python's float() of a string, or undefined where it raises. Unicode digits other than 0-9 are not read. */
export function pythonFloat(text: string): number | undefined {
    const s = text.replace(/^[\s\x1c-\x1f]+|[\s\x1c-\x1f]+$/g, '');
    const m = /^([+-]?)(?:(inf(?:inity)?|nan)|((?:\d(?:_?\d)*)?(?:\.(?:\d(?:_?\d)*)?)?)(?:[eE]([+-]?\d(?:_?\d)*))?)$/i.exec(s);
    if (!m) return undefined;
    const sign = m[1] === '-' ? -1 : 1;
    if (m[2]) return m[2].toLowerCase() === 'nan' ? NaN : sign * Infinity;
    const mantissa = m[3].replace(/_/g, '');
    if (!/\d/.test(mantissa)) return undefined;
    return sign * Number(mantissa + (m[4] !== undefined ? `e${m[4].replace(/_/g, '')}` : ''));
}

const formatWeight = (w: number) => String(Math.round(w * 1e6) / 1e6);

/** comfy/sd1_clip.py token_weights, recording groups and the weights it could not read. */
function tokenWeights(work: string, span: Span, weight: number, out: ParsedPrompt): void {
    for (const item of parseParentheses(work, span)) {
        if (item.end - item.start >= 2 && work[item.start] === '(' && work[item.end - 1] === ')') {
            const inner: Span = { start: item.start + 1, end: item.end - 1 };
            const group: PromptGroup = { start: item.start, end: item.end, weight: weight * 1.1 };
            const colon = work.lastIndexOf(':', inner.end - 1);
            if (colon > inner.start) {
                const written = work.slice(colon + 1, inner.end);
                const value = pythonFloat(written);
                if (value !== undefined) {
                    group.weight = value;
                    group.colon = colon;
                    const lead = written.length - written.trimStart().length;
                    group.weightStart = colon + 1 + lead;
                    group.weightEnd = colon + 1 + written.trimEnd().length;
                    inner.end = colon;
                    checkWeight(value, group, out);
                } else {
                    const problem = unreadWeight(written.trim(), weight * 1.1);
                    if (problem) out.problems.push({ start: colon, end: inner.end, code: 'prompt-bad-weight', ...problem });
                }
            } else if (colon === inner.start && pythonFloat(work.slice(colon + 1, inner.end)) !== undefined) {
                out.problems.push({
                    start: colon, end: inner.end, code: 'prompt-bad-weight', severity: 'error',
                    message: `a weight needs text before it: ComfyUI reads '${work.slice(colon, inner.end)}' as text weighing ${formatWeight(weight * 1.1)}`,
                });
            }
            out.groups.push(group);
            tokenWeights(work, inner, group.weight, out);
        } else {
            out.segments.push({ text: '', weight, start: item.start, end: item.end });
        }
    }
}

/**
 * Why text after a group's last colon that is no weight is likely a mistake, if it is: nothing
 * (`(a:)`), a number with a typo (`(a:1,3)`, `(a:1.3.)`), or a weight written before a nested
 * group (`(a:1.2 (b))`: only the last colon counts). Other text (`(photo 4:3 wide)`) is fine.
 */
function unreadWeight(written: string, groupWeight: number): { severity: 'error' | 'warning'; message: string } | undefined {
    const weighs = `this group weighs ${formatWeight(groupWeight)}`;
    if (written === '') return { severity: 'error', message: `no weight after ':': ComfyUI reads the ':' as text and ${weighs}` };
    if (/^[-+]?\.?\d[\d.,_]*(?:[eE][-+]?[\d.,_]*)?$/.test(written)) {
        return { severity: 'error', message: `'${written}' is not a number: ComfyUI reads ':${written}' as text and ${weighs}` };
    }
    if (/^[-+]?(?:\d+\.?\d*|\.\d+)\s[^]*\(/.test(written)) {
        return { severity: 'warning', message: `ComfyUI reads a weight only after a group's last ':' (here '${written}' is not a number), so ${weighs}: put nested groups before the ':'` };
    }
    return undefined;
}

function checkWeight(value: number, group: PromptGroup, out: ParsedPrompt): void {
    const at = { start: group.weightStart!, end: group.weightEnd! };
    if (!Number.isFinite(value)) {
        out.problems.push({ ...at, code: 'prompt-weight-range', severity: 'error', message: `weight ${value} is not a finite number: the prompt's embedding would be ${Number.isNaN(value) ? 'NaN' : 'infinite'}` });
    } else if (value < WEIGHT_RANGE.min || value > WEIGHT_RANGE.max) {
        out.problems.push({
            ...at, code: 'prompt-weight-range', severity: 'warning',
            message: `weight ${formatWeight(value)} is outside ${WEIGHT_RANGE.min}..${WEIGHT_RANGE.max}: ComfyUI accepts it, but it swamps the rest of the prompt (a number after the group's last ':' is always its weight: '(16:9)' weighs 9)`,
        });
    }
}

/** Brackets that do not pair up (escaped ones aside): ComfyUI then reads them as text. */
function unbalanced(work: string, out: ParsedPrompt): void {
    const open: number[] = [];
    for (let i = 0; i < work.length; i++) {
        if (work[i] === '(') open.push(i);
        else if (work[i] === ')') {
            if (open.length) open.pop();
            else out.problems.push({ start: i, end: i + 1, code: 'prompt-unbalanced-paren', severity: 'error', message: "')' without a matching '(': ComfyUI then reads every later parenthesis as text (write \\) for a literal one)" });
        }
    }
    for (const i of open) {
        out.problems.push({ start: i, end: i + 1, code: 'prompt-unbalanced-paren', severity: 'error', message: "'(' is never closed: ComfyUI reads it as text (write \\( for a literal one)" });
    }
}

/** A segment's text with escapes resolved, and where each of its characters came from. */
function unescapeSpan(work: string, span: Span): { text: string; from: number[]; to: number[] } {
    let text = '';
    const from: number[] = [];
    const to: number[] = [];
    for (let i = span.start; i < span.end; i++) {
        if (work[i] === '\0' && i + 1 < span.end && (work[i + 1] === '\x01' || work[i + 1] === '\x02')) {
            text += work[i + 1] === '\x01' ? ')' : '(';
            from.push(i);
            to.push(i + 2);
            i++;
        } else {
            text += work[i];
            from.push(i);
            to.push(i + 1);
        }
    }
    return { text, from, to };
}

/** `text` read as ComfyUI reads a CLIPTextEncode prompt: weighted segments, their words, the groups, the mistakes. */
export function parsePrompt(text: string): ParsedPrompt {
    const out: ParsedPrompt = { segments: [], words: [], groups: [], problems: [] };
    const work = escapeImportant(text);
    unbalanced(work, out);
    tokenWeights(work, { start: 0, end: work.length }, 1, out);
    for (const segment of out.segments) {
        const { text: segmentText, from, to } = unescapeSpan(work, segment);
        segment.text = segmentText;
        for (const w of findWords(segmentText)) {
            out.words.push({ word: w.word, start: from[w.start], end: to[w.end - 1], weight: segment.weight });
        }
    }
    out.groups.sort((a, b) => a.start - b.start);
    out.problems.sort((a, b) => a.start - b.start);
    return out;
}
