/**
 * Run-time backend selection: `tensorflow` (tfjs-node, if importable) → `wasm-native` (wasm
 * backend + our JS kernels + the native addon's kernels) → `wasm` (wasm backend + our JS
 * kernels) → `cpu`. A requested backend is used or fails with the reason; nothing silently
 * falls back from an explicit request.
 */
import * as tf from '@tensorflow/tfjs-core';
import { registerCpuKernels } from './cpu-kernels/register-all.js';
import { installGradientOverrides } from './gradients/install.js';
import { findWasmDir } from './wasm-paths.js';
import { registerWasmKernels } from './wasm-kernels/register-all.js';
import { BACKEND_ORDER, parseBackendName, type BackendName } from './names.js';

export { BACKEND_ORDER, parseBackendName, type BackendName } from './names.js';

export interface BackendInfo {
    /** What runs: one of BACKEND_ORDER. */
    name: BackendName;
    /** The tfjs backend name underneath (`wasm` for both wasm variants). */
    tfBackend: string;
    /** Kernels Flow Studio registered for this backend (JS wasm kernels, or cpu corrections). */
    kernels: string[];
    nativeKernels: string[];
    /** Gradients replaced by cheaper equivalents (same values). */
    gradients: string[];
    /** Why each backend earlier in the order (or requested) is not used. */
    unavailable: Partial<Record<BackendName, string>>;
    /** wasm only: binary flavour, thread count, where the binaries were loaded from. */
    wasm?: { simd: boolean; threads: number; dir?: string };
    /** wasm-native only: the addon's CPU description (ISA, threads). */
    nativeCpu?: string;
}

export interface InitOptions {
    /** Folder holding tfjs-backend-wasm*.wasm (default: found next to the package or bundle). */
    wasmDir?: string;
}

type Attempt = { ok: true; info: BackendInfo } | { ok: false; reason: string };

function message(e: unknown): string {
    return e instanceof Error ? e.message : String(e);
}

let current: BackendInfo | undefined;

/** The backend chosen by the last initBackend call, if any. */
export function currentBackend(): BackendInfo | undefined {
    return current;
}

/**
 * Selects and activates a backend. `requested` (`tensorflow`, `wasm-native`, `wasm`, `cpu`,
 * or `auto`/undefined) overrides the order. Throws when an explicitly requested backend is not
 * available, naming the reason.
 */
export async function initBackend(requested?: string, options: InitOptions = {}): Promise<BackendInfo> {
    const want = parseBackendName(requested);
    const order = want === 'auto' ? BACKEND_ORDER : [want];
    const unavailable: Partial<Record<BackendName, string>> = {};
    for (const name of order) {
        const attempt = await tryBackend(name, options);
        if (attempt.ok) {
            current = { ...attempt.info, unavailable: { ...unavailable, ...attempt.info.unavailable } };
            return current;
        }
        unavailable[name] = attempt.reason;
    }
    const reasons = Object.entries(unavailable).map(([n, r]) => `${n}: ${r}`).join('; ');
    throw new Error(want === 'auto'
        ? `no TensorFlow.js backend could be initialized (${reasons})`
        : `backend "${want}" is not available: ${unavailable[want]}`);
}

async function tryBackend(name: BackendName, options: InitOptions): Promise<Attempt> {
    switch (name) {
        case 'tensorflow': return tryTensorflow();
        case 'wasm-native': return tryWasm(true, options);
        case 'wasm': return tryWasm(false, options);
        case 'cpu': return tryCpu();
    }
}

async function tryTensorflow(): Promise<Attempt> {
    // A variable specifier keeps bundlers and tsc from resolving a package that is usually absent.
    const specifier = '@tensorflow/tfjs-node';
    try {
        await import(specifier);
    } catch (e) {
        return { ok: false, reason: `@tensorflow/tfjs-node is not importable (${firstLine(message(e))})` };
    }
    if (!(await tf.setBackend('tensorflow'))) return { ok: false, reason: 'tfjs-node loaded but its backend failed to initialize' };
    const gradients = await installGradientOverrides();
    return { ok: true, info: { name: 'tensorflow', tfBackend: 'tensorflow', kernels: [], nativeKernels: [], gradients, unavailable: {} } };
}

