/**
 * Gradient overrides: same values as tfjs-core's gradients, fewer kernels. tfjs-layers
 * registers every core gradient when it is imported, which would silently undo ours, so it is
 * imported first.
 */
import {
    FusedBatchNorm, LeakyRelu, Mean, engine, getBackend, getGradient, getKernel, mul, registerGradient, registerKernel, step,
    type GradConfig, type Tensor,
} from '@tensorflow/tfjs-core';
import { batchNormGradConfigs, batchNormGradient } from './batch-norm-grad.js';
import { installLazyFusedGradients } from './lazy-fused-gradients.js';
import { LEAKY_RELU_GRAD, leakyReluGradConfigs } from './leaky-relu-grad.js';
import { meanGradient } from './mean-grad.js';
import { groupNormConfigs } from './group-norm.js';
import { installFusedSigmoidCrossEntropy, registerSigmoidCrossEntropyKernels } from './sigmoid-cross-entropy.js';
import { siluConfigs } from './silu.js';

const leakyReluGrad: GradConfig = {
    kernelName: LeakyRelu,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
        const [x] = saved;
        const alpha = (attrs as { alpha: number }).alpha;
        const g = dy as Tensor;
        if (getKernel(LEAKY_RELU_GRAD, getBackend())) {
            return { x: () => engine().runKernel(LEAKY_RELU_GRAD, { dy: g, x }, { alpha }) as Tensor };
        }
        // step(x, alpha) is 1 where x > 0 and alpha elsewhere.
        return { x: () => mul(g, step(x, alpha)) };
    },
};

let installed: Promise<string[]> | undefined;

/**
 * Installs the overrides (gradients once per process; the gradient kernels whenever missing,
 * e.g. after another layer's kernels were taken off). Returns the kernels / ops whose gradient
 * changed.
 */
export async function installGradientOverrides(): Promise<string[]> {
    // GroupNorm and SiLU kernels are used through their ops (groupNorm, silu), which check for them; no gradient to replace.
    for (const config of [...leakyReluGradConfigs, ...batchNormGradConfigs, ...groupNormConfigs, ...siluConfigs]) {
        if (!getKernel(config.kernelName, config.backendName)) registerKernel(config);
    }
    registerSigmoidCrossEntropyKernels();
    installed ??= (async () => {
        await import('@tensorflow/tfjs-layers');
        registerGradient(leakyReluGrad);
        registerGradient(batchNormGradient(getGradient(FusedBatchNorm)));
        registerGradient(meanGradient);
        return [LeakyRelu, FusedBatchNorm, Mean, ...installLazyFusedGradients(), ...installFusedSigmoidCrossEntropy()];
    })();
    return installed;
}
