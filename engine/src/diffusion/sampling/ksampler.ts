/**
 * ComfyUI's KSampler / KSamplerAdvanced nodes (nodes.py `common_ksampler`, comfy/sample.py
 * `prepare_noise`/`sample`, comfy/samplers.py `KSampler`, `CFGGuider`, `KSAMPLER.sample`,
 * `KSamplerX0Inpaint`) over our MODEL/CONDITIONING/LATENT values.
 *
 * The one deliberate difference: noise comes from our seeded RNG (util/rng.ts), not torch's
 * generator, and is laid out NHWC, so a seed gives other numbers than in ComfyUI, but the same
 * numbers on every TF.js backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import { FlowError } from '../../errors.js';
import { createRng, normalArray, type Rng } from '../../util/rng.js';
import type { Conditioning, ConditioningEntry, DiffusionModel, Latent } from '../contracts.js';
import { cfgDenoiser, type EntryPredictor } from './guidance.js';
import { ModelSamplingDiscrete } from './model-sampling.js';
import { assertSamplerName, sample, type Denoiser, type SamplerName, type StepCallback } from './samplers.js';
import { calculateSigmas, isSchedulerName, SCHEDULER_NAMES } from './schedulers.js';

export interface KSampleArgs {
    readonly model: DiffusionModel;
    readonly seed: number;
    readonly steps: number;
    readonly cfg: number;
    readonly samplerName: string;
    readonly scheduler: string;
    readonly positive: Conditioning;
    readonly negative: Conditioning;
    readonly latent: Latent;
    /** Fraction of the schedule to run (img2img strength); 0 returns the latent unchanged. */
    readonly denoise?: number;
    /** KSamplerAdvanced `add_noise`: false samples the latent as it is (e.g. a leftover-noise latent). */
    readonly addNoise?: boolean;
    /** KSamplerAdvanced `start_at_step` / `end_at_step`, indices into the step list. */
    readonly startStep?: number;
    readonly endStep?: number;
    /** KSamplerAdvanced `return_with_leftover_noise`: stop at endStep's sigma instead of forcing it to 0. */
    readonly returnWithLeftoverNoise?: boolean;
    readonly onStep?: StepCallback;
    readonly signal?: AbortSignal;
}

/** ComfyUI `KSampler.DISCARD_PENULTIMATE_SIGMA_SAMPLERS`: they would waste their last model call. */
const DISCARD_PENULTIMATE: ReadonlySet<string> = new Set(['dpm_2', 'dpm_2_ancestral']);

/** `KSampler.calculate_sigmas` + `KSampler.set_steps`: the schedule for `steps` at `denoise`. */
export function kSamplerSigmas(ms: ModelSamplingDiscrete, scheduler: string, samplerName: string, steps: number, denoise = 1): Float64Array {
    const forSteps = (n: number): Float64Array => {
        if (!DISCARD_PENULTIMATE.has(samplerName)) return calculateSigmas(ms, scheduler, n);
        const s = calculateSigmas(ms, scheduler, n + 1);
        return Float64Array.from([...s.subarray(0, s.length - 2), s[s.length - 1]]);
    };
    if (denoise > 0.9999) return forSteps(steps);
    if (denoise <= 0) return new Float64Array(0);
    // A partial denoise runs the tail of a longer schedule, so its steps stay as fine as a full run's.
    const all = forSteps(Math.floor(steps / denoise));
    return all.slice(Math.max(0, all.length - (steps + 1)));
}

/** `KSampler.sample`'s start/last step handling (KSamplerAdvanced). Undefined means "return the latent". */
export function advancedSigmas(sigmas: Float64Array, startStep: number | undefined, endStep: number | undefined, forceFullDenoise: boolean): Float64Array | undefined {
    let s = sigmas;
    if (endStep !== undefined && endStep < s.length - 1) {
        s = s.slice(0, endStep + 1);
        if (forceFullDenoise) s[s.length - 1] = 0;
    }
    if (startStep !== undefined) {
        if (startStep < s.length - 1) s = s.slice(startStep);
        else return undefined;
    }
    return s;
}

function checkWholeNumber(name: string, v: number | undefined): void {
    if (v !== undefined && !(Number.isInteger(v) && v >= 0)) throw new FlowError(`${name} must be a whole number >= 0, got ${v}`);
}

