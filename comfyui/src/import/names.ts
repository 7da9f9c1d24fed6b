/** `.flow` identifiers from ComfyUI's titles, types and input names. */
import { KEYWORDS } from '../../../catalog/src/syntax.js';

const ID = /^[_a-zA-Z]\w*$/;
const RESERVED = new Set<string>([...KEYWORDS, 'on']);

export function isIdentifier(s: string): boolean {
    return ID.test(s) && !RESERVED.has(s);
}

/** Words of a name: `CLIPTextEncode` → CLIP, Text, Encode; `easy seed` → easy, seed. */
function words(s: string): string[] {
    return s
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
        .split(/[^A-Za-z0-9]+/)
        .filter(Boolean);
}

function startSafe(s: string, fallback: string): string {
    if (!s) return fallback;
    return /^[0-9]/.test(s) ? `n${s}` : s;
}

/** `CLIPTextEncode` → clipTextEncode, `KSampler` → kSampler, `Load Image` → loadImage. */
export function lowerCamel(s: string, fallback = 'node'): string {
    const w = words(s);
    const out = w.map((x, i) => (i === 0 ? x.toLowerCase() : x[0].toUpperCase() + x.slice(1).toLowerCase())).join('');
    const safe = startSafe(out, fallback);
    return RESERVED.has(safe) ? `${safe}Node` : safe;
}

/** `New Subgraph` → NewSubgraph. */
export function upperCamel(s: string, fallback = 'Subgraph'): string {
    const out = words(s).map(x => x[0].toUpperCase() + x.slice(1)).join('');
    return startSafe(out, fallback);
}

/** An input or output name kept as close as it can be: `clip_l` stays, `my input` → my_input. */
export function argName(s: string): string {
    if (isIdentifier(s)) return s;
    const out = startSafe(s.replace(/\W+/g, '_').replace(/^_+|_+$/g, ''), 'value');
    return RESERVED.has(out) ? `${out}_` : out;
}

/** Hands out unique names: the second `kSampler` is `kSampler2`. */
export class NameSet {
    private readonly used = new Set<string>();

    constructor(taken: Iterable<string> = []) {
        for (const t of taken) this.used.add(t);
    }

    take(wanted: string): string {
        let name = wanted;
        for (let n = 2; this.used.has(name); n++) name = `${wanted}${n}`;
        this.used.add(name);
        return name;
    }
}
