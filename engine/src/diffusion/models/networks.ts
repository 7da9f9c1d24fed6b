/**
 * The values on the MODEL, CLIP and VAE wires: the functional networks with their weights and
 * everything needed to use and save them, and `loadNetwork` which rebuilds any of them from a
 * SavedNetwork (cache entries and checkpoints store exactly what `save()` returns).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { DiffusionModel, EncodedText, Prediction, SavedNetwork, TextEncoder, TrainingRecord, Vae, WeightArray } from '../contracts.js';

export type { TrainingRecord };
import { Vocabulary } from '../text/tokenizer.js';
import { PIXEL_VAE_ARCHITECTURE, PixelVae, type PixelVaeConfig } from './pixel-vae.js';
import { TEXT_ENCODER_ARCHITECTURE, defineTextEncoder, textEncoderForward, textEncoderShapes, type TextEncoderConfig } from './text-encoder.js';
import { UNET_ARCHITECTURE, defineUNet, unetForward, unetShapes, type UNetConfig } from './unet.js';
import { WeightSet } from './weights.js';

/** How the training noise schedule was made (the schedule itself travels as `alphas_cumprod`). */
export interface ScheduleInfo {
    readonly betaSchedule: 'linear' | 'cosine';
    readonly timesteps: number;
}

const ALPHAS = 'alphas_cumprod';

export class UNetModel implements DiffusionModel {
    readonly kind = 'MODEL';

    constructor(
        readonly config: UNetConfig,
        readonly weights: WeightSet,
        readonly alphasCumprod: Float32Array,
        readonly prediction: Prediction,
        readonly schedule: ScheduleInfo,
        readonly latentDownscale: number,
        readonly training?: TrainingRecord,
    ) {}

    static fresh(config: UNetConfig, seed: number, alphasCumprod: Float32Array, prediction: Prediction, schedule: ScheduleInfo, latentDownscale: number): UNetModel {
        return new UNetModel(config, defineUNet(config, seed), alphasCumprod, prediction, schedule, latentDownscale);
    }

    get contextDim(): number {
        return this.config.contextDim;
    }

    get channels(): number {
        return this.config.channels;
    }

    apply(x: tf.Tensor4D, timesteps: tf.Tensor1D, context: tf.Tensor3D, contextMask: tf.Tensor2D): tf.Tensor4D {
        return tf.tidy(() => unetForward(this.weights, this.config, x, timesteps, context, contextMask));
    }

    /** The same network with other weights (an EMA copy, a trained copy). */
    withWeights(weights: WeightSet, training = this.training): UNetModel {
        return new UNetModel(this.config, weights, this.alphasCumprod, this.prediction, this.schedule, this.latentDownscale, training);
    }

    async save(): Promise<SavedNetwork> {
        const tensors = await this.weights.toArrays();
        tensors.set(ALPHAS, { shape: [this.alphasCumprod.length], data: this.alphasCumprod });
        return {
            architecture: UNET_ARCHITECTURE,
            config: { unet: this.config, prediction: this.prediction, schedule: this.schedule, latentDownscale: this.latentDownscale, ...(this.training ? { training: this.training } : {}) },
            tensors,
        };
    }

    dispose(): void {
        this.weights.dispose();
    }
}

/** Token ids and masks of a batch of prompts, padded to the encoder's `maxTokens`. */
export interface TokenBatch {
    readonly ids: Int32Array;
    readonly mask: Float32Array;
    readonly unknownWords: readonly string[][];
    readonly truncated: readonly boolean[];
}

export class TransformerTextEncoder implements TextEncoder {
    readonly kind = 'CLIP';

    constructor(readonly config: TextEncoderConfig, readonly weights: WeightSet, readonly tokenizer: Vocabulary) {}

    static fresh(config: Omit<TextEncoderConfig, 'vocabSize'>, tokenizer: Vocabulary, seed: number): TransformerTextEncoder {
        const full = { ...config, vocabSize: tokenizer.size };
        return new TransformerTextEncoder(full, defineTextEncoder(full, seed), tokenizer);
    }

    get contextDim(): number {
        return this.config.dim;
    }

    get vocabulary(): readonly string[] {
        return this.tokenizer.words;
    }

    tokenize(texts: readonly string[]): TokenBatch {
        const T = this.config.maxTokens;
        const ids = new Int32Array(texts.length * T);
        const mask = new Float32Array(texts.length * T);
        const unknownWords: string[][] = [];
        const truncated: boolean[] = [];
        texts.forEach((text, i) => {
            const encoded = this.tokenizer.encode(text, T);
            ids.set(encoded.ids, i * T);
            for (let k = 0; k < T; k++) mask[i * T + k] = encoded.mask[k];
            unknownWords.push([...encoded.unknownWords]);
            truncated.push(encoded.truncatedWords > 0);
        });
        return { ids, mask, unknownWords, truncated };
    }

