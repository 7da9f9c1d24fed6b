/**
 * Cast to the tensor's own dtype without a copy (tfjs-core's ops cast float32 inputs to float32
 * defensively, 18 times per DCGAN step, each a full copy in the stock kernel): the output shares
 * the input's memory with one more reference, as Identity and Reshape do. Casts to bool write
 * x ≠ 0 (the stock kernel copies the values, so int32 2 became bool 2, unlike cpu). Other
 * conversions use the stock kernel.
 */
import { Cast, type CastAttrs, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import { runStock } from './stock-kernels.js';
import { asWasmBackend, sizeOf, typedView } from './wasm-heap.js';

interface RefCounting { incRef(dataId: object): void }

function cast(args: { inputs: unknown; backend: unknown; attrs: unknown }): TensorInfo {
    const { x } = args.inputs as { x: TensorInfo };
    const { dtype } = args.attrs as unknown as CastAttrs;
    if (dtype === 'bool' && (x.dtype === 'float32' || x.dtype === 'int32')) {
        const backend = asWasmBackend(args.backend);
        const out = backend.makeOutput([...x.shape], 'bool');
        const n = sizeOf(x.shape);
        const src = typedView(backend, x)!;
        const dst = typedView(backend, out)!;
        for (let i = 0; i < n; i++) dst[i] = src[i] !== 0 ? 1 : 0;
        return out;
    }
    if (x.dtype !== dtype || dtype === 'string') {
        return runStock(Cast, args, 'the stock kernel is missing');
    }
    (args.backend as RefCounting).incRef(x.dataId);
    return { dataId: x.dataId, shape: [...x.shape], dtype };
}

export const castConfig: KernelConfig = {
    kernelName: Cast,
    backendName: 'wasm',
    kernelFunc: cast as unknown as KernelConfig['kernelFunc'],
};
