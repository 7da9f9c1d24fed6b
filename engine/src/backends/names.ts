/**
 * Backend names, apart from the backends: a run checks the name it was given before it knows
 * whether it needs a backend at all, without loading TensorFlow.js (ADR 0012).
 */
export type BackendName = 'tensorflow' | 'wasm-native' | 'wasm' | 'cpu';
export const BACKEND_ORDER: readonly BackendName[] = ['tensorflow', 'wasm-native', 'wasm', 'cpu'];

const ALIASES: Record<string, BackendName | 'auto'> = {
    auto: 'auto', '': 'auto', tensorflow: 'tensorflow', node: 'tensorflow', 'tfjs-node': 'tensorflow',
    'wasm-native': 'wasm-native', native: 'wasm-native', wasm: 'wasm', cpu: 'cpu',
};

export function parseBackendName(requested?: string): BackendName | 'auto' {
    const key = (requested ?? '').trim().toLowerCase();
    const name = ALIASES[key];
    if (!name) throw new Error(`unknown backend "${requested}" (expected one of: auto, ${BACKEND_ORDER.join(', ')})`);
    return name;
}

