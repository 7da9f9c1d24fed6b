/**
 * The text encoder ("CLIP" on the wires, whatever its architecture): token and position
 * embeddings, pre-norm transformer layers with padding masked out of attention, a final
 * LayerNorm. Trained from scratch together with the U-Net, so it only has to tell apart what
 * the training captions tell apart; a few layers of 64–128 features are enough.
 */
import * as tf from '@tensorflow/tfjs-core';
import { attention, defineAttention, defineDense, defineNorm, dense, layerNorm, silu } from './layers.js';
import { Initializer, ShapeRecorder, WeightSet, type WeightDeclarer } from './weights.js';

export interface TextEncoderConfig {
    readonly vocabSize: number;
    /** Tokens per prompt including <bos> and <eos>; longer prompts are cut (and reported). */
    readonly maxTokens: number;
    readonly dim: number;
    readonly layers: number;
    readonly heads: number;
}

export const TEXT_ENCODER_ARCHITECTURE = 'flowstudio-text-transformer-v1';

/** A fresh encoder's weights, seeded. */
export function defineTextEncoder(config: TextEncoderConfig, seed: number): WeightSet {
    const weights = new WeightSet();
    declareTextEncoder(config, new Initializer(weights, seed));
    return weights;
}

/** Every weight's name and shape (what saved weights are checked against). */
export function textEncoderShapes(config: TextEncoderConfig): ReadonlyMap<string, readonly number[]> {
    const recorder = new ShapeRecorder();
    declareTextEncoder(config, recorder);
    return recorder.shapes;
}

function declareTextEncoder(config: TextEncoderConfig, init: WeightDeclarer): void {
    if (config.dim % config.heads !== 0) throw new Error(`text dim ${config.dim} does not split into ${config.heads} heads`);
    init.normalStd('token', [config.vocabSize, config.dim], 0.02 * Math.sqrt(config.dim));
    init.normalStd('position', [config.maxTokens, config.dim], 0.01 * Math.sqrt(config.dim));
    for (let l = 0; l < config.layers; l++) {
        defineNorm(init, `layer.${l}.norm1`, config.dim);
        defineAttention(init, `layer.${l}.attn`, config.dim, config.dim, config.dim);
        defineNorm(init, `layer.${l}.norm2`, config.dim);
        defineDense(init, `layer.${l}.mlp.0`, config.dim, 4 * config.dim);
        defineDense(init, `layer.${l}.mlp.1`, 4 * config.dim, config.dim, 0.1);
    }
    defineNorm(init, 'final', config.dim);
}

/** ids [n, tokens] int32 and mask [n, tokens] (1 = real token) → token vectors [n, tokens, dim]. */
export function textEncoderForward(w: WeightSet, config: TextEncoderConfig, ids: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor3D {
    const [n, tokens] = ids.shape;
    const embedded = tf.reshape(tf.gather(w.get('token'), tf.reshape(ids, [-1])), [n, tokens, config.dim]);
    let x = tf.add(embedded, tf.slice(w.get('position'), [0, 0], [tokens, config.dim])) as tf.Tensor3D;
    for (let l = 0; l < config.layers; l++) {
        const normed = layerNorm(w, `layer.${l}.norm1`, x);
        x = tf.add(x, attention(w, `layer.${l}.attn`, normed, normed, config.heads, mask));
        x = tf.add(x, dense(w, `layer.${l}.mlp.1`, silu(dense(w, `layer.${l}.mlp.0`, layerNorm(w, `layer.${l}.norm2`, x)))));
    }
    return layerNorm(w, 'final', x);
}
