/**
 * A few elementwise kernels as 128-bit wasm SIMD code that runs directly on tfjs-backend-wasm's
 * heap: a small WebAssembly module, assembled here from bytes (no compiler, no binary file),
 * imports the backend's own WebAssembly.Memory, so its functions read and write tensors in place
 * by their heap offsets. JS loops over the heap take 0.7–5 ns per element in V8 (every value is
 * a double; divisions and square roots are scalar); these take ~0.1–0.3 ns, four floats at a time,
 * in float32 like the stock kernels.
 *
 * Each function handles n rounded down to a multiple of 4; callers finish the last 0–3 elements
 * in JS (the kernel files that call them, e.g. tanh.ts).
 */

// --- a minimal wasm assembler ---------------------------------------------------------------

function uleb(n: number): number[] {
    const out: number[] = [];
    do {
        let b = n & 0x7f;
        n >>>= 7;
        if (n !== 0) b |= 0x80;
        out.push(b);
    } while (n !== 0);
    return out;
}

function sleb(n: number): number[] {
    const out: number[] = [];
    for (;;) {
        const b = n & 0x7f;
        n >>= 7;
        if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
            out.push(b);
            return out;
        }
        out.push(b | 0x80);
    }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const str = (s: string): number[] => vec([...s].map(ch => [ch.charCodeAt(0)]));
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

const I32 = 0x7f, F32 = 0x7d, V128 = 0x7b;

/** Instruction helpers (the subset the kernels use). */
const op = {
    get: (i: number) => [0x20, ...uleb(i)],
    set: (i: number) => [0x21, ...uleb(i)],
    tee: (i: number) => [0x22, ...uleb(i)],
    i32: (v: number) => [0x41, ...sleb(v)],
    i32Add: [0x6a], i32LtU: [0x49],
    block: [0x02, 0x40], loop: [0x03, 0x40], end: [0x0b],
    brIf: (d: number) => [0x0d, ...uleb(d)], br: (d: number) => [0x0c, ...uleb(d)],
    // memarg: alignment hint 2^2 (tensors are 4-byte aligned at least), byte offset.
    load: (offset = 0) => [0xfd, ...uleb(0x00), 2, ...uleb(offset)],
    store: (offset = 0) => [0xfd, ...uleb(0x0b), 2, ...uleb(offset)],
    splat: [0xfd, ...uleb(0x13)],
    add: [0xfd, ...uleb(0xe4)], sub: [0xfd, ...uleb(0xe5)], mul: [0xfd, ...uleb(0xe6)],
    div: [0xfd, ...uleb(0xe7)], sqrt: [0xfd, ...uleb(0xe3)],
    min: [0xfd, ...uleb(0xe8)], max: [0xfd, ...uleb(0xe9)],
    // b < a ? b : a and a < b ? b : a: one minps / maxps each, where min / max need ~7
    // instructions in V8 for their NaN and ±0 rules.
    pmin: [0xfd, ...uleb(0xea)], pmax: [0xfd, ...uleb(0xeb)],
    gt: [0xfd, ...uleb(0x44)], ge: [0xfd, ...uleb(0x46)], bitselect: [0xfd, ...uleb(0x52)],
    abs: [0xfd, ...uleb(0xe0)],
    // Two float32 → two float64 lanes: v128.load64_zero then f64x2.promote_low_f32x4.
    load2: (offset = 0) => [0xfd, ...uleb(0x5d), 2, ...uleb(offset), 0xfd, ...uleb(0x5f)],
    f64Add: [0xfd, ...uleb(0xf0)], f64Sub: [0xfd, ...uleb(0xf1)], f64Mul: [0xfd, ...uleb(0xf2)],
    f32: (v: number) => { const b = new Uint8Array(new Float32Array([v]).buffer); return [0x43, ...b]; },
    /** f32x4 constant (v128.const): four equal lanes. */
    f32x4: (v: number) => [0xfd, ...uleb(0x0c), ...new Uint8Array(new Float32Array([v, v, v, v]).buffer)],
    i32x4Shl: [0xfd, ...uleb(0xab)],
};

interface Func { name: string; params: number[]; locals: number[]; body: number[][] }