function validate(args: KSampleArgs): void {
    assertSamplerName(args.samplerName);
    if (!isSchedulerName(args.scheduler)) {
        throw new FlowError(`unknown scheduler '${args.scheduler}'; valid schedulers: ${SCHEDULER_NAMES.join(', ')}`, 'unknown-scheduler');
    }
    checkWholeNumber('steps', args.steps);
    checkWholeNumber('startStep', args.startStep);
    checkWholeNumber('endStep', args.endStep);
    if (!Number.isFinite(args.cfg)) throw new FlowError(`cfg must be a finite number, got ${args.cfg}`);
    if (!(Number.isInteger(args.seed) && args.seed >= 0)) throw new FlowError(`seed must be a whole number >= 0, got ${args.seed}`);
    const denoise = args.denoise ?? 1;
    if (!(denoise >= 0 && denoise <= 1)) throw new FlowError(`denoise must be between 0 and 1, got ${denoise}`);
    const [, h, w, c] = args.latent.samples.shape;
    if (c !== args.model.channels) throw new FlowError(`the latent has ${c} channels but the model expects ${args.model.channels}`, 'shape-mismatch');
    const mask = args.latent.noiseMask;
    const n = args.latent.samples.shape[0];
    if (mask && ((mask.shape[0] !== 1 && mask.shape[0] !== n) || mask.shape[1] !== h || mask.shape[2] !== w || mask.shape[3] !== 1)) {
        throw new FlowError(`the latent noise mask is [${mask.shape.join(', ')}], expected [${n === 1 ? 1 : `1 or ${n}`}, ${h}, ${w}, 1]`, 'shape-mismatch');
    }
}

/** An entry's context and mask with the latent's batch size (a single prompt is shared by all). */
function batchedText(entry: ConditioningEntry, n: number, contextDim: number): { context: tf.Tensor3D; mask: tf.Tensor2D } {
    const [b, , dim] = entry.context.shape;
    if (dim !== contextDim) throw new FlowError(`conditioning '${entry.text}' has context width ${dim} but the model expects ${contextDim}`, 'shape-mismatch');
    if (b === n) return { context: entry.context.clone(), mask: entry.mask.clone() };
    if (b !== 1) throw new FlowError(`conditioning '${entry.text}' has batch ${b}, which does not match the latent batch ${n}`, 'shape-mismatch');
    return { context: tf.tile(entry.context, [n, 1, 1]), mask: tf.tile(entry.mask, [n, 1]) };
}

/**
 * BaseModel.apply_model for a list of entries: scale the input, map sigma to its fractional
 * timestep, run the network and turn eps/v into denoised. Entries with equal token counts share
 * one network call, their copies of x stacked along the batch (ComfyUI `calc_cond_batch`).
 * `dispose` frees the batched text tensors.
 */
export function modelEntryPredictor(model: DiffusionModel, ms: ModelSamplingDiscrete, batch: number): EntryPredictor & { dispose(): void } {
    const texts = new Map<ConditioningEntry, { context: tf.Tensor3D; mask: tf.Tensor2D }>();
    const textOf = (e: ConditioningEntry) => {
        let t = texts.get(e);
        if (!t) {
            // Kept: a first call can come from inside a sampler's tidy (Heun's corrector), which
            // would otherwise free the cache at its end.
            const made = batchedText(e, batch, model.contextDim);
            t = { context: tf.keep(made.context), mask: tf.keep(made.mask) };
            texts.set(e, t);
        }
        return t;
    };
    const predict: EntryPredictor = (x, sigma, entries) => {
        const groups = new Map<number, number[]>();
        entries.forEach((e, i) => {
            const tokens = e.context.shape[1];
            groups.set(tokens, [...(groups.get(tokens) ?? []), i]);
        });
        for (const e of entries) textOf(e);
        return tf.tidy(() => {
            const out: tf.Tensor4D[] = new Array(entries.length);
            const xIn = ms.calculateInput(sigma, x);
            const t = ms.sigmaToT(sigma);
            for (const idx of groups.values()) {
                const k = idx.length;
                const stack = <T extends tf.Tensor>(ts: T[]): T => (k === 1 ? ts[0] : (tf.concat(ts, 0) as T));
                const xb = stack(idx.map(() => xIn));
                const raw = model.apply(
                    xb,
                    tf.fill([xb.shape[0]], t) as tf.Tensor1D,
                    stack(idx.map(i => textOf(entries[i]).context)),
                    stack(idx.map(i => textOf(entries[i]).mask)),
                );
                if (!tf.util.arraysEqual(raw.shape, xb.shape)) {
                    throw new FlowError(`the model returned [${raw.shape.join(', ')}] for an input of [${xb.shape.join(', ')}]`, 'shape-mismatch');
                }
                const denoised = ms.calculateDenoised(sigma, raw, stack(idx.map(() => x)));
                const parts = k === 1 ? [denoised] : (tf.split(denoised, k, 0) as tf.Tensor4D[]);
                idx.forEach((i, j) => (out[i] = parts[j]));
            }
            return out;
        });
    };
    return Object.assign(predict, {
        dispose() {
            for (const t of texts.values()) tf.dispose([t.context, t.mask]);
            texts.clear();
        },
    });
}

