/**
 * The denoising U-Net (Ho et al. 2020; Rombach et al. 2022), sized for 28–64 px images or their
 * latents on a CPU: one residual block per resolution, GroupNorm + SiLU, a sinusoidal timestep
 * embedding, and the text entering two ways:
 * - pooled (the masked mean of the text encoder's tokens) added to the timestep embedding, which
 *   scales and shifts every residual block (FiLM, as SDXL adds its pooled text vector): a cheap,
 *   strong global signal that a small model learns in a few thousand steps;
 * - per token, by cross-attention at the resolutions in `attentionLevels` (the low ones), where
 *   words about position and parts can reach the places they describe.
 * Downsampling is a stride-2 convolution, upsampling a stride-2 transposed convolution; skips
 * concatenate. The last convolution starts at zero, so a fresh network predicts zero.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
    attention, conv, defineAttention, defineConv, defineDense, defineNorm, defineUpsample, dense, groupNorm, layerNorm, silu,
    timestepEmbedding, upsample,
} from './layers.js';
import { Initializer, ShapeRecorder, WeightSet, type WeightDeclarer } from './weights.js';

export interface UNetConfig {
    /** Channels of the (latent) images in and out. */
    readonly channels: number;
    readonly baseChannels: number;
    /** Channels at each resolution as multiples of `baseChannels`; one level per entry, each half the size of the last. */
    readonly channelMult: readonly number[];
    /** Levels (indices into channelMult) with self- and cross-attention; the middle block always has it. */
    readonly attentionLevels: readonly number[];
    readonly groups: number;
    readonly heads: number;
    /** Width of the text encoder's token vectors. */
    readonly contextDim: number;
}

export const UNET_ARCHITECTURE = 'flowstudio-unet-v1';

function timeDim(config: UNetConfig): number {
    return 4 * config.baseChannels;
}

function levelChannels(config: UNetConfig): number[] {
    return config.channelMult.map(m => m * config.baseChannels);
}

/** Why a config cannot be built (checked before any weights are made), or undefined. */
export function unetConfigProblem(config: UNetConfig): string | undefined {
    if (config.channelMult.length < 1) return 'channelMult needs at least one level';
    for (const c of [...levelChannels(config)]) {
        if (c % config.groups !== 0) return `${c} channels do not split into ${config.groups} groups`;
        if (c % config.heads !== 0) return `${c} channels do not split into ${config.heads} attention heads`;
    }
    const bad = config.attentionLevels.find(l => l < 0 || l >= config.channelMult.length);
    if (bad !== undefined) return `attention level ${bad} does not exist (levels 0..${config.channelMult.length - 1})`;
    return undefined;
}

/** The smallest factor image sides must be divisible by (one halving per level after the first). */
export function unetSizeMultiple(config: UNetConfig): number {
    return 2 ** (config.channelMult.length - 1);
}

function defineResBlock(init: WeightDeclarer, name: string, inC: number, outC: number, embDim: number): void {
    defineNorm(init, `${name}.norm1`, inC);
    defineConv(init, `${name}.conv1`, inC, outC, 3, Math.SQRT2);
    defineDense(init, `${name}.emb`, embDim, 2 * outC, 0.5);
    defineNorm(init, `${name}.norm2`, outC);
    // Small last convolution: each residual branch starts near zero, so deep stacks train from step one.
    defineConv(init, `${name}.conv2`, outC, outC, 3, 0.1);
    if (inC !== outC) defineConv(init, `${name}.skip`, inC, outC, 1);
}

function resBlock(w: WeightSet, name: string, x: tf.Tensor4D, emb: tf.Tensor2D, groups: number): tf.Tensor4D {
    let h = conv(w, `${name}.conv1`, silu(groupNorm(w, `${name}.norm1`, x, groups)));
    const outC = h.shape[3];
    const film = dense(w, `${name}.emb`, silu(emb));
    const scale = tf.reshape(tf.slice(film, [0, 0], [-1, outC]), [-1, 1, 1, outC]);
    const shift = tf.reshape(tf.slice(film, [0, outC], [-1, outC]), [-1, 1, 1, outC]);
    h = tf.add(tf.mul(groupNorm(w, `${name}.norm2`, h, groups), tf.add(scale, 1)), shift);
    h = conv(w, `${name}.conv2`, silu(h));
    const skip = w.has(`${name}.skip.weight`) ? conv(w, `${name}.skip`, x) : x;
    return tf.add(skip, h);
}

function defineAttnBlock(init: WeightDeclarer, name: string, channels: number, contextDim: number): void {
    defineNorm(init, `${name}.norm`, channels);
    defineAttention(init, `${name}.self`, channels, channels, channels);
    defineNorm(init, `${name}.normCross`, channels);
    defineAttention(init, `${name}.cross`, channels, contextDim, channels);
}

