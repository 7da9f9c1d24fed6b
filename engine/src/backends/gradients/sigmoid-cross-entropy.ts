/**
 * tf.losses.sigmoidCrossEntropy as two kernels. tfjs-core builds it from Relu, Mul, Abs, Neg,
 * Exp, Log1p, Sub, Add, Sum and RealDiv, and its gradient from ~30 more: ~46 kernels (0.8 ms on
 * wasm) for a GAN's [batch, 1] logits, each call paying the engine's bookkeeping, three times per
 * training step. With the defaults (no weights, no label smoothing, SUM_BY_NONZERO_WEIGHTS, i.e.
 * the mean) it is computed here in one JS pass in double,
 *   loss = mean(max(x, 0) − x·z + log(1 + e^−|x|)),
 * with the gradient (sigmoid(x) − z)/n for the logits and −x/n for the labels (one more pass),
 * as a custom-gradient op. Other arguments, and backends without the kernels, use tfjs-core's.
 * tfjs-core exposes the losses as a mutable namespace object, which is what gets patched.
 */
import * as tf from '@tensorflow/tfjs-core';
import { getBackend, getKernel, registerKernel, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import { asWasmBackend, f32 } from '../wasm-kernels/wasm-heap.js';

export const SIGMOID_CE = 'FlowStudioSigmoidCrossEntropy';
export const SIGMOID_CE_GRAD = 'FlowStudioSigmoidCrossEntropyGrad';

export function sigmoidCrossEntropyMean(z: ArrayLike<number>, x: ArrayLike<number>): number {
    let sum = 0;
    for (let i = 0; i < x.length; i++) {
        const v = x[i];
        sum += Math.max(v, 0) - v * z[i] + Math.log1p(Math.exp(-Math.abs(v)));
    }
    return sum / x.length;
}

export function sigmoidCrossEntropyGrad(dy: number, z: ArrayLike<number>, x: ArrayLike<number>, dz: Float32Array, dx: Float32Array): void {
    const k = dy / x.length;
    for (let i = 0; i < x.length; i++) {
        const v = x[i];
        const e = Math.exp(-Math.abs(v));
        const sigmoid = v >= 0 ? 1 / (1 + e) : e / (1 + e);
        dx[i] = (sigmoid - z[i]) * k;
        dz[i] = -v * k;
    }
}

interface Args { inputs: unknown; backend: unknown }

/** Reads float32 inputs and writes float32 outputs on either backend. */
interface Io {
    read(t: TensorInfo): Float32Array;
    write(shape: number[], values: Float32Array): TensorInfo;
}

function wasmIo(backend: unknown): Io {
    const b = asWasmBackend(backend);
    return {
        read: t => f32(b, t),
        write: (shape, values) => {
            const out = b.makeOutput(shape, 'float32');
            f32(b, out).set(values);
            return out;
        },
    };
}

interface CpuBackendLike {
    data: { get(dataId: object): { values: ArrayLike<number> } };
    makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}

function cpuIo(backend: unknown): Io {
    const b = backend as CpuBackendLike;
    return { read: t => b.data.get(t.dataId).values as Float32Array, write: (shape, values) => b.makeTensorInfo(shape, 'float32', values) };
}

function forward(io: (b: unknown) => Io) {
    return (args: Args): TensorInfo => {
        const { labels, logits } = args.inputs as { labels: TensorInfo; logits: TensorInfo };
        const rw = io(args.backend);
        return rw.write([], Float32Array.of(sigmoidCrossEntropyMean(rw.read(labels), rw.read(logits))));
    };
}

function backward(io: (b: unknown) => Io) {
    return (args: Args): TensorInfo[] => {
        const { dy, labels, logits } = args.inputs as { dy: TensorInfo; labels: TensorInfo; logits: TensorInfo };
        const rw = io(args.backend);
        const x = rw.read(logits);
        const dz = new Float32Array(x.length), dx = new Float32Array(x.length);
        sigmoidCrossEntropyGrad(rw.read(dy)[0], rw.read(labels), x, dz, dx);
        return [rw.write([...labels.shape], dz), rw.write([...logits.shape], dx)];
    };
}

export const sigmoidCrossEntropyConfigs: KernelConfig[] = [
    { kernelName: SIGMOID_CE, backendName: 'wasm', kernelFunc: forward(wasmIo) as unknown as KernelConfig['kernelFunc'] },
    { kernelName: SIGMOID_CE, backendName: 'cpu', kernelFunc: forward(cpuIo) as unknown as KernelConfig['kernelFunc'] },
    { kernelName: SIGMOID_CE_GRAD, backendName: 'wasm', kernelFunc: backward(wasmIo) as unknown as KernelConfig['kernelFunc'] },
    { kernelName: SIGMOID_CE_GRAD, backendName: 'cpu', kernelFunc: backward(cpuIo) as unknown as KernelConfig['kernelFunc'] },
];

export function registerSigmoidCrossEntropyKernels(): void {
    for (const c of sigmoidCrossEntropyConfigs) if (!getKernel(c.kernelName, c.backendName)) registerKernel(c);
}

type SigmoidCE = typeof tf.losses.sigmoidCrossEntropy;

const fused = tf.customGrad(((labels: tf.Tensor, logits: tf.Tensor, save: (ts: tf.Tensor[]) => void) => {
    save([labels, logits]);
    const value = tf.engine().runKernel(SIGMOID_CE, { labels, logits }) as tf.Tensor;
    return {
        value,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
            const [z, x] = saved;
            return tf.engine().runKernel(SIGMOID_CE_GRAD, { dy, labels: z, logits: x }) as tf.Tensor[];
        },
    };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (labels: tf.Tensor, logits: tf.Tensor) => tf.Tensor;

let installed = false;

/** Idempotent. Returns the ops whose implementation changed. */
export function installFusedSigmoidCrossEntropy(): string[] {
    registerSigmoidCrossEntropyKernels();
    if (!installed) {
        const losses = tf.losses as { sigmoidCrossEntropy: SigmoidCE };
        const original = losses.sigmoidCrossEntropy;
        losses.sigmoidCrossEntropy = ((labels, logits, weights, labelSmoothing, reduction) => {
            const plain = weights == null && !labelSmoothing
                && (reduction === undefined || reduction === tf.Reduction.SUM_BY_NONZERO_WEIGHTS)
                && labels instanceof tf.Tensor && logits instanceof tf.Tensor
                && labels.dtype === 'float32' && logits.dtype === 'float32' && logits.size > 0
                && tf.util.arraysEqual(labels.shape, logits.shape)
                && getKernel(SIGMOID_CE, getBackend()) !== undefined;
            return plain ? fused(labels, logits) : original(labels, logits, weights, labelSmoothing, reduction);
        }) as SigmoidCE;
        installed = true;
    }
    return ['losses.sigmoidCrossEntropy'];
}
