/**
 * The k-diffusion samplers ComfyUI's KSampler offers (`comfy/k_diffusion/sampling.py`
 * sample_*), integrating the probability-flow ODE (or its ancestral SDE) in the k-diffusion
 * parameterisation: x = x0 + sigma * noise, with a denoiser D(x, sigma) estimating x0.
 *
 * Memory: the sampler owns every tensor it makes and disposes it as soon as the next one exists;
 * the input `x` stays the caller's, the returned tensor becomes the caller's. The tensors handed
 * to `onStep` live only until the callback returns (or its promise settles).
 */
import * as tf from '@tensorflow/tfjs-core';
import { FlowError, throwIfAborted } from '../../errors.js';
import { normalArray, type Rng } from '../../util/rng.js';
// The list KSampler's schema offers (pure data the language server reads too): one source of truth.
import { SAMPLER_NAMES } from '../../../../nodes/shared/comfy-sampling.js';

/** The denoised estimate of x at noise level sigma (k-diffusion convention); the caller owns the result. */
export type Denoiser = (x: tf.Tensor4D, sigma: number) => tf.Tensor4D;

/** Called once per step after the model ran, with the 0-based step (as ComfyUI's callback `i`). */
export type StepCallback = (step: number, total: number, x: tf.Tensor4D, denoised: tf.Tensor4D) => void | Promise<void>;

export interface SampleOptions {
    /** Noise for the ancestral and DDPM steps; required by those samplers only. */
    readonly rng?: Rng;
    readonly onStep?: StepCallback;
    /** Checked between steps; an aborted run throws CancelledError. */
    readonly signal?: AbortSignal;
}

/**
 * In ComfyUI's order (KSAMPLER_NAMES, then the extras of SAMPLER_NAMES). `ddim` is not a
 * separate integrator in ComfyUI: `sampler_object('ddim')` is Euler (with a differently seeded
 * inpainting noise), and so it is here.
 */
export { SAMPLER_NAMES };
export type SamplerName = (typeof SAMPLER_NAMES)[number];

export function isSamplerName(name: string): name is SamplerName {
    return (SAMPLER_NAMES as readonly string[]).includes(name);
}

/** Samplers that draw fresh noise every step (and so need `options.rng`). */
export const STOCHASTIC_SAMPLERS: ReadonlySet<SamplerName> = new Set(['euler_ancestral', 'dpm_2_ancestral', 'ddpm']);

/** What a step may use besides its state: the model, and noise shaped like x. */
interface StepContext {
    denoise: Denoiser;
    noise(like: tf.Tensor4D): tf.Tensor4D;
}

/**
 * One sampler: `step` maps x at sigmas[i] (with the model's `denoised` there) to x at
 * sigmas[i+1]. It must not dispose x or denoised; whatever it keeps across steps it frees in
 * `dispose`.
 */
interface Integrator {
    step(i: number, x: tf.Tensor4D, denoised: tf.Tensor4D, sigmas: Float64Array, ctx: StepContext): tf.Tensor4D;
    dispose(): void;
}

/** k-diffusion `to_d`: the ODE's derivative dx/dsigma = (x - D(x, sigma)) / sigma. */
function toD(x: tf.Tensor4D, sigma: number, denoised: tf.Tensor4D): tf.Tensor4D {
    return tf.div(tf.sub(x, denoised), sigma) as tf.Tensor4D;
}

/** k-diffusion `get_ancestral_step` (eta = 1): split a step into a deterministic part and fresh noise. */
export function ancestralStep(sigmaFrom: number, sigmaTo: number, eta = 1): { sigmaDown: number; sigmaUp: number } {
    if (!eta) return { sigmaDown: sigmaTo, sigmaUp: 0 };
    const sigmaUp = Math.min(sigmaTo, eta * Math.sqrt((sigmaTo ** 2 * (sigmaFrom ** 2 - sigmaTo ** 2)) / sigmaFrom ** 2));
    return { sigmaDown: Math.sqrt(sigmaTo ** 2 - sigmaUp ** 2), sigmaUp };
}

const stateless = (step: Integrator['step']): Integrator => ({ step, dispose: () => undefined });

/** `sample_euler` (s_churn = 0). */
const euler = (): Integrator =>
    stateless((i, x, denoised, sigmas) =>
        tf.tidy(() => {
            const dt = sigmas[i + 1] - sigmas[i];
            return tf.add(x, tf.mul(toD(x, sigmas[i], denoised), dt)) as tf.Tensor4D;
        }),
    );

/** `sample_euler_ancestral` (eta = 1, s_noise = 1). */
const eulerAncestral = (): Integrator =>
    stateless((i, x, denoised, sigmas, ctx) => {
        const { sigmaDown, sigmaUp } = ancestralStep(sigmas[i], sigmas[i + 1]);
        if (sigmaDown === 0) return denoised.clone();
        const noise = ctx.noise(x);
        try {
            return tf.tidy(() => {
                const d = toD(x, sigmas[i], denoised);
                return tf.add(tf.add(x, tf.mul(d, sigmaDown - sigmas[i])), tf.mul(noise, sigmaUp)) as tf.Tensor4D;
            });
        } finally {
            noise.dispose();
        }
    });