/**
 * `KSamplerX0Inpaint`: outside the mask the sample is pinned to the latent, noised to the
 * current sigma, and the denoised estimate there is the latent itself.
 */
function inpaintDenoiser(inner: Denoiser, mask: tf.Tensor4D, latent: tf.Tensor4D, noise: tf.Tensor4D): Denoiser {
    return (x, sigma) =>
        tf.tidy(() => {
            const keep = tf.sub(1, mask);
            const pinned = tf.add(tf.mul(x, mask), tf.mul(tf.add(latent, tf.mul(noise, sigma)), keep)) as tf.Tensor4D;
            return tf.add(tf.mul(inner(pinned, sigma), mask), tf.mul(latent, keep)) as tf.Tensor4D;
        });
}

/**
 * ComfyUI seeds go up to 2^64 but our RNG takes 32 bits: fold the high bits in, so seeds that
 * differ only above bit 32 still differ (below 2^32 the seed is used as it is).
 */
function seed32(seed: number): number {
    return ((seed % 2 ** 32) ^ Math.floor(seed / 2 ** 32)) >>> 0;
}

/** `prepare_noise`: standard normal noise of the latent's shape from `rng`. */
function noiseLike(latent: tf.Tensor4D, rng: Rng): tf.Tensor4D {
    return tf.tensor4d(normalArray(latent.size, rng), latent.shape);
}

/** KSampler (KSamplerAdvanced with its extra inputs): resolves to the sampled latent [n, h, w, c]. */
export async function ksample(args: KSampleArgs): Promise<tf.Tensor4D> {
    validate(args);
    const samplerName = args.samplerName as SamplerName;
    const latent = args.latent.samples;
    const ms = new ModelSamplingDiscrete(args.model.alphasCumprod, args.model.prediction);
    const full = kSamplerSigmas(ms, args.scheduler, samplerName, args.steps, args.denoise ?? 1);
    const sigmas = advancedSigmas(full, args.startStep, args.endStep, !(args.returnWithLeftoverNoise ?? false));
    if (sigmas === undefined || sigmas.length === 0) return latent.clone();

    // One stream per run: the initial noise first, then whatever the sampler draws per step.
    const rng = createRng(seed32(args.seed));
    const noise = args.addNoise ?? true ? noiseLike(latent, rng) : tf.zerosLike(latent);
    const predictor = modelEntryPredictor(args.model, ms, latent.shape[0]);
    // ComfyUI's `ddim` draws the inpainting noise from seed + 1 instead of reusing the initial noise.
    const inpaintNoise = args.latent.noiseMask && samplerName === 'ddim' ? noiseLike(latent, createRng(seed32(args.seed + 1))) : undefined;
    const x = ms.noiseScaling(sigmas[0], noise, latent, ms.isMaxDenoise(sigmas[0]));
    try {
        let denoiser = cfgDenoiser(predictor, args.positive, args.negative, args.cfg);
        if (args.latent.noiseMask) denoiser = inpaintDenoiser(denoiser, args.latent.noiseMask, latent, inpaintNoise ?? noise);
        return await sample(samplerName, denoiser, x, sigmas, { rng, onStep: args.onStep, signal: args.signal });
    } finally {
        tf.dispose([noise, x]);
        inpaintNoise?.dispose();
        predictor.dispose();
    }
}