function assemble(funcs: Func[]): Uint8Array {
    const types = funcs.map(f => [0x60, ...vec(f.params.map(p => [p])), ...vec([])]);
    const imports = vec([[...str('env'), ...str('memory'), 0x02, 0x00, ...uleb(1)]]);
    const code = funcs.map(f => {
        const locals = vec(f.locals.map(t => [1, t]));
        const body = [...locals, ...f.body.flat(), ...op.end];
        return [...uleb(body.length), ...body];
    });
    return new Uint8Array([
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        ...section(1, vec(types)),
        ...section(2, imports),
        ...section(3, vec(funcs.map((_, i) => uleb(i)))),
        ...section(7, vec(funcs.map((f, i) => [...str(f.name), 0x00, ...uleb(i)]))),
        ...section(10, vec(code)),
    ]);
}

/** `for (i = 0; i < limit; i += step) body`, i and limit locals, step the code that pushes it. */
function forLoop(i: number, limit: number, step: number[], body: number[][]): number[][] {
    return [
        op.i32(0), op.set(i),
        op.block, op.loop,
        op.get(i), op.get(limit), op.i32LtU, [0x45 /* i32.eqz */], op.brIf(1),
        ...body,
        op.get(i), step, op.i32Add, op.set(i),
        op.br(0),
        op.end, op.end,
    ];
}

/** `for (i = 0; i < bytes; i += 16) body`: i is the byte offset the body adds to every pointer. */
function loop16(i: number, bytes: number, body: number[][]): number[][] {
    return forLoop(i, bytes, op.i32(16), body);
}

/** Pointer param p plus the loop offset i. */
const at = (p: number, i: number): number[] => [...op.get(p), ...op.get(i), ...op.i32Add];

// --- kernels ---------------------------------------------------------------------------------

/** leakyRelu(x, y, bytes, alpha): y = x > 0 ? x : alpha·x. */
const leakyRelu: Func = (() => {
    const [x, y, bytes, alpha, i, v, a] = [0, 1, 2, 3, 4, 5, 6];
    return {
        name: 'leakyRelu', params: [I32, I32, I32, F32], locals: [I32, V128, V128],
        body: [
            op.get(alpha), op.splat, op.set(a),
            ...loop16(i, bytes, [
                at(y, i),
                at(x, i), op.load(), op.tee(v),
                op.get(v), op.get(a), op.mul,
                op.get(v), op.f32(0), op.splat, op.gt,
                op.bitselect, op.store(),
            ]),
        ],
    };
})();

/** leakyReluGrad(dy, x, dx, bytes, alpha): dx = x > 0 ? dy : alpha·dy. */
const leakyReluGrad: Func = (() => {
    const [dy, x, dx, bytes, alpha, i, g, a] = [0, 1, 2, 3, 4, 5, 6, 7];
    return {
        name: 'leakyReluGrad', params: [I32, I32, I32, I32, F32], locals: [I32, V128, V128],
        body: [
            op.get(alpha), op.splat, op.set(a),
            ...loop16(i, bytes, [
                at(dx, i),
                at(dy, i), op.load(), op.tee(g),
                op.get(g), op.get(a), op.mul,
                at(x, i), op.load(), op.f32(0), op.splat, op.gt,
                op.bitselect, op.store(),
            ]),
        ],
    };
})();

/**
 * affineChannels(x, y, rowBytes, bytes, scale, shift): y = x·scale[k] + shift[k] over rows of
 * rowBytes/4 channels (a multiple of 4), scale and shift one row each.
 */
const affineChannels: Func = (() => {
    const [x, y, rowBytes, bytes, scale, shift, i, k] = [0, 1, 2, 3, 4, 5, 6, 7];
    return {
        name: 'affineChannels', params: [I32, I32, I32, I32, I32, I32], locals: [I32, I32],
        body: forLoop(i, bytes, op.get(rowBytes), loop16(k, rowBytes, [
            op.get(y), op.get(i), op.i32Add, op.get(k), op.i32Add,
            op.get(x), op.get(i), op.i32Add, op.get(k), op.i32Add, op.load(),
            at(scale, k), op.load(), op.mul,
            at(shift, k), op.load(), op.add,
            op.store(),
        ])),
    };
})();

