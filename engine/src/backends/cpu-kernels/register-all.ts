/** Corrections Flow Studio registers onto the tfjs `cpu` backend (wrong stock kernels). Idempotent. */
import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { cpuResizeNearestNeighborGradConfig } from './resize-nearest-neighbor-grad.js';

export const cpuKernelConfigs: readonly KernelConfig[] = [cpuResizeNearestNeighborGradConfig];

export function registerCpuKernels(): string[] {
    for (const config of cpuKernelConfigs) {
        const current = getKernel(config.kernelName, 'cpu');
        if (current?.kernelFunc === config.kernelFunc) continue;
        if (current) unregisterKernel(config.kernelName, 'cpu');
        registerKernel(config);
    }
    return cpuKernelConfigs.map(c => c.kernelName);
}