/** `sample_heun`: Euler predictor, trapezoidal corrector; the last step to sigma 0 is plain Euler. */
const heun = (): Integrator =>
    stateless((i, x, denoised, sigmas, ctx) => {
        const sigma = sigmas[i];
        const next = sigmas[i + 1];
        const dt = next - sigma;
        return tf.tidy(() => {
            const d = toD(x, sigma, denoised);
            const x2 = tf.add(x, tf.mul(d, dt)) as tf.Tensor4D;
            if (next === 0) return x2;
            const denoised2 = ctx.denoise(x2, next);
            const d2 = toD(x2, next, denoised2);
            return tf.add(x, tf.mul(tf.add(d, d2), dt / 2)) as tf.Tensor4D;
        });
    });

/** `sample_dpm_2`: midpoint method with the midpoint taken in log sigma. */
const dpm2 = (): Integrator =>
    stateless((i, x, denoised, sigmas, ctx) => {
        const sigma = sigmas[i];
        const next = sigmas[i + 1];
        return tf.tidy(() => {
            const d = toD(x, sigma, denoised);
            if (next === 0) return tf.add(x, tf.mul(d, next - sigma)) as tf.Tensor4D;
            const sigmaMid = Math.exp(0.5 * (Math.log(sigma) + Math.log(next)));
            const x2 = tf.add(x, tf.mul(d, sigmaMid - sigma)) as tf.Tensor4D;
            const d2 = toD(x2, sigmaMid, ctx.denoise(x2, sigmaMid));
            return tf.add(x, tf.mul(d2, next - sigma)) as tf.Tensor4D;
        });
    });

/** `sample_dpm_2_ancestral`: DPM-2 down to sigma_down, then fresh noise of sigma_up. */
const dpm2Ancestral = (): Integrator =>
    stateless((i, x, denoised, sigmas, ctx) => {
        const sigma = sigmas[i];
        const { sigmaDown, sigmaUp } = ancestralStep(sigma, sigmas[i + 1]);
        if (sigmaDown === 0) return tf.tidy(() => tf.add(x, tf.mul(toD(x, sigma, denoised), sigmaDown - sigma)) as tf.Tensor4D);
        const noise = ctx.noise(x);
        try {
            return tf.tidy(() => {
                const d = toD(x, sigma, denoised);
                const sigmaMid = Math.exp(0.5 * (Math.log(sigma) + Math.log(sigmaDown)));
                const x2 = tf.add(x, tf.mul(d, sigmaMid - sigma)) as tf.Tensor4D;
                const d2 = toD(x2, sigmaMid, ctx.denoise(x2, sigmaMid));
                return tf.add(tf.add(x, tf.mul(d2, sigmaDown - sigma)), tf.mul(noise, sigmaUp)) as tf.Tensor4D;
            });
        } finally {
            noise.dispose();
        }
    });

/**
 * `linear_multistep_coeff`: the integral over [t_i, t_{i+1}] of the Lagrange basis polynomial
 * of node j. ComfyUI integrates numerically (scipy quad); the polynomial has degree <= 3, which
 * 3-point Gauss-Legendre integrates exactly.
 */
export function linearMultistepCoeff(order: number, t: ArrayLike<number>, i: number, j: number): number {
    if (order - 1 > i) throw new RangeError(`order ${order} too high for step ${i}`);
    const basis = (tau: number): number => {
        let prod = 1;
        for (let k = 0; k < order; k++) {
            if (k !== j) prod *= (tau - t[i - k]) / (t[i - j] - t[i - k]);
        }
        return prod;
    };
    const a = t[i];
    const b = t[i + 1];
    const half = (b - a) / 2;
    const mid = (a + b) / 2;
    const node = Math.sqrt(3 / 5);
    return half * ((5 / 9) * basis(mid - half * node) + (8 / 9) * basis(mid) + (5 / 9) * basis(mid + half * node));
}

/** `sample_lms` (order 4): Adams-Bashforth on the sigma grid; the last step to 0 returns denoised. */
function lms(order = 4): Integrator {
    const ds: tf.Tensor4D[] = [];
    return {
        step(i, x, denoised, sigmas) {
            ds.push(tf.tidy(() => toD(x, sigmas[i], denoised)));
            if (ds.length > order) ds.shift()?.dispose();
            if (sigmas[i + 1] === 0) return denoised.clone();
            const curOrder = Math.min(i + 1, order);
            return tf.tidy(() => {
                let out: tf.Tensor = x;
                for (let j = 0; j < curOrder; j++) out = tf.add(out, tf.mul(ds[ds.length - 1 - j], linearMultistepCoeff(curOrder, sigmas, i, j)));
                return out as tf.Tensor4D;
            });
        },
        dispose() {
            for (const d of ds.splice(0)) d.dispose();
        },
    };
}

