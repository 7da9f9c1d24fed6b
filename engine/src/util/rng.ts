/**
 * Seeded randomness independent of the backend: shuffles, latent noise and procedural data
 * are drawn here (not from tf.random*) so the same seeds give the same numbers on every backend.
 */

/** Everything an Rng will draw next depends on (saved in training checkpoints). */
export interface RngState { state: number; spare?: number }

export interface Rng {
    /** Uniform in [0, 1). */
    next(): number;
    /** Its state now: `createRng(seed, snapshot)` continues exactly from here. */
    snapshot(): RngState;
    /** Integer in [0, n). */
    int(n: number): number;
    /** Standard normal. */
    normal(): number;
}

/** mulberry32: tiny, fast and good enough for data order and noise (not for cryptography). */
export function createRng(seed: number, resume?: RngState): Rng {
    let state = resume ? resume.state >>> 0 : (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
    let spare: number | undefined = resume?.spare;
    const next = (): number => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    return {
        next,
        snapshot: () => (spare === undefined ? { state } : { state, spare }),
        int: n => Math.floor(next() * n),
        normal() {
            if (spare !== undefined) {
                const s = spare;
                spare = undefined;
                return s;
            }
            // Box-Muller; 1 - u keeps the logarithm finite.
            const u = 1 - next();
            const v = next();
            const r = Math.sqrt(-2 * Math.log(u));
            spare = r * Math.sin(2 * Math.PI * v);
            return r * Math.cos(2 * Math.PI * v);
        },
    };
}

/** A Fisher-Yates permutation of 0..n-1. */
export function permutation(n: number, rng: Rng): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        const t = p[i];
        p[i] = p[j];
        p[j] = t;
    }
    return p;
}

/** `count` standard-normal values. */
export function normalArray(count: number, rng: Rng): Float32Array {
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = rng.normal();
    return out;
}
