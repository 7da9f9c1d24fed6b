/**
 * The one list of kernels Flow Studio registers onto the tfjs `wasm` backend. Stock kernels of
 * the same name are remembered (see stock-kernels.ts) and replaced. Idempotent.
 */
import { engine, getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { batchMatMulConfig } from './batch-mat-mul.js';
import { addConfig, multiplyConfig, squareConfig, subConfig } from './binary-arithmetic.js';
import { castConfig } from './cast.js';
import { concatConfig, splitVConfig } from './concat-split.js';
import { conv2DBackpropFilterConfig } from './conv2d-backprop-filter.js';
import { conv2DBackpropInputConfig } from './conv2d-backprop-input.js';
import { depthToSpaceConfig } from './depth-to-space.js';
import { fusedBatchNormConfig } from './fused-batch-norm.js';
import { fusedMatMulConfig } from './fused-mat-mul.js';
import { gatherV2Config } from './gather-v2.js';
import { identityConfig } from './identity.js';
import { leakyReluConfig } from './leaky-relu.js';
import { meanConfig, sumConfig } from './reduce-leading.js';
import { rememberStockKernel, stockKernel } from './stock-kernels.js';
import { tanhConfig } from './tanh.js';
import { tileConfig } from './tile.js';
import { unsortedSegmentSumConfig } from './unsorted-segment-sum.js';

export const wasmKernelConfigs: readonly KernelConfig[] = [
    conv2DBackpropFilterConfig,
    conv2DBackpropInputConfig,
    fusedMatMulConfig,
    batchMatMulConfig,
    tileConfig,
    depthToSpaceConfig,
    identityConfig,
    unsortedSegmentSumConfig,
    leakyReluConfig,
    sumConfig,
    meanConfig,
    fusedBatchNormConfig,
    castConfig,
    tanhConfig,
    addConfig,
    subConfig,
    multiplyConfig,
    squareConfig,
    gatherV2Config,
    concatConfig,
    splitVConfig,
];

const registered = new Map<string, KernelConfig>();

/**
 * Registers every kernel in the list; returns their names. Safe before or after
 * tf.setBackend('wasm'). A replaced stock kernel's setupFunc (its cwrap of the C function, which
 * our kernel may still delegate to) runs when the backend initializes, or now if it already did.
 */
export function registerWasmKernels(): string[] {
    // engine().registry holds only initialized backends; findBackend('wasm') would start one.
    const live = engine().registry['wasm'];
    for (const config of wasmKernelConfigs) {
        const name = config.kernelName;
        const current = getKernel(name, 'wasm');
        if (current && current === registered.get(name)) continue;
        rememberStockKernel(name);
        const stock = stockKernel(name);
        const ours: KernelConfig = stock?.setupFunc ? { ...config, setupFunc: stock.setupFunc } : config;
        if (current) unregisterKernel(name, 'wasm');
        registerKernel(ours);
        registered.set(name, ours);
        if (live && ours.setupFunc) ours.setupFunc(live);
    }
    return wasmKernelConfigs.map(c => c.kernelName);
}
