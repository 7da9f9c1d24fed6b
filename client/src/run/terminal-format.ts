/** Small text helpers for the run terminal: ANSI colours, durations, progress bars. */

export const ansi = {
    bold: (s: string) => `\x1b[1m${s}\x1b[22m`,
    dim: (s: string) => `\x1b[2m${s}\x1b[22m`,
    red: (s: string) => `\x1b[31m${s}\x1b[39m`,
    green: (s: string) => `\x1b[32m${s}\x1b[39m`,
    yellow: (s: string) => `\x1b[33m${s}\x1b[39m`,
    cyan: (s: string) => `\x1b[36m${s}\x1b[39m`,
    /** Carriage return + erase line: the next write replaces the current line. */
    rewriteLine: '\r\x1b[2K',
};

/** 950 -> "950 ms", 12_300 -> "12.3 s", 83_000 -> "1m 23s", 4_000_000 -> "1h 06m". */
export function formatDuration(ms: number): string {
    if (ms < 1000) return `${Math.round(ms)} ms`;
    if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
    const totalSeconds = Math.round(ms / 1000);
    const hours = Math.floor(totalSeconds / 3600);
    const minutes = Math.floor((totalSeconds % 3600) / 60);
    const seconds = totalSeconds % 60;
    return hours > 0 ? `${hours}h ${String(minutes).padStart(2, '0')}m` : `${minutes}m ${String(seconds).padStart(2, '0')}s`;
}

/** Whole percent done of value/max, rounded down (a max of 0 counts as 1). */
export function percent(value: number, max: number): number {
    return Math.floor((100 * value) / Math.max(1, max));
}

/** `[██████░░░░]` for value/max, clamped; width in cells. */
export function progressBar(value: number, max: number, width = 20): string {
    const ratio = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
    const filled = Math.round(ratio * width);
    return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}]`;
}

/** Metric values the way training logs show them: 4 significant digits, integers as is. */
export function formatMetric(value: number): string {
    if (Number.isInteger(value)) return String(value);
    return Math.abs(value) >= 1e4 || Math.abs(value) < 1e-3 ? value.toExponential(2) : value.toPrecision(4);
}

/**
 * Cuts `text` to at most `columns` visible characters (ANSI colour codes do not count), ending
 * with "…" when cut: a line rewritten in place with \r must never wrap.
 */
export function fitToWidth(text: string, columns: number): string {
    if (columns <= 0) return text;
    let visible = 0;
    let out = '';
    for (let i = 0; i < text.length;) {
        const escape = /^\x1b\[[0-9;]*[A-Za-z]/.exec(text.slice(i));
        if (escape) {
            out += escape[0];
            i += escape[0].length;
            continue;
        }
        const char = String.fromCodePoint(text.codePointAt(i)!);
        if (visible === columns - 1 && visibleLength(text.slice(i)) > 1) return out + '…\x1b[0m';
        out += char;
        visible++;
        i += char.length;
    }
    return out;
}

export function visibleLength(text: string): number {
    return [...text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')].length;
}