function attnBlock(w: WeightSet, name: string, x: tf.Tensor4D, context: tf.Tensor3D, mask: tf.Tensor2D, config: UNetConfig): tf.Tensor4D {
    const [n, h, wd, c] = x.shape;
    const tokens = (t: tf.Tensor4D) => tf.reshape(t, [n, h * wd, c]) as tf.Tensor3D;
    const normed = tokens(groupNorm(w, `${name}.norm`, x, config.groups));
    const afterSelf = tf.add(tokens(x), attention(w, `${name}.self`, normed, normed, config.heads)) as tf.Tensor3D;
    const crossed = attention(w, `${name}.cross`, layerNorm(w, `${name}.normCross`, afterSelf), context, config.heads, mask);
    return tf.reshape(tf.add(afterSelf, crossed), [n, h, wd, c]);
}

/** A fresh network's weights, seeded. */
export function defineUNet(config: UNetConfig, seed: number): WeightSet {
    const weights = new WeightSet();
    declareUNet(config, new Initializer(weights, seed));
    return weights;
}

/** Every weight's name and shape (what saved weights are checked against). */
export function unetShapes(config: UNetConfig): ReadonlyMap<string, readonly number[]> {
    const recorder = new ShapeRecorder();
    declareUNet(config, recorder);
    return recorder.shapes;
}

function declareUNet(config: UNetConfig, init: WeightDeclarer): void {
    const problem = unetConfigProblem(config);
    if (problem) throw new Error(problem);
    const base = config.baseChannels;
    const embDim = timeDim(config);
    defineDense(init, 'time.0', base, embDim);
    defineDense(init, 'time.1', embDim, embDim);
    defineDense(init, 'text.pool', config.contextDim, embDim);
    const chans = levelChannels(config);
    defineConv(init, 'in', config.channels, chans[0]);
    let c = chans[0];
    chans.forEach((out, level) => {
        defineResBlock(init, `down.${level}.res`, c, out, embDim);
        if (config.attentionLevels.includes(level)) defineAttnBlock(init, `down.${level}.attn`, out, config.contextDim);
        if (level < chans.length - 1) defineConv(init, `down.${level}.downsample`, out, out);
        c = out;
    });
    defineResBlock(init, 'mid.res1', c, c, embDim);
    defineAttnBlock(init, 'mid.attn', c, config.contextDim);
    defineResBlock(init, 'mid.res2', c, c, embDim);
    for (let level = chans.length - 1; level >= 0; level--) {
        const out = chans[level];
        defineResBlock(init, `up.${level}.res`, c + out, out, embDim);
        if (config.attentionLevels.includes(level)) defineAttnBlock(init, `up.${level}.attn`, out, config.contextDim);
        if (level > 0) defineUpsample(init, `up.${level}.upsample`, out);
        c = out;
    }
    defineNorm(init, 'out.norm', c);
    init.constant('out.weight', [3, 3, c, config.channels], 0);
    init.constant('out.bias', [config.channels], 0);
}

/** Masked mean of the token vectors: [n, tokens, d] → [n, d]. */
export function pooledText(context: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor2D {
    const m = tf.expandDims(mask, 2);
    const count = tf.maximum(tf.sum(m, 1), 1);
    return tf.div(tf.sum(tf.mul(context, m), 1), count) as tf.Tensor2D;
}

/**
 * The network: `x` [n, h, w, channels] already scaled by the sampler, `timesteps` [n] fractional
 * schedule indices, `context` [n, tokens, contextDim] with `mask` [n, tokens]. h and w must be
 * divisible by `unetSizeMultiple(config)`.
 */
export function unetForward(w: WeightSet, config: UNetConfig, x: tf.Tensor4D, timesteps: tf.Tensor1D, context: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor4D {
    const chans = levelChannels(config);
    const { groups } = config;
    let emb = dense(w, 'time.1', silu(dense(w, 'time.0', timestepEmbedding(timesteps, config.baseChannels))));
    emb = tf.add(emb, dense(w, 'text.pool', pooledText(context, mask)));
    let h = conv(w, 'in', x);
    const skips: tf.Tensor4D[] = [];
    chans.forEach((_, level) => {
        h = resBlock(w, `down.${level}.res`, h, emb, groups);
        if (config.attentionLevels.includes(level)) h = attnBlock(w, `down.${level}.attn`, h, context, mask, config);
        skips.push(h);
        if (level < chans.length - 1) h = conv(w, `down.${level}.downsample`, h, 2);
    });
    h = resBlock(w, 'mid.res1', h, emb, groups);
    h = attnBlock(w, 'mid.attn', h, context, mask, config);
    h = resBlock(w, 'mid.res2', h, emb, groups);
    for (let level = chans.length - 1; level >= 0; level--) {
        const skip = skips[level];
        h = resBlock(w, `up.${level}.res`, tf.concat([h, skip], 3), emb, groups);
        if (config.attentionLevels.includes(level)) h = attnBlock(w, `up.${level}.attn`, h, context, mask, config);
        if (level > 0) {
            const target = skips[level - 1];
            h = upsample(w, `up.${level}.upsample`, h, target.shape[1], target.shape[2]);
        }
    }
    h = silu(groupNorm(w, 'out.norm', h, groups));
    return tf.add(tf.conv2d(h, w.get('out.weight') as tf.Tensor4D, 1, 'same'), w.get('out.bias'));
}