/**
 * Row loop over [rows, c] float32 data (rowBytes = 4c, c even) with an inner loop over channel
 * pairs: k4 is the pair's float32 byte offset, k8 its float64 byte offset.
 */
function rowsByPairs(i: number, k4: number, k8: number, rowBytes: number, bytes: number, inner: number[][]): number[][] {
    return forLoop(i, bytes, op.get(rowBytes), [
        op.i32(0), op.set(k8),
        ...forLoop(k4, rowBytes, op.i32(8), [
            ...inner,
            op.get(k8), op.i32(16), op.i32Add, op.set(k8),
        ]),
    ]);
}

/** Address p + i + k (three locals). */
const at3 = (p: number, i: number, k: number): number[] => [...op.get(p), ...op.get(i), ...op.i32Add, ...op.get(k), ...op.i32Add];

/**
 * columnSums(x, rowBytes, bytes, acc): acc[k] += Σ_rows x[row, k] in float64 (acc: c doubles,
 * c even), two channels per SIMD lane pair.
 */
const columnSums: Func = (() => {
    const [x, rowBytes, bytes, acc, i, k4, k8] = [0, 1, 2, 3, 4, 5, 6];
    return {
        name: 'columnSums', params: [I32, I32, I32, I32], locals: [I32, I32, I32],
        body: rowsByPairs(i, k4, k8, rowBytes, bytes, [
            at(acc, k8),
            at(acc, k8), op.load(),
            at3(x, i, k4), op.load2(), op.f64Add,
            op.store(),
        ]),
    };
})();

/**
 * batchNormGradSums(x, dy, mean, rowBytes, bytes, sumDy, sumXmDy): per channel, in float64,
 * sumDy[k] += Σ dy and sumXmDy[k] += Σ (x − mean[k])·dy (mean, sumDy, sumXmDy: c doubles).
 */
const batchNormGradSums: Func = (() => {
    const [x, dy, mean, rowBytes, bytes, sumDy, sumXmDy, i, k4, k8, g] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    return {
        name: 'batchNormGradSums', params: [I32, I32, I32, I32, I32, I32, I32], locals: [I32, I32, I32, V128],
        body: rowsByPairs(i, k4, k8, rowBytes, bytes, [
            at3(dy, i, k4), op.load2(), op.set(g),
            at(sumDy, k8),
            at(sumDy, k8), op.load(), op.get(g), op.f64Add,
            op.store(),
            at(sumXmDy, k8),
            at(sumXmDy, k8), op.load(),
            at3(x, i, k4), op.load2(), at(mean, k8), op.load(), op.f64Sub, op.get(g), op.f64Mul,
            op.f64Add,
            op.store(),
        ]),
    };
})();

/**
 * copyBlocks(src, dst, blockBytes, count, srcStride, dstStride): copies `count` blocks of
 * blockBytes (a multiple of 16) from src + j·srcStride to dst + j·dstStride.
 */
const copyBlocks: Func = (() => {
    const [src, dst, blockBytes, count, srcStride, dstStride, j, k] = [0, 1, 2, 3, 4, 5, 6, 7];
    return {
        name: 'copyBlocks', params: [I32, I32, I32, I32, I32, I32], locals: [I32, I32],
        body: forLoop(j, count, op.i32(1), [
            ...loop16(k, blockBytes, [
                at(dst, k), at(src, k), op.load(), op.store(),
            ]),
            op.get(src), op.get(srcStride), op.i32Add, op.set(src),
            op.get(dst), op.get(dstStride), op.i32Add, op.set(dst),
        ]),
    };
})();

/** name(a, b, out, bytes): out = a ∘ b elementwise (same shapes), ∘ = add, sub or mul. */
function elementwise(name: string, instr: number[]): Func {
    const [a, b, out, bytes, i] = [0, 1, 2, 3, 4];
    return {
        name, params: [I32, I32, I32, I32], locals: [I32],
        body: loop16(i, bytes, [at(out, i), at(a, i), op.load(), at(b, i), op.load(), instr, op.store()]),
    };
}

