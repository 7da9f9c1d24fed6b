/**
 * Puts the native kernels on top of the wasm backend's kernel table. Called by
 * backend selection after the wasm backend and the engine's JS kernels are set
 * up; each kernel registered before is remembered and still serves the cases
 * the addon does not handle.
 */
import { getKernel, registerKernel, unregisterKernel, version_core, type KernelConfig } from '@tensorflow/tfjs-core';
import { version_wasm } from '@tensorflow/tfjs-backend-wasm';
import { describeCpu, loadNativeAddon, type NativeAddon } from './addon.js';
import { arithmeticKernelConfigs } from './arithmetic-kernels.js';
import { convKernelConfigs } from './conv-kernels.js';
import { elementwiseKernelConfigs } from './elementwise-kernels.js';
import { forgetPrevious, isNativeConfig, previousKernel, rememberPrevious } from './fallback.js';
import { matMulKernelConfigs } from './matmul-kernels.js';

/** The kernels read tfjs-backend-wasm's private heap layout, checked against this exact release. */
export const SUPPORTED_TFJS = '4.22.0';

export interface NativeRegistration {
    ok: boolean;
    reason?: string;
    kernels: string[];
    cpu: string;
}

export function nativeKernelConfigs(addon: NativeAddon): KernelConfig[] {
    return [...convKernelConfigs(addon), ...matMulKernelConfigs(addon), ...elementwiseKernelConfigs(addon),
        ...arithmeticKernelConfigs(addon)];
}

/** Why native kernels cannot be used here, or undefined when they can. */
export function nativeUnavailableReason(): string | undefined {
    if (version_core !== SUPPORTED_TFJS || version_wasm !== SUPPORTED_TFJS) {
        return `native kernels need @tensorflow/tfjs-core and -backend-wasm ${SUPPORTED_TFJS} ` +
            `(found core ${version_core}, wasm ${version_wasm}): they read the wasm backend's heap layout`;
    }
    const load = loadNativeAddon();
    return load.ok ? undefined : load.reason;
}

let registered: string[] = [];

/** Registers the native kernels for backend `wasm` (idempotent). */
export function registerNativeKernels(): NativeRegistration {
    const reason = nativeUnavailableReason();
    const load = loadNativeAddon();
    if (reason || !load.ok) {
        return { ok: false, reason: reason ?? 'native addon unavailable', kernels: [], cpu: 'none' };
    }
    const names: string[] = [];
    for (const config of nativeKernelConfigs(load.addon)) {
        const name = config.kernelName;
        rememberPrevious(name);
        if (getKernel(name, 'wasm')) unregisterKernel(name, 'wasm');
        registerKernel(config);
        names.push(name);
    }
    registered = names;
    return { ok: true, kernels: names, cpu: describeCpu(load.addon) };
}

/** Puts back the kernels that were registered before the native ones (tests, `--backend wasm`). */
export function unregisterNativeKernels(): void {
    for (const name of registered) {
        const current = getKernel(name, 'wasm');
        if (!isNativeConfig(current)) continue;
        unregisterKernel(name, 'wasm');
        const prev = previousKernel(name);
        if (prev) registerKernel(prev);
        forgetPrevious(name);
    }
    registered = [];
}
