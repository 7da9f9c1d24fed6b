/**
 * The seams of text-to-image diffusion, shared by the sampler maths (`sampling/`), the models
 * (`models/`), training (`train/`) and the checkpoint format (`checkpoint/`). Values that travel
 * on the ComfyUI-named wires MODEL, CLIP, VAE, CONDITIONING and LATENT have these shapes.
 *
 * Conventions, chosen to match ComfyUI's meanings while staying in TensorFlow.js's layout:
 * - Tensors are NHWC (TF.js), where ComfyUI is NCHW; nothing outside the engine sees tensors.
 * - The denoiser follows ComfyUI's `ModelSamplingDiscrete`: a network trained on a discrete
 *   schedule of `alphasCumprod` (T entries), sigma_t = sqrt((1 - acp_t) / acp_t). The sampler
 *   scales the input by 1/sqrt(sigma^2 + 1), maps sigma to a (fractional) timestep by log-sigma
 *   interpolation, and turns the network's epsilon or v prediction into a denoised estimate.
 * - IMAGE pixels are in [0, 1]; a VAE maps them to latents and back.
 */
import type * as tf from '@tensorflow/tfjs-core';

export type Prediction = 'eps' | 'v';

/** A float32 array with its shape (a saved weight). */
export interface WeightArray {
    readonly shape: readonly number[];
    readonly data: Float32Array;
}

/**
 * What a MODEL, CLIP or VAE is made of, as cache entries and checkpoints store it: the
 * architecture names the code that rebuilds it (models/load.ts), `config` is JSON.
 */
export interface SavedNetwork {
    readonly architecture: string;
    readonly config: Readonly<Record<string, unknown>>;
    readonly tensors: ReadonlyMap<string, WeightArray>;
}

/** Every network on a wire can be saved and rebuilt exactly. */
export interface Saveable {
    save(): Promise<SavedNetwork>;
}

/** How a model was trained (saved with it; CheckpointSave's metadata): defined with the checkpoint format. */
export type { TrainingRecord } from '../../../checkpoints/src/checkpoint-types.js';
import type { TrainingRecord } from '../../../checkpoints/src/checkpoint-types.js';

/** MODEL: the denoising network and the discrete schedule it was trained on. */
export interface DiffusionModel extends Saveable {
    readonly kind: 'MODEL';
    readonly prediction: Prediction;
    /** Cumulative product of (1 - beta_t), t = 0..T-1, as trained. */
    readonly alphasCumprod: Float32Array;
    /** Width of the text context vectors the network cross-attends to (CLIP's `contextDim`). */
    readonly contextDim: number;
    /** Latent channels the network takes and returns. */
    readonly channels: number;
    /** Image pixels per latent pixel of the VAE it was trained with (how EmptyLatentImage's size maps to latents). */
    readonly latentDownscale: number;
    /** How it was trained, when it was (CheckpointSave writes it into the checkpoint's metadata). */
    readonly training?: TrainingRecord;
    /**
     * The network: `x` is the already-scaled noisy input [n, h, w, c], `timesteps` are
     * fractional indices into the schedule [n], `context` the text [n, tokens, contextDim] with
     * `contextMask` [n, tokens] (1 = real token). Returns epsilon or v, [n, h, w, c].
     * Must not dispose its arguments.
     */
    apply(x: tf.Tensor4D, timesteps: tf.Tensor1D, context: tf.Tensor3D, contextMask: tf.Tensor2D): tf.Tensor4D;
    dispose(): void;
}

/** What a text encoder made of one prompt. */
export interface EncodedText {
    /** [1, tokens, contextDim]. */
    readonly context: tf.Tensor3D;
    /** [1, tokens], 1 for real tokens, 0 for padding. */
    readonly mask: tf.Tensor2D;
    /** Words of the prompt the vocabulary does not know (reported as a warning, never dropped silently). */
    readonly unknownWords: readonly string[];
    /** The prompt had more tokens than the encoder takes; the rest was cut (reported as a warning). */
    readonly truncated: boolean;
}

/** CLIP: the text encoder (whatever its architecture) with its vocabulary. */
export interface TextEncoder extends Saveable {
    readonly kind: 'CLIP';
    readonly contextDim: number;
    readonly vocabulary: readonly string[];
    encode(text: string): EncodedText;
    dispose(): void;
}

/** VAE: pixels [0, 1] <-> latents. The pixel-space VAE is an exact scale/shift. */
export interface Vae extends Saveable {
    readonly kind: 'VAE';
    readonly architecture: 'pixel' | 'autoencoder';
    /** Image pixels per latent pixel along each side (1 in pixel space). */
    readonly downscale: number;
    readonly latentChannels: number;
    /** Image channels (1 for MNIST, 3 for RGB). */
    readonly imageChannels: number;
    encode(pixels: tf.Tensor4D): tf.Tensor4D;
    decode(latents: tf.Tensor4D): tf.Tensor4D;
    dispose(): void;
}

/** One entry of CONDITIONING (ComfyUI: `[tensor, {options}]`). */
export interface ConditioningEntry {
    readonly context: tf.Tensor3D;
    readonly mask: tf.Tensor2D;
    /** The prompt it was encoded from (for image metadata and hover). */
    readonly text: string;
    /** Relative weight when several entries are combined (ConditioningCombine). */
    readonly strength: number;
}

/** CONDITIONING: a list, as in ComfyUI; ConditioningCombine concatenates lists. */
export interface Conditioning {
    readonly kind: 'CONDITIONING';
    readonly entries: readonly ConditioningEntry[];
}

/** LATENT (ComfyUI: `{"samples": tensor}`), NHWC. */
export interface Latent {
    readonly kind: 'LATENT';
    readonly samples: tf.Tensor4D;
    /**
     * Set by EmptyLatentImage, which knows an image size but not the model: the latent is all
     * zeros and its real shape follows from the model or VAE it meets (as ComfyUI's
     * `fix_empty_latent_channels`); `samples` then holds zeros [batch, height, width, 1].
     */
    readonly empty?: { readonly width: number; readonly height: number };
    /** Optional inpainting mask [n, h, w, 1] in latent resolution (1 = repaint). */
    readonly noiseMask?: tf.Tensor4D;
}
