/**
 * Kernels the native ones replace, remembered at registration, so the cases
 * the addon does not handle (other dtypes or data formats, PReLU) still run the
 * previous implementation: the wasm backend's own or the engine's JS one. Every native kernel's
 * config is made here too, marked, so registration can tell ours from the one it replaces.
 */
import { getKernel, type KernelConfig, type KernelFunc, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';

export type KernelArgs = { inputs: Record<string, TensorInfo | undefined>; attrs: NamedAttrMap; backend: unknown };

const previous = new Map<string, KernelConfig | null>();

/** Marks configs created here, so re-registration never remembers our own kernel. */
const NATIVE_MARK = Symbol.for('flowstudio.nativeKernel');

/** A native kernel's config for `wasm`, marked as ours. */
export function nativeKernelConfig(name: string, kernelFunc: (args: KernelArgs) => TensorInfo | TensorInfo[]): KernelConfig {
    const cfg: KernelConfig = {
        kernelName: name,
        backendName: 'wasm',
        kernelFunc: kernelFunc as unknown as KernelFunc,
        // The replaced kernel may need its own setup (cwrap) when the backend is
        // (re)initialized after this registration.
        setupFunc: backend => previousKernel(name)?.setupFunc?.(backend),
        disposeFunc: backend => previousKernel(name)?.disposeFunc?.(backend),
    };
    (cfg as unknown as Record<symbol, unknown>)[NATIVE_MARK] = true;
    return cfg;
}

export function isNativeConfig(config: KernelConfig | undefined): boolean {
    return !!config && (config as unknown as Record<symbol, unknown>)[NATIVE_MARK] === true;
}

export function rememberPrevious(name: string): void {
    const current = getKernel(name, 'wasm');
    if (isNativeConfig(current)) return;
    previous.set(name, current ?? null);
}

export function previousKernel(name: string): KernelConfig | null {
    return previous.get(name) ?? null;
}

export function forgetPrevious(name: string): void {
    previous.delete(name);
}

/** Runs the remembered kernel, or explains why the case cannot run. */
export function runPrevious(name: string, args: KernelArgs, why: string): TensorInfo | TensorInfo[] {
    const prev = previous.get(name);
    if (!prev) throw new Error(`flowstudio native ${name}: ${why}, and no other wasm kernel is registered`);
    return (prev.kernelFunc as KernelFunc)(args as never);
}
