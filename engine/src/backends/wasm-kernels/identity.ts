/**
 * Identity without a copy: the output shares the input's heap memory and takes one more
 * reference, as the wasm backend's own Reshape does. The stock kernel copies, and optimizers
 * and gradients call Identity hundreds of times per training step.
 */
import { Identity, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import { runStock } from './stock-kernels.js';

interface RefCounting { incRef(dataId: object): void }

function identity(args: { inputs: unknown; backend: unknown }): TensorInfo {
    const { x } = args.inputs as { x: TensorInfo };
    if (x.dtype === 'string') {
        return runStock(Identity, args, 'string tensors need the stock kernel');
    }
    (args.backend as RefCounting).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

export const identityConfig: KernelConfig = {
    kernelName: Identity,
    backendName: 'wasm',
    kernelFunc: identity as unknown as KernelConfig['kernelFunc'],
};