    /** Token vectors of a tokenized batch (inside a tape when training). */
    forward(ids: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor3D {
        return textEncoderForward(this.weights, this.config, ids, mask);
    }

    /**
     * A prompt's token vectors, its weighting applied as ComfyUI's encode_token_weights does
     * (comfy/sd1_clip.py): a token of weight w ≠ 1 becomes (z − z_empty)·w + z_empty, z_empty
     * being the empty prompt's vector at the same position; tokens of weight 1 are untouched.
     */
    encode(text: string): EncodedText {
        const T = this.config.maxTokens;
        const prompt = this.tokenizer.encodePrompt(text, T);
        const mask = tf.tensor2d(prompt.mask, [1, T]);
        const context = tf.tidy(() => {
            const z = this.forward(tf.tensor2d(prompt.ids, [1, T], 'int32'), mask);
            if (prompt.weights.every(w => w === 1)) return z;
            const empty = this.tokenizer.encode('', T);
            const zEmpty = this.forward(tf.tensor2d(empty.ids, [1, T], 'int32'), tf.tensor2d(empty.mask, [1, T]));
            const w = tf.tensor3d(prompt.weights, [1, T, 1]);
            const weighted = tf.add(tf.mul(tf.sub(z, zEmpty), w), zEmpty);
            const changed = tf.tile(tf.notEqual(w, 1), [1, 1, this.config.dim]);
            return tf.where(changed, weighted, z) as tf.Tensor3D;
        });
        return { context, mask, unknownWords: prompt.unknownWords, truncated: prompt.truncatedWords > 0 };
    }

    withWeights(weights: WeightSet): TransformerTextEncoder {
        return new TransformerTextEncoder(this.config, weights, this.tokenizer);
    }

    async save(): Promise<SavedNetwork> {
        return {
            architecture: TEXT_ENCODER_ARCHITECTURE,
            config: { encoder: this.config, vocabulary: this.tokenizer.toJSON() },
            tensors: await this.weights.toArrays(),
        };
    }

    dispose(): void {
        this.weights.dispose();
    }
}

function without(tensors: ReadonlyMap<string, WeightArray>, name: string): Map<string, WeightArray> {
    const copy = new Map(tensors);
    copy.delete(name);
    return copy;
}

/** Rebuilds a saved network; throws with what is wrong when the file does not match the code. */
export function loadNetwork(kind: 'MODEL', saved: SavedNetwork): UNetModel;
export function loadNetwork(kind: 'CLIP', saved: SavedNetwork): TransformerTextEncoder;
export function loadNetwork(kind: 'VAE', saved: SavedNetwork): Vae;
export function loadNetwork(kind: 'MODEL' | 'CLIP' | 'VAE', saved: SavedNetwork): DiffusionModel | TextEncoder | Vae {
    const config = saved.config as Record<string, unknown>;
    switch (`${kind}:${saved.architecture}`) {
        case `MODEL:${UNET_ARCHITECTURE}`: {
            const unet = config.unet as UNetConfig;
            const alphas = saved.tensors.get(ALPHAS);
            if (!alphas) throw new Error(`the model has no ${ALPHAS} (its noise schedule)`);
            const weights = WeightSet.fromArrays(without(saved.tensors, ALPHAS), unetShapes(unet));
            return new UNetModel(unet, weights, alphas.data, config.prediction as Prediction, config.schedule as ScheduleInfo, Number(config.latentDownscale ?? 1), config.training as TrainingRecord | undefined);
        }
        case `CLIP:${TEXT_ENCODER_ARCHITECTURE}`: {
            const encoder = config.encoder as TextEncoderConfig;
            const weights = WeightSet.fromArrays(saved.tensors, textEncoderShapes(encoder));
            return new TransformerTextEncoder(encoder, weights, Vocabulary.fromJSON(config.vocabulary));
        }
        case `VAE:${PIXEL_VAE_ARCHITECTURE}`:
            return new PixelVae(config as unknown as PixelVaeConfig);
        default:
            throw new Error(`unknown ${kind} architecture "${saved.architecture}" (this Flow Studio knows ${UNET_ARCHITECTURE}, ${TEXT_ENCODER_ARCHITECTURE}, ${PIXEL_VAE_ARCHITECTURE})`);
    }
}
