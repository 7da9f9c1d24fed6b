/**
 * The Beta distribution's quantile function, for ComfyUI's `beta` scheduler (which calls
 * `scipy.stats.beta.ppf`). The CDF is the regularized incomplete beta function, evaluated by its
 * continued fraction (Numerical Recipes `betacf`); the quantile inverts it by bisection, which is
 * slow by numerical standards but exact to double precision and never diverges.
 */

/** log Gamma(x) for x > 0 (Lanczos, g = 7, 9 terms: ~1e-15 relative). */
export function logGamma(x: number): number {
    const c = [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];
    if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    const z = x - 1;
    let a = c[0];
    const t = z + 7.5;
    for (let i = 1; i < 9; i++) a += c[i] / (z + i);
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

function continuedFraction(x: number, a: number, b: number): number {
    const tiny = 1e-300;
    let c = 1;
    let d = 1 - ((a + b) * x) / (a + 1);
    if (Math.abs(d) < tiny) d = tiny;
    d = 1 / d;
    let h = d;
    for (let m = 1; m <= 500; m++) {
        const m2 = 2 * m;
        let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
        d = 1 + aa * d;
        if (Math.abs(d) < tiny) d = tiny;
        c = 1 + aa / c;
        if (Math.abs(c) < tiny) c = tiny;
        d = 1 / d;
        h *= d * c;
        aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
        d = 1 + aa * d;
        if (Math.abs(d) < tiny) d = tiny;
        c = 1 + aa / c;
        if (Math.abs(c) < tiny) c = tiny;
        d = 1 / d;
        const del = d * c;
        h *= del;
        if (Math.abs(del - 1) < 1e-16) break;
    }
    return h;
}

/** Regularized incomplete beta I_x(a, b): the CDF of Beta(a, b) at x. */
export function betaCdf(x: number, a: number, b: number): number {
    if (x <= 0) return 0;
    if (x >= 1) return 1;
    const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
    // The fraction converges fast only on this side of the mean; use the symmetry otherwise.
    if (x < (a + 1) / (a + b + 2)) return (front * continuedFraction(x, a, b)) / a;
    return 1 - (front * continuedFraction(1 - x, b, a)) / b;
}

/** Quantile (percent-point function) of Beta(a, b): the x with betaCdf(x) = p. */
export function betaPpf(p: number, a: number, b: number): number {
    if (p <= 0) return 0;
    if (p >= 1) return 1;
    let lo = 0;
    let hi = 1;
    for (let i = 0; i < 100 && hi - lo > 1e-16; i++) {
        const mid = 0.5 * (lo + hi);
        if (betaCdf(mid, a, b) < p) lo = mid;
        else hi = mid;
    }
    return 0.5 * (lo + hi);
}