/** axpy(x, y, bytes, alpha): y += alpha·x in float32. */
const axpy: Func = (() => {
    const [x, y, bytes, alpha, i, a] = [0, 1, 2, 3, 4, 5];
    return {
        name: 'axpy', params: [I32, I32, I32, F32], locals: [I32, V128],
        body: [
            op.get(alpha), op.splat, op.set(a),
            ...loop16(i, bytes, [
                at(y, i),
                at(x, i), op.load(), op.get(a), op.mul,
                at(y, i), op.load(), op.add,
                op.store(),
            ]),
        ],
    };
})();

/**
 * adam(value, m, v, g, outValue, outM, outV, bytes, b1, c1, b2, c2, k1, k2, eps):
 * m' = m·b1 + g·c1, v' = v·b2 + g²·c2, value' = value + k1·m' / (√v'·k2 + ε).
 */
const adam: Func = (() => {
    const [value, m, v, g, ov, om, os, bytes, b1, c1, b2, c2, k1, k2, eps] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
    const [i, gv, mv, vv, B1, C1, B2, C2, K1, K2, E] = [15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25];
    return {
        name: 'adam', params: [I32, I32, I32, I32, I32, I32, I32, I32, F32, F32, F32, F32, F32, F32, F32],
        locals: [I32, V128, V128, V128, V128, V128, V128, V128, V128, V128, V128],
        body: [
            op.get(b1), op.splat, op.set(B1), op.get(c1), op.splat, op.set(C1),
            op.get(b2), op.splat, op.set(B2), op.get(c2), op.splat, op.set(C2),
            op.get(k1), op.splat, op.set(K1), op.get(k2), op.splat, op.set(K2),
            op.get(eps), op.splat, op.set(E),
            ...loop16(i, bytes, [
                at(g, i), op.load(), op.set(gv),
                // m'
                at(m, i), op.load(), op.get(B1), op.mul, op.get(gv), op.get(C1), op.mul, op.add, op.set(mv),
                at(om, i), op.get(mv), op.store(),
                // v'
                at(v, i), op.load(), op.get(B2), op.mul, op.get(gv), op.get(gv), op.mul, op.get(C2), op.mul, op.add, op.set(vv),
                at(os, i), op.get(vv), op.store(),
                // value'
                at(ov, i),
                at(value, i), op.load(),
                op.get(K1), op.get(mv), op.mul,
                op.get(vv), op.sqrt, op.get(K2), op.mul, op.get(E), op.add,
                op.div, op.add, op.store(),
            ]),
        ],
    };
})();

/** tanh(x, y, bytes): Eigen's float rational approximation (see tanh.ts), clamped at ±7.9053. */
export const TANH_COEFFS = {
    a: [4.89352455891786e-03, 6.37261928875436e-04, 1.48572235717979e-05, 5.12229709037114e-08,
        -8.60467152213735e-11, 2.00018790482477e-13, -2.76076847742355e-16],
    b: [4.89352518554385e-03, 2.26843463243900e-03, 1.18534705686654e-04, 1.19825839466702e-06],
    clamp: 7.90531110763549805,
};
const tanh: Func = (() => {
    const [x, y, bytes, i, v, v2] = [0, 1, 2, 3, 4, 5];
    const { a, b, clamp } = TANH_COEFFS;
    const c = (k: number) => [op.f32(k), op.splat].flat();
    // Horner in v2: ((((c_n)·v2 + c_{n-1})·v2 + …)
    const horner = (cs: number[]): number[][] => {
        const out: number[][] = [c(cs[cs.length - 1])];
        for (let j = cs.length - 2; j >= 0; j--) out.push(op.get(v2), op.mul, c(cs[j]), op.add);
        return out;
    };
    return {
        name: 'tanh', params: [I32, I32, I32], locals: [I32, V128, V128],
        body: loop16(i, bytes, [
            at(y, i),
            // v = min(max(x, −clamp), clamp); NaN stays NaN (min/max propagate it).
            at(x, i), op.load(), c(-clamp), op.max, c(clamp), op.min, op.tee(v),
            op.get(v), op.mul, op.set(v2),
            op.get(v), ...horner(a), op.mul,
            ...horner(b),
            op.div, op.store(),
        ]),
    };
})();


