/**
 * The exact "VAE" of pixel-space diffusion: latent = pixels mapped to [-1, 1], with each
 * `patch` × `patch` block of pixels folded into channels (space-to-depth). Both directions are
 * exact (decode(encode(x)) = x up to float rounding), so VAEEncode and VAEDecode are honest
 * without a trained autoencoder, and a patch of 2 lets the U-Net work at half the resolution
 * (a quarter of the convolution work) on the same information, as in "simple diffusion".
 */
import * as tf from '@tensorflow/tfjs-core';
import type { SavedNetwork, Vae } from '../contracts.js';

export const PIXEL_VAE_ARCHITECTURE = 'flowstudio-pixel-vae-v1';

export interface PixelVaeConfig {
    readonly imageChannels: number;
    /** Pixels per latent pixel along each side (1: none folded). */
    readonly patch: number;
}

/** [n, h, w, c] → [n, h/p, w/p, p·p·c], channel order (row in patch, column in patch, c) like tf.depthToSpace. */
export function spaceToDepth(x: tf.Tensor4D, p: number): tf.Tensor4D {
    if (p === 1) return x.clone();
    const [n, h, w, c] = x.shape;
    return tf.tidy(() => tf.reshape(tf.transpose(tf.reshape(x, [n, h / p, p, w / p, p, c]), [0, 1, 3, 2, 4, 5]), [n, h / p, w / p, p * p * c]));
}

export function depthToSpace(x: tf.Tensor4D, p: number): tf.Tensor4D {
    if (p === 1) return x.clone();
    const [n, h, w, cc] = x.shape;
    const c = cc / (p * p);
    return tf.tidy(() => tf.reshape(tf.transpose(tf.reshape(x, [n, h, w, p, p, c]), [0, 1, 3, 2, 4, 5]), [n, h * p, w * p, c]));
}

export class PixelVae implements Vae {
    readonly kind = 'VAE';
    readonly architecture = 'pixel';

    constructor(readonly config: PixelVaeConfig) {
        if (!Number.isInteger(config.patch) || config.patch < 1) throw new Error(`patch must be a positive integer, got ${config.patch}`);
    }

    get downscale(): number {
        return this.config.patch;
    }

    get imageChannels(): number {
        return this.config.imageChannels;
    }

    get latentChannels(): number {
        return this.config.patch * this.config.patch * this.config.imageChannels;
    }

    encode(pixels: tf.Tensor4D): tf.Tensor4D {
        const [, h, w, c] = pixels.shape;
        const p = this.config.patch;
        if (c !== this.imageChannels) throw new Error(`the VAE takes images with ${this.imageChannels} channel(s), got ${c}`);
        if (h % p !== 0 || w % p !== 0) throw new Error(`the VAE folds ${p}x${p} pixels: image sides must be multiples of ${p}, got ${w}x${h}`);
        return tf.tidy(() => spaceToDepth(tf.sub(tf.mul(pixels, 2), 1), p));
    }

    decode(latents: tf.Tensor4D): tf.Tensor4D {
        const c = latents.shape[3];
        if (c !== this.latentChannels) throw new Error(`the VAE decodes latents with ${this.latentChannels} channels, got ${c}`);
        return tf.tidy(() => tf.clipByValue(tf.div(tf.add(depthToSpace(latents, this.config.patch), 1), 2), 0, 1) as tf.Tensor4D);
    }

    async save(): Promise<SavedNetwork> {
        return { architecture: PIXEL_VAE_ARCHITECTURE, config: { ...this.config }, tensors: new Map() };
    }

    dispose(): void {
        // No weights.
    }
}
