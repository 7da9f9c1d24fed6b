/**
 * What the ComfyUI-named nodes share: giving an EmptyLatentImage latent its real shape, and
 * running KSampler with progress events and cancellation.
 */
import * as tf from '@tensorflow/tfjs-core';
import { FlowError } from '../errors.js';
import type { NodeContext } from '../nodes/types.js';
import type { Latent } from './contracts.js';
import { ksample, type KSampleArgs } from './sampling/index.js';

/** The latent's samples for a model or VAE with `downscale` and `channels`: an empty latent becomes zeros of that shape. */
export function resolveLatent(latent: Latent, downscale: number, channels: number, multiple = 1): tf.Tensor4D {
    if (!latent.empty) return latent.samples.clone();
    const { width, height } = latent.empty;
    const step = downscale * multiple;
    if (width % step !== 0 || height % step !== 0) {
        throw new FlowError(
            `EmptyLatentImage is ${width}x${height} but this model needs image sides that are multiples of ${step} ` +
            `(its VAE folds ${downscale}x${downscale} pixels${multiple > 1 ? `, its U-Net halves the latent ${Math.log2(multiple)} time(s)` : ''})`, 'size-mismatch');
    }
    return tf.zeros([latent.samples.shape[0], height / downscale, width / downscale, channels]) as tf.Tensor4D;
}

/** At most this often (ms) a progress event, besides the first and last step. */
const PROGRESS_INTERVAL_MS = 200;

/** ksample with the node's progress events (one per step at most every 200 ms) and cancellation. */
export async function sampleWithProgress(ctx: NodeContext, args: Omit<KSampleArgs, 'onStep' | 'signal'>): Promise<tf.Tensor4D> {
    let last = 0;
    const started = Date.now();
    return ksample({
        ...args,
        signal: ctx.signal,
        onStep: async (step, total) => {
            const now = Date.now();
            if (step === 0 || step + 1 === total || now - last >= PROGRESS_INTERVAL_MS) {
                last = now;
                ctx.progress(step + 1, total, { step: step + 1 }, Math.round(((now - started) / (step + 1)) * (total - step - 1)));
            }
            // Let cancellation and event writers run between steps.
            await new Promise(resolve => setImmediate(resolve));
        },
    });
}