/**
 * channelMoments(x, rowBytes, bytes, sum, sumSq): per channel, in float64, sum[k] += Σ x and
 * sumSq[k] += Σ x² (c even; sum, sumSq: c doubles). A float32 square is exact in double, so the
 * one-pass variance loses only what the double sums lose.
 */
const channelMoments: Func = (() => {
    const [x, rowBytes, bytes, sum, sumSq, i, k4, k8, v] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    return {
        name: 'channelMoments', params: [I32, I32, I32, I32, I32], locals: [I32, I32, I32, V128],
        body: rowsByPairs(i, k4, k8, rowBytes, bytes, [
            at3(x, i, k4), op.load2(), op.set(v),
            at(sum, k8),
            at(sum, k8), op.load(), op.get(v), op.f64Add,
            op.store(),
            at(sumSq, k8),
            at(sumSq, k8), op.load(), op.get(v), op.get(v), op.f64Mul, op.f64Add,
            op.store(),
        ]),
    };
})();

/**
 * normAffine(x, y, rowBytes, bytes, mean, scale, shift): y = (x − mean[k])·scale[k] + shift[k]
 * over rows of rowBytes/4 channels (a multiple of 4), the three parameters one row each.
 */
const normAffine: Func = (() => {
    const [x, y, rowBytes, bytes, mean, scale, shift, i, k] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    return {
        name: 'normAffine', params: [I32, I32, I32, I32, I32, I32, I32], locals: [I32, I32],
        body: forLoop(i, bytes, op.get(rowBytes), loop16(k, rowBytes, [
            at3(y, i, k),
            at3(x, i, k), op.load(), at(mean, k), op.load(), op.sub,
            at(scale, k), op.load(), op.mul,
            at(shift, k), op.load(), op.add,
            op.store(),
        ])),
    };
})();

/**
 * normGrad(dy, x, dx, rowBytes, bytes, mean, p, q, r):
 * dx = dy·p[k] + (x − mean[k])·q[k] + r[k] over rows as in normAffine.
 */
const normGrad: Func = (() => {
    const [dy, x, dx, rowBytes, bytes, mean, p, q, r, i, k] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    return {
        name: 'normGrad', params: [I32, I32, I32, I32, I32, I32, I32, I32, I32], locals: [I32, I32],
        body: forLoop(i, bytes, op.get(rowBytes), loop16(k, rowBytes, [
            at3(dx, i, k),
            at3(dy, i, k), op.load(), at(p, k), op.load(), op.mul,
            at3(x, i, k), op.load(), at(mean, k), op.load(), op.sub,
            at(q, k), op.load(), op.mul, op.add,
            at(r, k), op.load(), op.add,
            op.store(),
        ])),
    };
})();

/**
 * Cephes' expf (range reduction by ln 2 split in two, degree-5 polynomial, 2ⁿ built in the
 * exponent bits; ~1.6e-7 relative) for arguments in [−87, 88], where n + 127 stays a normal
 * exponent (the SiLU kernels only need [−87, 0]).
 */
export const EXP_COEFFS = {
    log2e: 1.44269504088896341, c1: 0.693359375, c2: -2.12194440e-4,
    p: [1.9875691500e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1],
    lo: -87,
};
/**
 * Adding 1.5·2²³ rounds a float32 in (−2²², 2²²) to an integer held in the low mantissa bits;
 * with the exponent bias added too, those bits shifted left by 23 are 2ⁿ (the rest shift out).
 */
const ROUND_MAGIC = 12582912 + 127;

/** The exp and sigmoid constants as v128 locals from `first` on, set before the loop. */
const EXP_CONSTS = [EXP_COEFFS.log2e, ROUND_MAGIC, EXP_COEFFS.c1, EXP_COEFFS.c2, ...EXP_COEFFS.p, 1, 0, EXP_COEFFS.lo];
function expConsts(first: number) {
    const local = (v: number) => op.get(first + EXP_CONSTS.indexOf(v));
    const init = EXP_CONSTS.flatMap((v, j) => [op.f32x4(v), op.set(first + j)]);
    return { init, local, count: EXP_CONSTS.length };
}

