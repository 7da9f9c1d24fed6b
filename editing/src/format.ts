/** How values and names are written in `.flow` text. */
import type { ParamValue } from '../../catalog/src/schema.js';

export function formatValue(value: ParamValue): string {
    if (Array.isArray(value)) return `[${value.map(v => formatValue(v)).join(', ')}]`;
    if (typeof value === 'string') return JSON.stringify(value);
    if (typeof value === 'number') {
        if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
        return String(value);
    }
    return value ? 'true' : 'false';
}

const KEYWORDS = new Set(['workflow', 'subgraph', 'import', 'input', 'output', 'on', 'true', 'false']);

export function isValidNodeName(name: string): boolean {
    return /^[_a-zA-Z]\w*$/.test(name) && !KEYWORDS.has(name);
}

/** `DCGANGenerator` -> `dcganGenerator`, `SampleGAN` -> `sampleGAN`, `LoadMNIST` -> `loadMNIST`. */
export function baseNameForType(type: string): string {
    const m = /^([A-Z]+)(?=[A-Z][a-z])|^[A-Z]/.exec(type);
    const base = m ? m[0].toLowerCase() + type.slice(m[0].length) : type;
    return isValidNodeName(base) ? base : `${base}Node`;
}

/** `base`, else `base2`, `base3`, ... : the first not in `taken`. */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}
