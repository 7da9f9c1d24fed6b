/**
 * What the ComfyUI-named sampling nodes share: giving an EmptyLatentImage latent its real shape,
 * and running KSampler with progress events, previews of the current denoised estimate (as
 * ComfyUI's latent previews) and cancellation at the next step.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { DiffusionModel, Latent } from '../../engine/src/diffusion/contracts.js';
import { depthToSpace } from '../../engine/src/diffusion/models/pixel-vae.js';
import { ksample, type KSampleArgs } from '../../engine/src/diffusion/sampling/index.js';
import { FlowError } from '../../engine/src/errors.js';
import type { NodeContext } from '../../engine/src/nodes/types.js';
import { emitPreviewGrid } from './preview-grid.js';

/** The latent's samples for a model or VAE with `downscale` and `channels`: an empty latent becomes zeros of that shape. */
export function resolveLatent(latent: Latent, downscale: number, channels: number): tf.Tensor4D {
    if (!latent.empty) return latent.samples.clone();
    const { width, height } = latent.empty;
    if (width % downscale !== 0 || height % downscale !== 0) {
        throw new FlowError(
            `EmptyLatentImage is ${width}x${height} but this model needs image sides that are multiples of ${downscale} ` +
            `(its VAE folds ${downscale}x${downscale} pixels)`, 'size-mismatch');
    }
    return tf.zeros([latent.samples.shape[0], height / downscale, width / downscale, channels]) as tf.Tensor4D;
}

/** At most this often (ms) a progress event, besides the first and last step. */
const PROGRESS_INTERVAL_MS = 200;
/** Previews per sampling run (the last step's result is the output itself). */
const PREVIEWS = 4;
const PREVIEW_IMAGES = 8;

/**
 * The denoised estimate as images, when the model's latents are pixel-VAE latents (folded
 * pixels in [-1, 1]): exact, so no VAE is needed, as ComfyUI's latent2rgb needs none.
 * Undefined for latents of another kind.
 */
function previewImages(model: DiffusionModel, denoised: tf.Tensor4D): tf.Tensor4D | undefined {
    const p = model.latentDownscale;
    const c = denoised.shape[3];
    if (c % (p * p) !== 0 || ![1, 3].includes(c / (p * p))) return undefined;
    return tf.tidy(() => {
        const first = tf.slice(denoised, [0, 0, 0, 0], [Math.min(PREVIEW_IMAGES, denoised.shape[0]), -1, -1, -1]);
        const pixels = depthToSpace(first as tf.Tensor4D, p);
        return tf.clipByValue(tf.div(tf.add(pixels, 1), 2), 0, 1) as tf.Tensor4D;
    });
}

/**
 * KSampler and KSamplerAdvanced: ksample on the input latent (an empty one given the model's
 * latent shape) with the node's progress events (one per step at most every 200 ms), previews
 * and cancellation; resolves to the output LATENT.
 */
export async function runKSampler(ctx: NodeContext, args: Omit<KSampleArgs, 'onStep' | 'signal'>): Promise<Latent> {
    const { model, latent } = args;
    const samples = resolveLatent(latent, model.latentDownscale, model.channels);
    let last = 0;
    const started = Date.now();
    try {
        const out = await ksample({
            ...args,
            latent: { ...latent, samples, empty: undefined },
            signal: ctx.signal,
            onStep: async (step, total, _x, denoised) => {
                const now = Date.now();
                if (step === 0 || step + 1 === total || now - last >= PROGRESS_INTERVAL_MS) {
                    last = now;
                    ctx.progress(step + 1, total, { step: step + 1 }, Math.round(((now - started) / (step + 1)) * (total - step - 1)));
                }
                const every = Math.max(1, Math.floor(total / (PREVIEWS + 1)));
                if ((step + 1) % every === 0 && step + 1 < total) {
                    const images = previewImages(model, denoised);
                    if (images) {
                        try {
                            await emitPreviewGrid(ctx, images, step + 1, Math.min(PREVIEW_IMAGES, images.shape[0]));
                        } finally {
                            images.dispose();
                        }
                    }
                }
                // Let cancellation and event writers run between steps.
                await new Promise(resolve => setImmediate(resolve));
            },
        });
        return { kind: 'LATENT', samples: out };
    } finally {
        samples.dispose();
    }
}