/** e^t for local t (in [lo, 88]) onto the stack; n and r are scratch locals. */
function expInto(t: number, n: number, r: number, k: (v: number) => number[]): number[][] {
    const { log2e, c1, c2, p } = EXP_COEFFS;
    const poly: number[][] = [k(p[0])];
    for (let j = 1; j < p.length; j++) poly.push(op.get(r), op.mul, k(p[j]), op.add);
    return [
        op.get(t), k(log2e), op.mul, k(ROUND_MAGIC), op.add, op.tee(n), k(ROUND_MAGIC), op.sub, op.set(r),
        // r = t − n·ln2 with ln2 in two parts, so n·c1 is exact.
        op.get(t), op.get(r), k(c1), op.mul, op.sub, op.get(r), k(c2), op.mul, op.sub, op.set(r),
        ...poly,
        op.get(r), op.mul, op.get(r), op.mul, op.get(r), op.add, k(1), op.add,
        op.get(n), op.i32(23), op.i32x4Shl,
        op.mul,
    ];
}

/**
 * A kernel over `bytes` (a multiple of 64) that runs `vector` for four vectors per iteration,
 * each with its own `perVector` scratch locals: the exp chain is long and serial, the four
 * chains overlap (~20 % faster than one). Params are i32s; the last one is bytes.
 */
function unrolled4(name: string, params: number, perVector: number, vector: (offset: number, i: number, locals: number[], k: (v: number) => number[]) => number[][]): Func {
    const bytes = params - 1, i = params;
    const c = expConsts(params + 1);
    const first = params + 1 + c.count;
    const body: number[][] = [];
    for (let u = 0; u < 4; u++) body.push(...vector(16 * u, i, Array.from({ length: perVector }, (_, j) => first + perVector * u + j), c.local));
    return {
        name, params: Array(params).fill(I32), locals: [I32, ...Array(c.count + 4 * perVector).fill(V128)],
        body: [...c.init, ...forLoop(i, bytes, op.i32(64), body)],
    };
}

/**
 * The SiLU kernels work with m = sigmoid(−|x|) = e/(1 + e), e = e^−|x| ∈ (0, 1]: no overflow, and
 * both s = sigmoid(x) and 1 − s are m or 1 − m (by the sign of x), each accurate to float32
 * rounding (a saved s near 1 would have lost 1 − s, which the gradient needs at x ≈ 10…17).
 * From local v = x: leaves |x| in a, m in r and on the stack (t, n scratch).
 */
function sigmoidOfNegAbs(v: number, a: number, t: number, n: number, r: number, k: (v: number) => number[]): number[][] {
    return [
        // −|x| clamped to exp's range (a NaN stays NaN: pmax returns its first operand then).
        k(0), op.get(v), op.abs, op.tee(a), op.sub, k(EXP_COEFFS.lo), op.pmax, op.set(t),
        ...expInto(t, n, r, k), op.tee(t), op.get(t), k(1), op.add, op.div, op.tee(r),
    ];
}

/** y = x·sigmoid(x) = max(x, 0) − |x|·m (x ≥ 0: x·(1 − m); x < 0: x·m), from locals. */
const siluFromM = (v: number, a: number, m: number, k: (v: number) => number[]): number[][] => [
    op.get(v), k(0), op.pmax, op.get(a), op.get(m), op.mul, op.sub,
];

/** silu(x, y, bytes): y = x·sigmoid(x); bytes a multiple of 64. */
const silu = unrolled4('silu', 3, 5, (off, i, [v, a, t, n, r], k) => {
    const [x, y] = [0, 1];
    return [
        at(x, i), op.load(off), op.set(v),
        ...sigmoidOfNegAbs(v, a, t, n, r, k), [0x1a] /* drop */,
        at(y, i), ...siluFromM(v, a, r, k), op.store(off),
    ];
});

/**
 * siluSigmoid(x, y, m, bytes): y as silu, and m = sigmoid(−|x|) saved for the gradient while
 * training; bytes a multiple of 64.
 */
const siluSigmoid = unrolled4('siluSigmoid', 4, 5, (off, i, [v, a, t, n, r], k) => {
    const [x, y, m] = [0, 1, 2];
    return [
        at(x, i), op.load(off), op.set(v),
        at(m, i), ...sigmoidOfNegAbs(v, a, t, n, r, k), op.store(off),
        at(y, i), ...siluFromM(v, a, r, k), op.store(off),
    ];
});

