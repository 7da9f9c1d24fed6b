/**
 * Kernels the native ones replace, remembered at registration, so the cases
 * the addon does not handle (other dtypes or data formats, PReLU) still run the
 * previous implementation: the wasm backend's own or the engine's JS one.
 */
import { getKernel, type KernelConfig, type KernelFunc, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';

const previous = new Map<string, KernelConfig | null>();

/** Marks configs created here, so re-registration never remembers our own kernel. */
export const NATIVE_MARK = Symbol.for('flowstudio.nativeKernel');

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
export function runPrevious(
    name: string,
    args: { inputs: Record<string, TensorInfo | undefined>; attrs: NamedAttrMap; backend: unknown },
    why: string,
): TensorInfo | TensorInfo[] {
    const prev = previous.get(name);
    if (!prev) throw new Error(`flowstudio native ${name}: ${why}, and no other wasm kernel is registered`);
    return (prev.kernelFunc as KernelFunc)(args as never);
}
