/**
 * `flowstudio doctor`: which backends could run here, which kernels Flow Studio adds to each,
 * and why the others cannot. Probing activates backends, so the previously active one is
 * restored at the end.
 */
import * as tf from '@tensorflow/tfjs-core';
import { BACKEND_ORDER, currentBackend, initBackend, type BackendInfo, type BackendName } from './select.js';
import { findWasmDir } from './wasm-paths.js';
import { asWasmBackend, simdKernels } from './wasm-kernels/wasm-heap.js';

export interface BackendDescription {
    name: BackendName;
    available: boolean;
    /** Why not, when unavailable. */
    reason?: string;
    info?: BackendInfo;
    /** On wasm backends: whether Flow Studio's SIMD module runs on the backend's heap. */
    simdModule?: boolean;
}

/** Tries every backend in selection order; the first available one is what `auto` picks. */
export async function describeBackends(): Promise<BackendDescription[]> {
    const before = currentBackend();
    const out: BackendDescription[] = [];
    for (const name of BACKEND_ORDER) {
        try {
            const info = await initBackend(name);
            const simdModule = info.wasm ? simdKernels(asWasmBackend(tf.backend())) !== null : undefined;
            out.push({ name, available: true, info, ...(simdModule !== undefined ? { simdModule } : {}) });
        } catch (e) {
            const reason = (e instanceof Error ? e.message : String(e)).replace(`backend "${name}" is not available: `, '');
            out.push({ name, available: false, reason });
        }
    }
    if (before) await initBackend(before.name);
    return out;
}

export async function doctorReport(): Promise<string> {
    const backends = await describeBackends();
    const lines: string[] = ['TensorFlow.js backends (selection order; `auto` uses the first available):'];
    const chosen = backends.find(b => b.available);
    for (const b of backends) {
        const mark = b === chosen ? '*' : b.available ? '+' : '-';
        lines.push(`  ${mark} ${b.name.padEnd(12)} ${b.available ? 'available' : `unavailable: ${b.reason}`}`);
        const info = b.info;
        if (!info) continue;
        if (info.wasm) {
            lines.push(`      wasm binary: ${info.wasm.simd ? 'SIMD' : 'plain'}, ${info.wasm.threads} thread(s), from ${info.wasm.dir ?? '(default)'}`);
            lines.push(`      Flow Studio SIMD module: ${b.simdModule ? 'on the backend heap (elementwise, batch norm, Adam)' : 'unavailable (no wasm SIMD here): those kernels take their scalar paths'}`);
        }
        if (info.kernels.length) lines.push(`      Flow Studio ${info.tfBackend} kernels: ${info.kernels.join(', ')}`);
        if (info.nativeKernels.length) lines.push(`      native kernels: ${info.nativeKernels.join(', ')}`);
        if (info.nativeCpu) lines.push(`      native CPU: ${info.nativeCpu}`);
        if (info.gradients.length) lines.push(`      cheaper gradients: ${info.gradients.join(', ')}`);
    }
    lines.push(`  tfjs-core ${tf.version_core}; wasm binaries ${findWasmDir().dir ?? 'not found'}`);
    lines.push('  legend: * selected by default, + available, - unavailable');
    return lines.join('\n');
}
