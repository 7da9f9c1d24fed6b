/** Number and duration formatting shared by the panels (pure). */

/** `1:05`, `12:03`, `1:02:03`; `—` for unknown. */
export function formatDuration(ms: number | undefined): string {
    if (ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
    const total = Math.round(ms / 1000);
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total % 60;
    const ss = String(s).padStart(2, '0');
    return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Losses and other metrics: 4 significant digits, no exponent for ordinary values. */
export function formatMetric(value: number | undefined): string {
    if (value === undefined || !Number.isFinite(value)) return '—';
    const abs = Math.abs(value);
    if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return value.toExponential(2);
    return Number(value.toPrecision(4)).toString();
}

/** Argument values as shown in the Outputs panel (`seed: 42`, strings quoted like in .flow). */
export function formatArgValue(value: unknown): string {
    if (typeof value === 'string') return JSON.stringify(value);
    if (value === null || value === undefined) return '—';
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
}

export function formatClock(time: number): string {
    const d = new Date(time);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} `
        + `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}:${String(d.getSeconds()).padStart(2, '0')}`;
}