function firstLine(s: string): string {
    return s.split('\n')[0];
}

let wasmReady: Promise<{ simd: boolean; threads: number; dir?: string }> | undefined;

/** Loads and initializes the wasm backend once per process with our kernels registered. */
function initWasm(options: InitOptions): Promise<{ simd: boolean; threads: number; dir?: string }> {
    wasmReady ??= (async () => {
        const imported = await import('@tensorflow/tfjs-backend-wasm');
        // Bundled as CommonJS inside the ESM CLI bundle, the package's exports arrive as `default`.
        const wasm = 'setWasmPaths' in imported ? imported : (imported as { default: typeof imported }).default;
        const { dir, tried } = findWasmDir(options.wasmDir);
        if (!dir) throw new Error(`tfjs-backend-wasm binaries not found (looked in ${tried.join(', ')})`);
        wasm.setWasmPaths(dir);
        registerWasmKernels();
        const ok = await tf.setBackend('wasm');
        if (!ok) throw new Error(`the wasm backend failed to initialize from ${dir}`);
        const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT') as boolean;
        return { simd, threads: wasm.getThreadsCount(), dir };
    })();
    wasmReady.catch(() => { wasmReady = undefined; });
    return wasmReady;
}

interface NativeModule {
    registerNativeKernels(): { ok: boolean; reason?: string; kernels: string[]; cpu: string };
    unregisterNativeKernels(): void;
}

async function loadNativeModule(): Promise<NativeModule> {
    // A literal specifier, so bundlers include it; the addon binary itself is located at run time.
    return await import('./native/index.js') as NativeModule;
}

async function tryWasm(native: boolean, options: InitOptions): Promise<Attempt> {
    let nativeModule: NativeModule | undefined;
    const unavailable: Partial<Record<BackendName, string>> = {};
    try {
        nativeModule = await loadNativeModule();
    } catch (e) {
        if (native) return { ok: false, reason: `native kernels unavailable: ${firstLine(message(e))}` };
    }
    let wasmInfo: { simd: boolean; threads: number; dir?: string };
    try {
        wasmInfo = await initWasm(options);
    } catch (e) {
        return { ok: false, reason: message(e) };
    }
    if (tf.getBackend() !== 'wasm' && !(await tf.setBackend('wasm'))) {
        return { ok: false, reason: 'the wasm backend failed to initialize' };
    }
    // Plain wasm after wasm-native in the same process: take the addon's kernels off first.
    if (!native && nativeModule) nativeModule.unregisterNativeKernels();
    const kernels = registerWasmKernels();
    // Before the native kernels, which remember (and on removal restore) what they replace.
    const gradients = await installGradientOverrides();
    let nativeKernels: string[] = [];
    let nativeCpu: string | undefined;
    if (native && nativeModule) {
        const reg = nativeModule.registerNativeKernels();
        if (!reg.ok) return { ok: false, reason: `native kernels unavailable: ${reg.reason ?? 'unknown reason'}` };
        nativeKernels = reg.kernels;
        nativeCpu = reg.cpu;
    }
    return {
        ok: true,
        info: {
            name: native ? 'wasm-native' : 'wasm', tfBackend: 'wasm', kernels, nativeKernels, gradients,
            unavailable, wasm: wasmInfo, nativeCpu,
        },
    };
}

async function tryCpu(): Promise<Attempt> {
    await import('@tensorflow/tfjs-backend-cpu');
    const kernels = registerCpuKernels();
    if (!(await tf.setBackend('cpu'))) return { ok: false, reason: 'the cpu backend failed to initialize' };
    // Its first write prints "install tfjs-node" advice, which cannot be followed here (issue 4).
    (tf.backend() as { firstUse?: boolean }).firstUse = false;
    const gradients = await installGradientOverrides();
    return { ok: true, info: { name: 'cpu', tfBackend: 'cpu', kernels, nativeKernels: [], gradients, unavailable: {} } };
}
