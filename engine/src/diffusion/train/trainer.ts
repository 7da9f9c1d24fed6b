/**
 * One TrainDiffusion run's moving parts: the U-Net and text encoder being trained (copies of the
 * inputs), their EMA, the fused Adam optimizer over both, and the whole dataset already encoded
 * (latents through the VAE, captions through the tokenizer) so a step only gathers, noises and
 * differentiates. All randomness comes from the Rng handed to `step`, in a fixed order, so a
 * resumed run (state.ts) repeats an uninterrupted one.
 */
import * as tf from '@tensorflow/tfjs-core';
import { adam, type FusedAdamOptimizer } from '../../optim/adam.js';
import { normalArray, type Rng } from '../../util/rng.js';
import type { TokenBatch, TrainingRecord, TransformerTextEncoder, UNetModel } from '../models/networks.js';
import type { WeightSet } from '../models/weights.js';
import { EOS_ID, UNK_ID } from '../text/tokenizer.js';
import { emaDecayAt, learningRateAt, noisingCoefficients, type DiffusionRecipe } from './recipe.js';

export interface TrainingData {
    /** Every training image as a latent [n, h, w, c] (owned by the trainer). */
    readonly latents: tf.Tensor4D;
    /** Every caption tokenized, and the empty prompt (what a dropped caption becomes). */
    readonly captions: TokenBatch;
    readonly empty: TokenBatch;
}

/**
 * The token rows of a batch: each image's caption, or with probability `dropout` the empty
 * prompt (one draw per image, in order), so the network also learns the unconditional
 * prediction that classifier-free guidance subtracts.
 */
export function captionBatch(
    data: Pick<TrainingData, 'captions' | 'empty'>, indices: Int32Array, tokens: number, dropout: number, rng: Rng, wordDropout = 0,
): { ids: Int32Array; mask: Float32Array; dropped: boolean[] } {
    const n = indices.length;
    const ids = new Int32Array(n * tokens);
    const mask = new Float32Array(n * tokens);
    const dropped: boolean[] = [];
    for (let i = 0; i < n; i++) {
        const drop = rng.next() < dropout;
        dropped.push(drop);
        const from = drop ? data.empty : data.captions;
        const row = drop ? 0 : indices[i];
        ids.set(from.ids.subarray(row * tokens, (row + 1) * tokens), i * tokens);
        mask.set(from.mask.subarray(row * tokens, (row + 1) * tokens), i * tokens);
        if (!drop && wordDropout > 0) {
            // Words become <unk> now and then, so the <unk> of a word no caption had is a trained,
            // harmless token at sampling time instead of an untrained vector that derails the prompt.
            for (let k = i * tokens; k < (i + 1) * tokens; k++) {
                if (ids[k] > EOS_ID && rng.next() < wordDropout) ids[k] = UNK_ID;
            }
        }
    }
    return { ids, mask, dropped };
}

export class DiffusionTrainer {
    readonly optimizer: FusedAdamOptimizer;
    readonly emaUnet: WeightSet;
    readonly emaClip: WeightSet;
    private readonly trainable: tf.Variable[];
    private readonly averaged: tf.Variable[];
    private readonly timesteps: number;

    constructor(
        readonly model: UNetModel,
        readonly clip: TransformerTextEncoder,
        readonly data: TrainingData,
        readonly recipe: DiffusionRecipe,
        readonly totalSteps: number,
    ) {
        this.optimizer = adam(recipe.learningRate, 0.9, 0.999);
        this.emaUnet = model.weights.clone();
        this.emaClip = clip.weights.clone();
        this.trainable = [...model.weights.variables, ...clip.weights.variables];
        this.averaged = [...this.emaUnet.variables, ...this.emaClip.variables];
        this.timesteps = model.alphasCumprod.length;
    }

    /** One optimizer step on the images `indices`; returns the (weighted) loss. */
    step(indices: Int32Array, step: number, rng: Rng): number {
        const n = indices.length;
        const [, h, w, c] = this.data.latents.shape;
        const T = this.clip.config.maxTokens;
        const t = new Int32Array(n);
        for (let i = 0; i < n; i++) t[i] = rng.int(this.timesteps);
        const { ids, mask } = captionBatch(this.data, indices, T, this.recipe.captionDropout, rng, this.recipe.wordDropout);
        const noise = normalArray(n * h * w * c, rng);
        const k = noisingCoefficients(this.model.alphasCumprod, t, this.model.prediction, this.recipe.minSnrGamma);
        (this.optimizer as unknown as { learningRate: number }).learningRate = learningRateAt(this.recipe, step, this.totalSteps);
        const loss = tf.tidy(() => {
            const column = (v: Float32Array) => tf.tensor4d(v, [n, 1, 1, 1]);
            const x0 = tf.gather(this.data.latents, tf.tensor1d(indices, 'int32')) as tf.Tensor4D;
            const eps = tf.tensor4d(noise, [n, h, w, c]);
            const input = tf.add(tf.mul(x0, column(k.a)), tf.mul(eps, column(k.b))) as tf.Tensor4D;
            const target = tf.add(tf.mul(x0, column(k.c)), tf.mul(eps, column(k.d)));
            const idsT = tf.tensor2d(ids, [n, T], 'int32');
            const maskT = tf.tensor2d(mask, [n, T]);
            const tT = tf.tensor1d(Float32Array.from(t));
            const weight = tf.tensor1d(k.weight);
            const value = this.optimizer.minimize(() => {
                const context = this.clip.forward(idsT, maskT);
                const out = this.model.apply(input, tT, context, maskT);
                const perSample = tf.mean(tf.square(tf.sub(out, target)), [1, 2, 3]);
                return tf.mean(tf.mul(perSample, weight)) as tf.Scalar;
            }, true, this.trainable)!;
            return value.dataSync()[0];
        });
        this.updateAverage(step + 1);
        return loss;
    }

    private updateAverage(step: number): void {
        const decay = emaDecayAt(this.recipe, step);
        tf.tidy(() => {
            for (let i = 0; i < this.averaged.length; i++) {
                this.averaged[i].assign(tf.add(tf.mul(this.averaged[i], decay), tf.mul(this.trainable[i], 1 - decay)));
            }
        });
    }

    /** The EMA networks (for previews; as the wires' values, with the record of the training, they own the EMA weights from here on). */
    averagedNetworks(training?: TrainingRecord): { model: UNetModel; clip: TransformerTextEncoder } {
        return { model: this.model.withWeights(this.emaUnet, training), clip: this.clip.withWeights(this.emaClip) };
    }

    /** Disposes the training copies and the optimizer; the EMA weights only when `all`. */
    dispose(all: boolean): void {
        this.optimizer.dispose();
        this.model.dispose();
        this.clip.dispose();
        this.data.latents.dispose();
        if (all) {
            this.emaUnet.dispose();
            this.emaClip.dispose();
        }
    }
}
