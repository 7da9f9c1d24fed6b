/**
 * ComfyUI's `comfy/model_sampling.py` for discrete-time (DDPM-trained) models: the beta schedule,
 * the sigma table and the conversions between the network's parameterisation (epsilon or v of a
 * variance-preserving input) and the k-diffusion denoiser D(x, sigma) the samplers integrate.
 *
 * Scalars are float64 (ComfyUI keeps its sigma table in float32, so its numbers differ from ours
 * in the 7th significant digit); tensors are float32 as everywhere in the engine.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Prediction } from '../contracts.js';

export type BetaScheduleKind = 'linear' | 'cosine';

/**
 * `make_beta_schedule` (comfy/ldm/modules/diffusionmodules/util.py). "linear" is Stable Diffusion's
 * scaled-linear schedule: the square roots of the betas are evenly spaced, not the betas.
 */
export function betaSchedule(kind: BetaScheduleKind, timesteps = 1000, linearStart = 0.00085, linearEnd = 0.012): Float64Array {
    const betas = new Float64Array(timesteps);
    if (kind === 'linear') {
        const a = Math.sqrt(linearStart);
        const b = Math.sqrt(linearEnd);
        for (let i = 0; i < timesteps; i++) {
            const r = timesteps === 1 ? a : a + ((b - a) * i) / (timesteps - 1);
            betas[i] = r * r;
        }
        return betas;
    }
    // Nichol & Dhariwal's cosine schedule, s = 8e-3; the clip keeps the last steps from a beta of 1.
    const s = 8e-3;
    const f = (i: number): number => Math.cos(((i / timesteps + s) / (1 + s)) * (Math.PI / 2)) ** 2;
    const f0 = f(0);
    for (let i = 0; i < timesteps; i++) {
        const beta = 1 - f(i + 1) / f0 / (f(i) / f0);
        betas[i] = Math.min(Math.max(beta, 0), 0.999);
    }
    return betas;
}

/** `torch.cumprod(1 - betas)` (ModelSamplingDiscrete._register_schedule). */
export function alphasCumprodOf(betas: ArrayLike<number>): Float64Array {
    const out = new Float64Array(betas.length);
    let p = 1;
    for (let i = 0; i < betas.length; i++) {
        p *= 1 - betas[i];
        out[i] = p;
    }
    return out;
}

/** ComfyUI `ModelSamplingDiscrete` combined with its `EPS` / `V_PREDICTION` mixins (sigma_data = 1). */
export class ModelSamplingDiscrete {
    /** sigma_t = sqrt((1 - acp_t) / acp_t), ascending in t like ComfyUI's `sigmas` buffer. */
    readonly sigmas: Float64Array;
    private readonly logSigmas: Float64Array;

    constructor(alphasCumprod: ArrayLike<number>, readonly prediction: Prediction) {
        const n = alphasCumprod.length;
        if (n < 2) throw new RangeError('a discrete schedule needs at least 2 timesteps');
        this.sigmas = new Float64Array(n);
        this.logSigmas = new Float64Array(n);
        for (let i = 0; i < n; i++) {
            const a = alphasCumprod[i];
            this.sigmas[i] = Math.sqrt((1 - a) / a);
            this.logSigmas[i] = Math.log(this.sigmas[i]);
        }
        for (let i = 1; i < n; i++) {
            if (!(this.logSigmas[i] > this.logSigmas[i - 1])) throw new RangeError('alphasCumprod must be strictly decreasing and in (0, 1)');
        }
    }

    get sigmaMin(): number {
        return this.sigmas[0];
    }

    get sigmaMax(): number {
        return this.sigmas[this.sigmas.length - 1];
    }

    /**
     * Fractional timestep of a sigma by linear interpolation of log-sigma, clamped to [0, T-1]
     * (k-diffusion `DiscreteSchedule.sigma_to_t` with quantize=False). ComfyUI's
     * `ModelSamplingDiscrete.timestep` rounds to the nearest index instead; we keep the fraction
     * so the network sees the noise level the sampler actually uses.
     */
    sigmaToT(sigma: number): number {
        const ls = this.logSigmas;
        const logSigma = Math.log(sigma);
        // Largest low with ls[low] <= logSigma, kept within [0, T-2] so low+1 exists.
        let lo = 0;
        let hi = ls.length - 1;
        while (hi - lo > 1) {
            const mid = (lo + hi) >> 1;
            if (ls[mid] <= logSigma) lo = mid;
            else hi = mid;
        }
        const w = Math.min(Math.max((ls[lo] - logSigma) / (ls[lo] - ls[lo + 1]), 0), 1);
        return (1 - w) * lo + w * (lo + 1);
    }

    /** `ModelSamplingDiscrete.sigma`: log-sigma interpolation between neighbouring indices. */
    tToSigma(t: number): number {
        const tt = Math.min(Math.max(t, 0), this.sigmas.length - 1);
        const low = Math.floor(tt);
        const high = Math.ceil(tt);
        const w = tt - low;
        return Math.exp((1 - w) * this.logSigmas[low] + w * this.logSigmas[high]);
    }

    /** `EPS.calculate_input`: the network sees a unit-variance-ish input. */
    calculateInput(sigma: number, x: tf.Tensor4D): tf.Tensor4D {
        return tf.tidy(() => tf.mul(x, 1 / Math.sqrt(sigma * sigma + 1)) as tf.Tensor4D);
    }

    /** `EPS.calculate_denoised` / `V_PREDICTION.calculate_denoised` with sigma_data = 1. */
    calculateDenoised(sigma: number, modelOutput: tf.Tensor4D, x: tf.Tensor4D): tf.Tensor4D {
        return tf.tidy(() => {
            if (this.prediction === 'eps') return tf.sub(x, tf.mul(modelOutput, sigma)) as tf.Tensor4D;
            const v2 = sigma * sigma + 1;
            return tf.sub(tf.mul(x, 1 / v2), tf.mul(modelOutput, sigma / Math.sqrt(v2))) as tf.Tensor4D;
        });
    }

    /**
     * `EPS.noise_scaling`: the sampler's starting point. At full denoise the noise is scaled to
     * the variance-preserving marginal's spread sqrt(1 + sigma^2), otherwise by sigma.
     */
    noiseScaling(sigma: number, noise: tf.Tensor4D, latent: tf.Tensor4D, maxDenoise: boolean): tf.Tensor4D {
        const scale = maxDenoise ? Math.sqrt(1 + sigma * sigma) : sigma;
        return tf.tidy(() => tf.add(tf.mul(noise, scale), latent) as tf.Tensor4D);
    }

    /** `Sampler.max_denoise`: does the run start from (at least) the model's largest sigma? */
    isMaxDenoise(firstSigma: number): boolean {
        const max = this.sigmaMax;
        return Math.abs(firstSigma - max) <= 1e-5 * Math.max(Math.abs(firstSigma), Math.abs(max)) || firstSigma > max;
    }
}