/**
 * `sample_dpmpp_2m`: DPM-Solver++(2M) in t = -log sigma. exp(-h) is sigma_next / sigma, so the
 * update is an interpolation between x and the (extrapolated) denoised estimate.
 */
function dpmpp2m(): Integrator {
    let old: tf.Tensor4D | undefined;
    return {
        step(i, x, denoised, sigmas) {
            const sigma = sigmas[i];
            const next = sigmas[i + 1];
            const ratio = next / sigma;
            const out = tf.tidy(() => {
                let target: tf.Tensor = denoised;
                if (old !== undefined && next !== 0) {
                    const h = Math.log(sigma) - Math.log(next);
                    const hLast = Math.log(sigmas[i - 1]) - Math.log(sigma);
                    const r = hLast / h;
                    target = tf.sub(tf.mul(denoised, 1 + 1 / (2 * r)), tf.mul(old, 1 / (2 * r)));
                }
                // -expm1(-h) = 1 - sigma_next / sigma.
                return tf.add(tf.mul(x, ratio), tf.mul(target, -Math.expm1(Math.log(ratio)))) as tf.Tensor4D;
            });
            old?.dispose();
            old = denoised.clone();
            return out;
        },
        dispose() {
            old?.dispose();
            old = undefined;
        },
    };
}

/**
 * `sample_ddpm` (`generic_step_sampler` + `DDPMSampler_step`): the ancestral DDPM posterior step,
 * done on the variance-preserving x / sqrt(1 + sigma^2) and scaled back.
 */
const ddpm = (): Integrator =>
    stateless((i, x, denoised, sigmas, ctx) => {
        const sigma = sigmas[i];
        const prev = sigmas[i + 1];
        const acp = 1 / (sigma * sigma + 1);
        const acpPrev = 1 / (prev * prev + 1);
        const alpha = acp / acpPrev;
        const noise = prev > 0 ? ctx.noise(x) : undefined;
        try {
            return tf.tidy(() => {
                const eps = toD(x, sigma, denoised);
                const xVp = tf.div(x, Math.sqrt(1 + sigma * sigma));
                let mu = tf.mul(tf.sub(xVp, tf.mul(eps, (1 - alpha) / Math.sqrt(1 - acp))), Math.sqrt(1 / alpha));
                if (noise) mu = tf.add(mu, tf.mul(noise, Math.sqrt(((1 - alpha) * (1 - acpPrev)) / (1 - acp))));
                return (prev !== 0 ? tf.mul(mu, Math.sqrt(1 + prev * prev)) : mu) as tf.Tensor4D;
            });
        } finally {
            noise?.dispose();
        }
    });

const INTEGRATORS: Record<SamplerName, () => Integrator> = {
    euler,
    euler_ancestral: eulerAncestral,
    heun,
    dpm_2: dpm2,
    dpm_2_ancestral: dpm2Ancestral,
    lms: () => lms(),
    dpmpp_2m: dpmpp2m,
    ddpm,
    ddim: euler,
};

export function assertSamplerName(name: string): asserts name is SamplerName {
    if (!isSamplerName(name)) throw new FlowError(`unknown sampler '${name}'; valid samplers: ${SAMPLER_NAMES.join(', ')}`, 'unknown-sampler');
}

/**
 * Run sampler `name` from x (already noised to sigmas[0]) down the sigmas. Resolves to a new
 * tensor; x itself is left alone.
 */
export async function sample(name: string, denoiser: Denoiser, x: tf.Tensor4D, sigmas: Float64Array, options: SampleOptions = {}): Promise<tf.Tensor4D> {
    assertSamplerName(name);
    const rng = options.rng;
    if (STOCHASTIC_SAMPLERS.has(name) && rng === undefined) throw new FlowError(`sampler '${name}' needs a noise source (options.rng)`);
    const ctx: StepContext = {
        denoise: denoiser,
        noise: like => tf.tensor(normalArray(like.size, rng!), like.shape) as tf.Tensor4D,
    };
    const integrator = INTEGRATORS[name]();
    const total = sigmas.length - 1;
    let current = x.clone();
    try {
        for (let i = 0; i < total; i++) {
            throwIfAborted(options.signal);
            const denoised = denoiser(current, sigmas[i]);
            try {
                if (options.onStep) await options.onStep(i, total, current, denoised);
                throwIfAborted(options.signal);
                const next = integrator.step(i, current, denoised, sigmas, ctx);
                current.dispose();
                current = next;
            } finally {
                denoised.dispose();
            }
        }
        return current;
    } catch (e) {
        current.dispose();
        throw e;
    } finally {
        integrator.dispose();
    }
}
