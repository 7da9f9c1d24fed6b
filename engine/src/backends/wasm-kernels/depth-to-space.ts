/**
 * DepthToSpace (NHWC): the stock wasm kernel costs 11 ms for a [64,7,7,128] input, as much as
 * the convolution it follows in Conv2DBackpropInput. This copies channel runs in one pass.
 */
import { DepthToSpace, type DepthToSpaceAttrs, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import { runStock } from './stock-kernels.js';
import { asWasmBackend, f32 } from './wasm-heap.js';

function depthToSpace(args: { inputs: unknown; backend: unknown; attrs: unknown }): TensorInfo {
    const backend = asWasmBackend(args.backend);
    const { x } = args.inputs as { x: TensorInfo };
    const { blockSize: s, dataFormat } = args.attrs as unknown as DepthToSpaceAttrs;
    if (dataFormat !== 'NHWC' || x.dtype !== 'float32') {
        return runStock(DepthToSpace, args, `${dataFormat} ${x.dtype} is not supported`);
    }
    const [b, h, w, depth] = x.shape;
    const c = depth / (s * s);
    const out = backend.makeOutput([b, h * s, w * s, c], 'float32');
    const src = f32(backend, x);
    const dst = f32(backend, out);
    let d = 0;
    for (let n = 0; n < b; n++) {
        for (let y = 0; y < h; y++) {
            for (let i = 0; i < s; i++) {
                for (let xx = 0; xx < w; xx++) {
                    const pixel = ((n * h + y) * w + xx) * depth + i * s * c;
                    const run = s * c;
                    for (let k = 0; k < run; k++) dst[d++] = src[pixel + k];
                }
            }
        }
    }
    return out;
}

export const depthToSpaceConfig: KernelConfig = {
    kernelName: DepthToSpace,
    backendName: 'wasm',
    kernelFunc: depthToSpace as unknown as KernelConfig['kernelFunc'],
};