/** siluGrad(dy, x, m, dx, bytes): dx = dy·s·(1 + x·(1 − s)), s and 1 − s from m = sigmoid(−|x|). */
const siluGrad: Func = (() => {
    const [dy, x, m, dx, bytes, i, v, mv, ge, one] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    return {
        name: 'siluGrad', params: [I32, I32, I32, I32, I32], locals: [I32, V128, V128, V128, V128],
        body: [
            op.f32x4(1), op.set(one),
            ...loop16(i, bytes, [
                at(dx, i),
                at(x, i), op.load(), op.tee(v), op.f32x4(0), op.ge, op.set(ge),
                at(m, i), op.load(), op.set(mv),
                // s·dy
                op.get(one), op.get(mv), op.sub, op.get(mv), op.get(ge), op.bitselect,
                at(dy, i), op.load(), op.mul,
                // 1 + x·(1 − s)
                op.get(mv), op.get(one), op.get(mv), op.sub, op.get(ge), op.bitselect,
                op.get(v), op.mul, op.get(one), op.add,
                op.mul,
                op.store(),
            ]),
        ],
    };
})();

export interface SimdKernels {
    leakyRelu(x: number, y: number, bytes: number, alpha: number): void;
    leakyReluGrad(dy: number, x: number, dx: number, bytes: number, alpha: number): void;
    affineChannels(x: number, y: number, rowBytes: number, bytes: number, scale: number, shift: number): void;
    adam(value: number, m: number, v: number, g: number, outValue: number, outM: number, outV: number, bytes: number,
        b1: number, c1: number, b2: number, c2: number, k1: number, k2: number, eps: number): void;
    tanh(x: number, y: number, bytes: number): void;
    columnSums(x: number, rowBytes: number, bytes: number, acc: number): void;
    axpy(x: number, y: number, bytes: number, alpha: number): void;
    add(a: number, b: number, out: number, bytes: number): void;
    sub(a: number, b: number, out: number, bytes: number): void;
    mul(a: number, b: number, out: number, bytes: number): void;
    copyBlocks(src: number, dst: number, blockBytes: number, count: number, srcStride: number, dstStride: number): void;
    batchNormGradSums(x: number, dy: number, mean: number, rowBytes: number, bytes: number, sumDy: number, sumXmDy: number): void;
    channelMoments(x: number, rowBytes: number, bytes: number, sum: number, sumSq: number): void;
    normAffine(x: number, y: number, rowBytes: number, bytes: number, mean: number, scale: number, shift: number): void;
    normGrad(dy: number, x: number, dx: number, rowBytes: number, bytes: number, mean: number, p: number, q: number, r: number): void;
    silu(x: number, y: number, bytes: number): void;
    siluSigmoid(x: number, y: number, m: number, bytes: number): void;
    siluGrad(dy: number, x: number, m: number, dx: number, bytes: number): void;
}

export const SIMD_BYTES = assemble([leakyRelu, leakyReluGrad, affineChannels, adam, tanh, columnSums, batchNormGradSums, copyBlocks, axpy,
    elementwise('add', op.add), elementwise('sub', op.sub), elementwise('mul', op.mul),
    channelMoments, normAffine, normGrad, silu, siluSigmoid, siluGrad]);

/** The WebAssembly API as far as used here (the project's TS lib has no DOM / wasm typings). */
interface WasmApi {
    Module: new (bytes: Uint8Array) => object;
    Instance: new (module: object, imports: object) => { exports: unknown };
}

const instances = new WeakMap<object, SimdKernels | null>();

/**
 * The kernels bound to `memory` (a WebAssembly.Memory), or null when this runtime cannot run
 * them (no wasm SIMD).
 */
export function simdKernelsFor(memory: object): SimdKernels | null {
    let k = instances.get(memory);
    if (k === undefined) {
        try {
            const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
            const module = new wasm.Module(SIMD_BYTES);
            k = new wasm.Instance(module, { env: { memory } }).exports as SimdKernels;
        } catch {
            k = null;
        }
        instances.set(memory, k);
    }
    return k;
}
