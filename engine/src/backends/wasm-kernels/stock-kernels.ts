/**
 * The wasm backend's own kernel configs, remembered before ours replace them, so a replacement
 * can delegate the cases it does not handle (and tests can compare against them).
 */
import { getKernel, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';

const stock = new Map<string, KernelConfig | null>();

export function rememberStockKernel(name: string): void {
    if (!stock.has(name)) stock.set(name, getKernel(name, 'wasm') ?? null);
}

export function stockKernel(name: string): KernelConfig | null {
    return stock.get(name) ?? null;
}

/** Runs the stock kernel on a replacement's own arguments; `missing` says why nothing else can run. */
export function runStock(name: string, args: unknown, missing: string): TensorInfo {
    const k = stockKernel(name);
    if (!k) throw new Error(`flowstudio wasm ${name}: ${missing}`);
    return k.kernelFunc(args as never) as TensorInfo;
}
