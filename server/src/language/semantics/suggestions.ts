/** "Did you mean" suggestions by edit distance, shared by diagnostics and quick fixes. */

export function editDistance(a: string, b: string): number {
    const al = a.toLowerCase(), bl = b.toLowerCase();
    const prev = Array.from({ length: bl.length + 1 }, (_, i) => i);
    for (let i = 1; i <= al.length; i++) {
        let diag = prev[0];
        prev[0] = i;
        for (let j = 1; j <= bl.length; j++) {
            const tmp = prev[j];
            prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (al[i - 1] === bl[j - 1] ? 0 : 1));
            diag = tmp;
        }
    }
    return prev[bl.length];
}

/**
 * Candidates close enough to `name` to be a likely typo, best first. Candidates come from a
 * document that may be half-typed (a `subgraph` without its name yet), so missing ones are skipped.
 */
export function suggest(name: string | undefined, candidates: Iterable<string | undefined>, max = 3): string[] {
    if (!name) return [];
    const limit = Math.max(2, Math.floor(name.length / 3));
    const scored: Array<[string, number]> = [];
    for (const c of candidates) {
        if (typeof c !== 'string' || !c) continue;
        const d = editDistance(name, c);
        const prefix = c.toLowerCase().startsWith(name.toLowerCase()) || name.toLowerCase().startsWith(c.toLowerCase());
        if (d <= limit || (prefix && name.length >= 3)) scored.push([c, prefix ? Math.min(d, 1) : d]);
    }
    return scored.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).slice(0, max).map(s => s[0]);
}

/** The message tail for suggestions from `suggest` (which quick fixes also get, as `FixData`). */
export function didYouMean(best: readonly string[]): string {
    return best.length ? ` Did you mean ${best.map(b => `'${b}'`).join(' or ')}?` : '';
}
