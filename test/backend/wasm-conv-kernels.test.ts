/**
 * Conv2D forward, Conv2DBackpropInput and Conv2DBackpropFilter on wasm (Flow Studio kernels)
 * against the cpu backend, for every convolution the catalog's DCGAN models and the issue's
 * benchmark model contain: image sides 28/32/64, 1 or 3 channels, kernel 4 or 5, stride 2,
 * 'same' padding; plus stride 1 and 'valid' cases that exercise the other code paths.
 */
import * as tf from '@tensorflow/tfjs-core';
import { DCGAN_SIZES } from '../../engine/src/models/dcgan.js';
import { expectParity, sizeOf, values } from './parity.js';

interface ConvCase { side: number; cin: number; cout: number; k: number; s: number; pad: 'same' | 'valid' }

/** The discriminator's down-sampling convolutions (the generator's transposed ones are their mirror). */
function dcganConvs(): ConvCase[] {
    const cases: ConvCase[] = [];
    const filters = 4;
    for (const side of [28, 32, 64]) {
        const { upsamplings } = DCGAN_SIZES[side];
        for (const channels of [1, 3]) {
            for (const k of [4, 5]) {
                let h = side;
                let cin = channels;
                for (let i = 0; i < upsamplings; i++) {
                    const cout = filters * 2 ** i;
                    cases.push({ side: h, cin, cout, k, s: 2, pad: 'same' });
                    h = Math.ceil(h / 2);
                    cin = cout;
                }
            }
        }
    }
    return cases;
}

const extraCases: ConvCase[] = [
    { side: 14, cin: 32, cout: 64, k: 5, s: 2, pad: 'same' }, // the benchmark's widest layer
    { side: 28, cin: 1, cout: 8, k: 5, s: 1, pad: 'same' },
    { side: 9, cin: 6, cout: 5, k: 3, s: 1, pad: 'same' },
    { side: 13, cin: 8, cout: 4, k: 5, s: 2, pad: 'valid' },
    { side: 12, cin: 9, cout: 3, k: 4, s: 2, pad: 'valid' },
    { side: 10, cin: 2, cout: 3, k: 3, s: 3, pad: 'same' },
];

function outSide(c: ConvCase): number {
    return c.pad === 'same' ? Math.ceil(c.side / c.s) : Math.ceil((c.side - c.k + 1) / c.s);
}

function label(c: ConvCase): string {
    return `${c.side}x${c.side}x${c.cin}→${c.cout} k${c.k} s${c.s} ${c.pad}`;
}

describe('backend: wasm convolution kernels match cpu', function () {
    this.timeout(60000);
    const batch = 2;
    const seen = new Set<string>();
    const cases = [...dcganConvs(), ...extraCases].filter(c => {
        const key = label(c);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });

    for (const c of cases) {
        it(`conv2d + gradients, ${label(c)}`, async () => {
            const xShape: [number, number, number, number] = [batch, c.side, c.side, c.cin];
            const wShape: [number, number, number, number] = [c.k, c.k, c.cin, c.cout];
            const o = outSide(c);
            const dyShape: [number, number, number, number] = [batch, o, o, c.cout];
            const x = values(sizeOf(xShape), 1);
            const w = values(sizeOf(wShape), 2);
            const dy = values(sizeOf(dyShape), 3);
            await expectParity(`conv2d ${label(c)}`, () => {
                const xt = tf.tensor4d(x, xShape);
                const wt = tf.tensor4d(w, wShape);
                const dyt = tf.tensor4d(dy, dyShape);
                const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
                    tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.s, c.pad), dyt)))([xt, wt]);
                return { y: tf.conv2d(xt, wt, c.s, c.pad), dx, dw };
            });
        });

        it(`conv2dTranspose + gradients, ${label(c)} mirrored`, async () => {
            const o = outSide(c);
            // conv2dTranspose maps the conv's output side back to its input side.
            const inShape: [number, number, number, number] = [batch, o, o, c.cout];
            const wShape: [number, number, number, number] = [c.k, c.k, c.cin, c.cout];
            const outShape: [number, number, number, number] = [batch, c.side, c.side, c.cin];
            const x = values(sizeOf(inShape), 4);
            const w = values(sizeOf(wShape), 5);
            const dy = values(sizeOf(outShape), 6);
            await expectParity(`conv2dTranspose ${label(c)}`, () => {
                const xt = tf.tensor4d(x, inShape);
                const wt = tf.tensor4d(w, wShape);
                const dyt = tf.tensor4d(dy, outShape);
                const f = (a: tf.Tensor, b: tf.Tensor): tf.Tensor =>
                    tf.conv2dTranspose(a as tf.Tensor4D, b as tf.Tensor4D, outShape, c.s, c.pad);
                const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(f(a, b), dyt)))([xt, wt]);
                return { y: f(xt, wt), dx, dw };
            });
        });
    }

    it('fused conv2d with bias and activations (the layers path)', async () => {
        for (const activation of ['linear', 'relu', 'leakyrelu', 'sigmoid', 'elu'] as const) {
            const x = values(2 * 14 * 14 * 8, 7);
            const w = values(5 * 5 * 8 * 16, 8);
            const bias = values(16, 9);
            await expectParity(`fused conv2d ${activation}`, () => {
                const xt = tf.tensor4d(x, [2, 14, 14, 8]);
                const wt = tf.tensor4d(w, [5, 5, 8, 16]);
                const bt = tf.tensor1d(bias);
                const f = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor): tf.Tensor => tf.fused.conv2d({
                    x: a as tf.Tensor4D, filter: b as tf.Tensor4D, bias: c, strides: 2, pad: 'same', activation,
                    leakyreluAlpha: 0.2,
                });
                const [dx, dw, db] = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.sum(tf.square(f(a, b, c))))([xt, wt, bt]);
                return { y: f(xt, wt, bt), dx, dw, db };
            });
        }
    });
});
