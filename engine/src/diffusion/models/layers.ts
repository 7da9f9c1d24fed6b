/**
 * The building blocks of the diffusion networks as pairs: `define*` declares a block's weights
 * under a name prefix, the function of the same name applies it. Shapes are NHWC images and
 * [batch, tokens, features] sequences. Only ops whose gradients run on every backend of the
 * engine (conv2d, conv2dTranspose, matMul, moments, sigmoid, softmax, gather) are used, or ops
 * with their own kernels that fall back to those (groupNorm, silu).
 */
import * as tf from '@tensorflow/tfjs-core';
import { groupNorm as groupNormOp } from '../../backends/gradients/group-norm.js';
import { silu as siluOp } from '../../backends/gradients/silu.js';
import type { WeightDeclarer, WeightSet } from './weights.js';

export function defineConv(init: WeightDeclarer, name: string, inC: number, outC: number, kernel = 3, gain = 1): void {
    init.normal(`${name}.weight`, [kernel, kernel, inC, outC], gain);
    init.constant(`${name}.bias`, [outC], 0);
}

export function conv(w: WeightSet, name: string, x: tf.Tensor4D, stride = 1): tf.Tensor4D {
    return tf.add(tf.conv2d(x, w.get(`${name}.weight`) as tf.Tensor4D, stride, 'same'), w.get(`${name}.bias`));
}

/** A stride-2 transposed convolution: doubles height and width (the U-Net's upsampling). */
export function defineUpsample(init: WeightDeclarer, name: string, channels: number): void {
    init.normal(`${name}.weight`, [4, 4, channels, channels], 2);
    init.constant(`${name}.bias`, [channels], 0);
}

export function upsample(w: WeightSet, name: string, x: tf.Tensor4D, outH: number, outW: number): tf.Tensor4D {
    const [n, , , c] = x.shape;
    const y = tf.conv2dTranspose(x, w.get(`${name}.weight`) as tf.Tensor4D, [n, outH, outW, c], 2, 'same');
    return tf.add(y, w.get(`${name}.bias`));
}

export function defineDense(init: WeightDeclarer, name: string, inF: number, outF: number, gain = 1): void {
    init.normal(`${name}.weight`, [inF, outF], gain);
    init.constant(`${name}.bias`, [outF], 0);
}

/** x [..., inF] → [..., outF]. */
export function dense<T extends tf.Tensor>(w: WeightSet, name: string, x: T): T {
    const weight = w.get(`${name}.weight`) as tf.Tensor2D;
    const shape = x.shape;
    const flat = x.rank === 2 ? x as tf.Tensor as tf.Tensor2D : tf.reshape(x, [-1, shape[shape.length - 1]]) as tf.Tensor2D;
    const y = tf.add(tf.matMul(flat, weight), w.get(`${name}.bias`));
    return (x.rank === 2 ? y : tf.reshape(y, [...shape.slice(0, -1), weight.shape[1]])) as T;
}

export function defineNorm(init: WeightDeclarer, name: string, channels: number): void {
    init.constant(`${name}.gamma`, [channels], 1);
    init.constant(`${name}.beta`, [channels], 0);
}

const NORM_EPSILON = 1e-5;

/**
 * GroupNorm (Wu & He): statistics per image over its spatial positions and each group of channels.
 * One kernel each way where the backend has them (backends/gradients/group-norm.ts), else the
 * composite ops.
 */
export function groupNorm(w: WeightSet, name: string, x: tf.Tensor4D, groups: number): tf.Tensor4D {
    return groupNormOp(x, w.get(`${name}.gamma`) as tf.Tensor1D, w.get(`${name}.beta`) as tf.Tensor1D, groups, NORM_EPSILON);
}

/** LayerNorm over the last axis. */
export function layerNorm<T extends tf.Tensor>(w: WeightSet, name: string, x: T): T {
    const { mean, variance } = tf.moments(x, -1, true);
    const normed = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, NORM_EPSILON)));
    return tf.add(tf.mul(normed, w.get(`${name}.gamma`)), w.get(`${name}.beta`)) as T;
}

/** x·sigmoid(x): one kernel each way where the backend has them (backends/gradients/silu.ts). */
export function silu<T extends tf.Tensor>(x: T): T {
    return siluOp(x);
}

/**
 * Sinusoidal embedding of (fractional) timesteps, as in DDPM / ComfyUI's `timestep_embedding`:
 * cos of the first half of frequencies, then sin.
 */
export function timestepEmbedding(timesteps: tf.Tensor1D, dim: number, maxPeriod = 10000): tf.Tensor2D {
    const half = Math.floor(dim / 2);
    const freqs = new Float32Array(half);
    for (let i = 0; i < half; i++) freqs[i] = Math.exp(-Math.log(maxPeriod) * i / half);
    const args = tf.mul(tf.reshape(timesteps, [-1, 1]), tf.tensor2d(freqs, [1, half]));
    return tf.concat([tf.cos(args), tf.sin(args)], 1) as tf.Tensor2D;
}

/** Multi-head attention weights: queries from `queryDim`, keys and values from `contextDim`. */
export function defineAttention(init: WeightDeclarer, name: string, queryDim: number, contextDim: number, innerDim: number): void {
    init.normal(`${name}.q`, [queryDim, innerDim]);
    init.normal(`${name}.k`, [contextDim, innerDim]);
    init.normal(`${name}.v`, [contextDim, innerDim]);
    // Zero output projection: a fresh block is the identity in its residual branch.
    init.constant(`${name}.out.weight`, [innerDim, queryDim], 0);
    init.constant(`${name}.out.bias`, [queryDim], 0);
}

/**
 * Scaled dot-product attention. `x` [n, tq, queryDim], `context` [n, tk, contextDim];
 * `keyMask` [n, tk] (1 = attend) keeps padding out of the softmax.
 */
export function attention(w: WeightSet, name: string, x: tf.Tensor3D, context: tf.Tensor3D, heads: number, keyMask?: tf.Tensor2D): tf.Tensor3D {
    const [n, tq] = x.shape;
    const tk = context.shape[1];
    const inner = (w.get(`${name}.q`) as tf.Tensor2D).shape[1];
    const headDim = inner / heads;
    const split = (t: tf.Tensor, tokens: number) => tf.transpose(tf.reshape(t, [n, tokens, heads, headDim]), [0, 2, 1, 3]) as tf.Tensor4D;
    const project = (t: tf.Tensor3D, weight: string, tokens: number) =>
        split(tf.reshape(tf.matMul(tf.reshape(t, [-1, t.shape[2]]), w.get(weight) as tf.Tensor2D), [n, tokens, inner]), tokens);
    const q = project(x, `${name}.q`, tq);
    const k = project(context, `${name}.k`, tk);
    const v = project(context, `${name}.v`, tk);
    let scores = tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(headDim)) as tf.Tensor4D;
    if (keyMask) {
        // -1e4, not -inf: a row whose keys are all masked stays finite (uniform weights).
        const bias = tf.reshape(tf.mul(tf.sub(1, keyMask), -1e4), [n, 1, 1, tk]);
        scores = tf.add(scores, bias);
    }
    const attended = tf.matMul(tf.softmax(scores), v);
    const merged = tf.reshape(tf.transpose(attended, [0, 2, 1, 3]), [n, tq, inner]) as tf.Tensor3D;
    return dense(w, `${name}.out`, merged);
}
