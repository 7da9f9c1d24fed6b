/**
 * The training recipe of TrainDiffusion, and the pure maths it needs: the noising of a batch
 * (ComfyUI's ModelSamplingDiscrete convention: x_t = √ᾱ·x0 + √(1−ᾱ)·ε is exactly what the
 * sampler feeds the network, (x0 + σε)/√(σ²+1)), the prediction targets, min-SNR loss weights
 * and the learning-rate schedule. Choices and their measurements: docs/adr/0012-diffusion-recipe.md.
 */
import type { Prediction } from '../contracts.js';

export interface DiffusionRecipe {
    readonly prediction: Prediction;
    /** Probability that a caption is replaced by the empty prompt (so the unconditional branch exists for CFG). */
    readonly captionDropout: number;
    /** Probability that a caption word is replaced by <unk> (teaches the model to ignore words it does not know). */
    readonly wordDropout: number;
    /** min-SNR-γ loss weighting (Hang et al. 2023); 0 turns it off. */
    readonly minSnrGamma: number;
    readonly learningRate: number;
    /** Linear warm-up steps, then cosine decay to `finalLearningRateFraction` of the peak. */
    readonly warmupSteps: number;
    readonly finalLearningRateFraction: number;
    /** EMA decay of the returned weights (with a warm-up: min(decay, (1+s)/(10+s))). */
    readonly emaDecay: number;
}

export function learningRateAt(recipe: DiffusionRecipe, step: number, totalSteps: number): number {
    if (step < recipe.warmupSteps) return recipe.learningRate * (step + 1) / recipe.warmupSteps;
    const span = Math.max(1, totalSteps - recipe.warmupSteps);
    const progress = Math.min(1, (step - recipe.warmupSteps) / span);
    const floor = recipe.finalLearningRateFraction;
    return recipe.learningRate * (floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * progress)));
}

export function emaDecayAt(recipe: DiffusionRecipe, step: number): number {
    return Math.min(recipe.emaDecay, (1 + step) / (10 + step));
}

/**
 * Per-sample coefficients for timesteps `t`: the input is a·x0 + b·ε, the target c·x0 + d·ε,
 * and `weight` scales the sample's loss (min-SNR-γ, normalised so that the target's scale does
 * not change the loss's: for ε, min(SNR, γ)/SNR; for v, min(SNR, γ)/(SNR + 1)).
 */
export interface NoisingCoefficients {
    readonly a: Float32Array;
    readonly b: Float32Array;
    readonly c: Float32Array;
    readonly d: Float32Array;
    readonly weight: Float32Array;
}

export function noisingCoefficients(alphasCumprod: Float32Array, timesteps: Int32Array, prediction: Prediction, minSnrGamma: number): NoisingCoefficients {
    const n = timesteps.length;
    const out = { a: new Float32Array(n), b: new Float32Array(n), c: new Float32Array(n), d: new Float32Array(n), weight: new Float32Array(n) };
    for (let i = 0; i < n; i++) {
        const acp = alphasCumprod[timesteps[i]];
        const a = Math.sqrt(acp);
        const b = Math.sqrt(1 - acp);
        out.a[i] = a;
        out.b[i] = b;
        if (prediction === 'eps') {
            out.c[i] = 0;
            out.d[i] = 1;
        } else {
            // v = √ᾱ·ε − √(1−ᾱ)·x0 (Salimans & Ho 2022; ComfyUI's V_PREDICTION inverts exactly this).
            out.c[i] = -b;
            out.d[i] = a;
        }
        const snr = acp / (1 - acp);
        out.weight[i] = minSnrGamma > 0 ? Math.min(snr, minSnrGamma) / (prediction === 'eps' ? snr : snr + 1) : 1;
    }
    return out;
}
