/**
 * LSP-style text edits and the offset <-> position arithmetic they need. The host turns
 * `TextEdit`s into a `WorkspaceEdit` (one `replace` per edit); tests apply them with
 * `applyTextEdits`. Positions are 0-based lines and UTF-16 characters, like JS strings.
 */
import type { SourcePosition, SourceRange } from '../../catalog/src/graph.js';

export interface TextEdit { range: SourceRange; newText: string }

/** Line starts of a text, to convert between offsets and positions. */
export class LineIndex {
    private readonly starts: number[] = [0];

    constructor(readonly text: string) {
        for (let i = 0; i < text.length; i++) {
            const c = text.charCodeAt(i);
            if (c === 10) this.starts.push(i + 1);
            else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
        }
    }

    offsetAt(p: SourcePosition): number {
        if (p.line >= this.starts.length) return this.text.length;
        const start = this.starts[Math.max(0, p.line)];
        return Math.min(start + p.character, this.lineEnd(p.line));
    }

    positionAt(offset: number): SourcePosition {
        let lo = 0, hi = this.starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (this.starts[mid] <= offset) lo = mid; else hi = mid - 1;
        }
        return { line: lo, character: offset - this.starts[lo] };
    }

    lineStart(line: number): number { return this.starts[line]; }

    /** Offset of the line's end, before its line break. */
    lineEnd(line: number): number {
        if (line + 1 >= this.starts.length) return this.text.length;
        let end = this.starts[line + 1] - 1;
        if (this.text[end] === '\n' && this.text[end - 1] === '\r') end--;
        return end;
    }

    /** Offset where the next line starts (or the text's end on the last line). */
    nextLineStart(line: number): number {
        return line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    }

    lineOf(offset: number): number { return this.positionAt(offset).line; }

    /** The line's leading whitespace. */
    indentation(line: number): string {
        return /^[ \t]*/.exec(this.text.slice(this.starts[line], this.lineEnd(line)))![0];
    }

    /** The line break the document uses (its first one), `\n` when it has none. */
    get eol(): string {
        const m = /\r\n|\n|\r/.exec(this.text);
        return m ? m[0] : '\n';
    }
}

export function edit(index: LineIndex, start: number, end: number, newText: string): TextEdit {
    return { range: { start: index.positionAt(start), end: index.positionAt(end) }, newText };
}

/** Applies non-overlapping edits (any order) to a text, as VS Code applies a WorkspaceEdit. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
    const index = new LineIndex(text);
    const resolved = edits
        .map((e, order) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText, order }))
        .sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
    let out = '';
    let cursor = 0;
    for (const e of resolved) {
        if (e.start < cursor) throw new Error(`overlapping text edits at offset ${e.start}`);
        out += text.slice(cursor, e.start) + e.newText;
        cursor = e.end;
    }
    return out + text.slice(cursor);
}
