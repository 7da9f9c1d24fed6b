/**
 * Finds and loads the optional native addon (native/ in the repo, built by
 * scripts/build-native.mjs at npm install). Never throws: when the addon is
 * unusable the result says why, so `doctor` and backend selection can report it.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Argument layout version; must equal the addon's `info().abi`. */
export const NATIVE_ABI = 3;

export interface NativeInfo {
    abi: number;
    isa: string;
    bestIsa: string;
    threads: number;
    arch: string;
}

/** Entry points of native/src/addon.cc. Heap offsets are byte offsets; -1 means "none". */
export interface NativeAddon {
    conv2d(heap: ArrayBufferLike, x: number, w: number, bias: number, y: number,
        ...geometryThenActivationAlpha: number[]): void;
    conv2dBackpropInput(heap: ArrayBufferLike, dy: number, w: number, dx: number, ...geometry: number[]): void;
    conv2dBackpropFilter(heap: ArrayBufferLike, x: number, dy: number, dw: number, ...geometry: number[]): void;
    matmul(heap: ArrayBufferLike, a: number, b: number, c: number, batchA: number, batchB: number,
        m: number, n: number, k: number, transposeA: boolean, transposeB: boolean,
        bias: number, biasSize: number, activation: number, alpha: number): void;
    leakyRelu(heap: ArrayBufferLike, x: number, y: number, n: number, alpha: number): void;
    leakyReluGrad(heap: ArrayBufferLike, dy: number, x: number, dx: number, n: number, alpha: number): void;
    /** y = x·sigmoid(x), and m = sigmoid(−|x|) unless m is −1 (absent from addons built before it). */
    silu?(heap: ArrayBufferLike, x: number, y: number, m: number, n: number): void;
    /** dx = dy·s·(1 + x·(1 − s)), s and 1 − s from m = sigmoid(−|x|). */
    siluGrad?(heap: ArrayBufferLike, dy: number, x: number, m: number, dx: number, n: number): void;
    /** The engine's FlowStudioGroupNorm on NHWC x viewed as [n, hw, c]. */
    groupNorm?(heap: ArrayBufferLike, x: number, gamma: number, beta: number, y: number, mean: number, rstd: number,
        n: number, hw: number, c: number, groups: number, epsilon: number): void;
    /** The engine's FlowStudioGroupNormGrad. */
    groupNormGrad?(heap: ArrayBufferLike, dy: number, x: number, gamma: number, mean: number, rstd: number,
        dx: number, dgamma: number, dbeta: number, n: number, hw: number, c: number, groups: number): void;
    /** Sums x viewed as [outer x inner] over the leading (outer) or trailing (inner) dimension, times scale. */
    reduce(heap: ArrayBufferLike, x: number, y: number, outer: number, inner: number, leading: boolean, scale: number): void;
    /** out = big op small, small repeating every `inner` values; op: 0 add, 1 sub, 2 mul, 3 div. */
    binary(heap: ArrayBufferLike, op: number, big: number, small: number, out: number, outer: number, inner: number, smallIsA: boolean): void;
    batchNorm(heap: ArrayBufferLike, x: number, mean: number, variance: number, offset: number, scale: number, y: number,
        rows: number, channels: number, epsilon: number): void;
    sgemm(transposeA: boolean, transposeB: boolean, m: number, n: number, k: number,
        a: Float32Array, b: Float32Array, c: Float32Array, accumulate: boolean, parallel: boolean): void;
    info(): NativeInfo;
    setIsa(isa: 'avx512' | 'avx2' | 'generic'): boolean;
    setThreads(n: number): void;
}

export type NativeLoad =
    | { ok: true; addon: NativeAddon; path: string }
    | { ok: false; reason: string };

const ADDON_FILE = 'flowstudio_native.node';

function moduleDir(): string {
    try {
        return dirname(fileURLToPath(import.meta.url));
    } catch {
        // Bundled to CommonJS (the VS Code extension): import.meta is empty there.
        return typeof __dirname === 'string' ? __dirname : process.cwd();
    }
}

/** Where the addon may be, nearest first: an explicit path, a local build, a prebuilt for this platform. */
export function addonCandidates(start = moduleDir()): string[] {
    const fromEnv = process.env.FLOWSTUDIO_NATIVE_ADDON;
    if (fromEnv) return [resolve(fromEnv)];
    const found: string[] = [];
    const platformDir = `${process.platform}-${process.arch}`;
    let dir = start;
    for (;;) {
        found.push(join(dir, 'native', 'build', 'Release', ADDON_FILE));
        found.push(join(dir, 'native', 'prebuilt', platformDir, ADDON_FILE));
        const up = dirname(dir);
        if (up === dir) break;
        dir = up;
    }
    return found;
}

let cached: NativeLoad | undefined;

export function loadNativeAddon(): NativeLoad {
    if (cached) return cached;
    cached = load();
    return cached;
}

function load(): NativeLoad {
    const flag = process.env.FLOWSTUDIO_NATIVE;
    if (flag === '0' || flag === 'off' || flag === 'false') {
        return { ok: false, reason: `disabled by FLOWSTUDIO_NATIVE=${flag}` };
    }
    const candidates = addonCandidates();
    const path = candidates.find(p => existsSync(p));
    if (!path) {
        return {
            ok: false,
            reason: 'native addon not built (no native/build/Release/flowstudio_native.node; ' +
                'run `npm run build:native` with a C++ compiler installed)',
        };
    }
    let addon: NativeAddon;
    try {
        addon = createRequire(join(moduleDir(), 'noop.js'))(path) as NativeAddon;
    } catch (e) {
        return { ok: false, reason: `native addon at ${path} failed to load: ${(e as Error).message}` };
    }
    const info = addon.info();
    if (info.abi !== NATIVE_ABI) {
        return {
            ok: false,
            reason: `native addon at ${path} is stale (abi ${info.abi}, expected ${NATIVE_ABI}); ` +
                'rebuild with `npm run build:native`',
        };
    }
    const isa = process.env.FLOWSTUDIO_NATIVE_ISA;
    if (isa && !addon.setIsa(isa as 'avx512' | 'avx2' | 'generic')) {
        return { ok: false, reason: `FLOWSTUDIO_NATIVE_ISA=${isa} is not supported by this CPU (best: ${info.bestIsa})` };
    }
    const threads = Number(process.env.FLOWSTUDIO_NATIVE_THREADS);
    if (Number.isInteger(threads) && threads > 0) addon.setThreads(threads);
    return { ok: true, addon, path };
}

/** Human-readable CPU path, e.g. "avx512, 2 threads, x64". */
export function describeCpu(addon: NativeAddon): string {
    const i = addon.info();
    return `${i.isa}, ${i.threads} thread${i.threads === 1 ? '' : 's'}, ${i.arch}`;
}
