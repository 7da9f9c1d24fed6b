/**
 * ComfyUI's sampler maths against closed forms: schedules against numbers computed with numpy
 * and scipy from ComfyUI's formulas, and every sampler x scheduler against the exact denoisers
 * of a Gaussian and of a two-component Gaussian mixture, whose samples' moments are known.
 */
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { CancelledError, FlowError } from '../../engine/src/errors.js';
import { createRng, normalArray } from '../../engine/src/util/rng.js';
import type { Conditioning, ConditioningEntry, DiffusionModel, Latent, Prediction } from '../../engine/src/diffusion/contracts.js';
import {
    advancedSigmas,
    alphasCumprodOf,
    betaCdf,
    betaPpf,
    betaSchedule,
    calculateSigmas,
    cfgDenoiser,
    kSamplerSigmas,
    ksample,
    linearMultistepCoeff,
    ModelSamplingDiscrete,
    modelEntryPredictor,
    sample,
    SAMPLER_NAMES,
    SCHEDULER_NAMES,
    type Denoiser,
} from '../../engine/src/diffusion/sampling/index.js';

const linearMs = () => new ModelSamplingDiscrete(alphasCumprodOf(betaSchedule('linear')), 'eps');

function close(actual: number, expected: number, relTol: number, what: string): void {
    assert.ok(Math.abs(actual - expected) <= relTol * Math.abs(expected), `${what}: ${actual} vs ${expected}`);
}

function moments(t: tf.Tensor): { mean: number; variance: number } {
    const v = t.dataSync();
    let m = 0;
    for (const a of v) m += a;
    m /= v.length;
    let s = 0;
    for (const a of v) s += (a - m) ** 2;
    return { mean: m, variance: s / v.length };
}

/** N standard normals with sample mean exactly 0 and variance exactly 1, so only the sampler errs. */
function standardNormals(n: number, seed: number): Float32Array {
    const z = normalArray(n, createRng(seed));
    const { mean, variance } = moments(tf.tensor1d(z));
    return z.map(v => (v - mean) / Math.sqrt(variance));
}

/** Exact denoiser of N(mu, s^2) per element: the posterior mean E[x0 | x0 + sigma * n = x]. */
function gaussianDenoiser(mu: number, s: number): Denoiser {
    return (x, sigma) => tf.tidy(() => tf.add(mu, tf.mul(tf.sub(x, mu), (s * s) / (s * s + sigma * sigma))) as tf.Tensor4D);
}

/** Mixture 0.3 N(-1.5, 0.4^2) + 0.7 N(1, 0.3^2): mean 0.25, variance 1.4235. */
const MIX = { w: [0.3, 0.7], mu: [-1.5, 1.0], s: [0.4, 0.3], mean: 0.25, variance: 1.4235 };

/** Its exact denoiser: responsibilities of the noised components times their posterior means. */
const mixtureDenoiser: Denoiser = (x, sigma) =>
    tf.tidy(() => {
        const parts = [0, 1].map(k => {
            const v = MIX.s[k] ** 2 + sigma * sigma;
            const dx = tf.sub(x, MIX.mu[k]);
            const logR = tf.sub(Math.log(MIX.w[k]) - 0.5 * Math.log(v), tf.div(tf.square(dx), 2 * v));
            const post = tf.add(MIX.mu[k], tf.mul(dx, MIX.s[k] ** 2 / v));
            return { logR, post };
        });
        const r0 = tf.sigmoid(tf.sub(parts[0].logR, parts[1].logR));
        return tf.add(tf.mul(r0, parts[0].post), tf.mul(tf.sub(1, r0), parts[1].post)) as tf.Tensor4D;
    });

/** Variance of D(x, L) for x from the mixture's marginal at L (midpoint rule on [-12, 12]). */
function mixtureDenoisedVariance(L: number): number {
    let m1 = 0;
    let m2 = 0;
    const h = 1e-3;
    for (let x = -12 + h / 2; x < 12; x += h) {
        let p = 0;
        let pd = 0;
        for (let k = 0; k < 2; k++) {
            const v = MIX.s[k] ** 2 + L * L;
            const pk = (MIX.w[k] * Math.exp(-((x - MIX.mu[k]) ** 2) / (2 * v))) / Math.sqrt(2 * Math.PI * v);
            p += pk;
            pd += pk * (MIX.mu[k] + (MIX.s[k] ** 2 / v) * (x - MIX.mu[k]));
        }
        const d = pd / p;
        m1 += p * d * h;
        m2 += p * d * d * h;
    }
    return m2 - m1 * m1;
}

const SHAPE: [number, number, number, number] = [4, 32, 32, 1];
const N = 4 * 32 * 32;

/** Exact samples of the Gaussian's marginal at sigma0: mu + sqrt(s^2 + sigma0^2) z. */
function gaussianStart(mu: number, s: number, sigma0: number): tf.Tensor4D {
    const z = standardNormals(N, 7);
    return tf.tensor4d(z.map(v => mu + Math.sqrt(s * s + sigma0 * sigma0) * v), SHAPE);
}

/** Exact samples of the mixture's marginal at sigma0: 30% from the first component, 70% from the second. */
function mixtureStart(sigma0: number): tf.Tensor4D {
    const cut = Math.round(MIX.w[0] * N);
    const z = [standardNormals(cut, 11), standardNormals(N - cut, 13)];
    const x = new Float32Array(N);
    for (let i = 0; i < N; i++) {
        const k = i < cut ? 0 : 1;
        x[i] = MIX.mu[k] + Math.sqrt(MIX.s[k] ** 2 + sigma0 * sigma0) * z[k][k === 0 ? i : i - cut];
    }
    return tf.tensor4d(x, SHAPE);
}

/** Run the enclosing suite on the cpu backend, then give back whatever backend other suites chose. */
function onCpu(): void {
    let previous: string | undefined;
    before(async () => {
        previous = tf.getBackend();
        await tf.setBackend('cpu');
    });
    after(async () => {
        if (previous !== undefined && previous !== 'cpu') await tf.setBackend(previous);
    });
}

describe('diffusion sampling: schedules (ComfyUI formulas, reference numbers from numpy/scipy)', () => {
    onCpu();
    it('linear and cosine beta schedules give the known first and last sigmas', () => {
        const ms = linearMs();
        close(ms.sigmaMin, 0.029167158151720367, 1e-12, 'linear sigma_min');
        close(ms.sigmaMax, 14.614641229333639, 1e-12, 'linear sigma_max');
        close(ms.sigmas[500], 1.6182788260186167, 1e-12, 'linear sigma_500');
        const cosine = betaSchedule('cosine');
        assert.equal(cosine[999], 0.999, 'the last cosine beta is clipped');
        const mc = new ModelSamplingDiscrete(alphasCumprodOf(cosine), 'eps');
        close(mc.sigmaMin, 0.006425412771142061, 1e-10, 'cosine sigma_min');
        close(mc.sigmaMax, 20291.169610019897, 1e-8, 'cosine sigma_max');
    });

    it('sigmaToT inverts tToSigma on fractional timesteps and clamps outside the table', () => {
        const ms = linearMs();
        for (const t of [0, 0.25, 1.5, 17.3, 500, 998.75, 999]) close(ms.sigmaToT(ms.tToSigma(t)) + 1, t + 1, 1e-12, `t=${t}`);
        assert.equal(ms.sigmaToT(ms.sigmaMax * 2), 999);
        assert.equal(ms.sigmaToT(ms.sigmaMin / 2), 0);
        assert.equal(ms.tToSigma(0), ms.sigmaMin);
    });

    it('karras, exponential and normal match get_sigmas_karras / get_sigmas_exponential / normal_scheduler', () => {
        const ms = linearMs();
        const k = calculateSigmas(ms, 'karras', 20);
        assert.equal(k.length, 21);
        close(k[0], 14.614641229333639, 1e-12, 'karras[0]');
        close(k[1], 11.725364849528342, 1e-12, 'karras[1]');
        close(k[10], 1.0907858676660929, 1e-12, 'karras[10]');
        close(k[19], 0.02916715815172038, 1e-12, 'karras[19]');
        assert.equal(k[20], 0);
        const e = calculateSigmas(ms, 'exponential', 20);
        close(e[1], 10.536308351529145, 1e-12, 'exponential[1]');
        close(e[10], 0.5543592445556786, 1e-12, 'exponential[10]');
        close(e[19], ms.sigmaMin, 1e-12, 'exponential[19]');
        const n = calculateSigmas(ms, 'normal', 20);
        close(n[1], 10.746802462549871, 1e-12, 'normal[1]');
        close(n[10], 1.4805806095332161, 1e-12, 'normal[10]');
        close(n[19], ms.sigmaMin, 1e-12, 'normal[19]');
        const sgm = calculateSigmas(ms, 'sgm_uniform', 20);
        assert.equal(sgm.length, 21);
        close(sgm[1], ms.tToSigma(999 - 999 / 20), 1e-12, 'sgm_uniform[1]');
        assert.ok(sgm[19] > ms.sigmaMin, 'sgm_uniform never visits sigma_min');
    });

    it('simple, ddim_uniform and beta pick the table entries ComfyUI picks', () => {
        const ms = linearMs();
        const picks = (name: string, steps: number) => Array.from(calculateSigmas(ms, name, steps).slice(0, -1), s => ms.sigmas.indexOf(s));
        assert.deepEqual(picks('simple', 20), [999, 949, 899, 849, 799, 749, 699, 649, 599, 549, 499, 449, 399, 349, 299, 249, 199, 149, 99, 49]);
        assert.deepEqual(picks('ddim_uniform', 20), [951, 901, 851, 801, 751, 701, 651, 601, 551, 501, 451, 401, 351, 301, 251, 201, 151, 101, 51, 1]);
        assert.equal(calculateSigmas(ms, 'ddim_uniform', 30).length, 32, '1000 // 30 = 33 gives 31 steps, as in ComfyUI');
        assert.deepEqual(picks('beta', 20), [999, 986, 959, 922, 876, 823, 765, 703, 637, 569, 500, 430, 362, 296, 234, 176, 123, 77, 40, 13]);
        assert.deepEqual(
            picks('beta', 30),
            [999, 993, 979, 959, 936, 908, 876, 842, 805, 765, 724, 681, 637, 591, 546, 500, 453, 408, 362, 318, 275, 234, 194, 157, 123, 91, 63, 40, 20, 6],
        );
    });

    it('the Beta quantile matches scipy.stats.beta.ppf and closed forms', () => {
        close(betaPpf(0.1, 0.6, 0.6), 0.03958440558878085, 1e-9, 'ppf(0.1)');
        close(betaPpf(0.25, 0.6, 0.6), 0.17568037865269498, 1e-9, 'ppf(0.25)');
        close(betaPpf(0.9, 0.6, 0.6), 0.9604155944112192, 1e-9, 'ppf(0.9)');
        close(betaPpf(0.3, 2.5, 1.3), 0.5477329977280231, 1e-9, 'ppf(0.3; 2.5, 1.3)');
        // Beta(1/2, 1/2) is the arcsine law: quantile sin^2(pi p / 2).
        close(betaPpf(0.3, 0.5, 0.5), Math.sin((Math.PI * 0.3) / 2) ** 2, 1e-9, 'arcsine');
        close(betaCdf(0.4, 2, 1), 0.16, 1e-12, 'I_x(2, 1) = x^2');
    });

    it('KSampler: denoise < 1 keeps the tail of a longer schedule; dpm_2 drops the penultimate sigma', () => {
        const ms = linearMs();
        const full = calculateSigmas(ms, 'karras', 20);
        assert.deepEqual(Array.from(kSamplerSigmas(ms, 'karras', 'euler', 10, 0.5)), Array.from(full.slice(10)));
        assert.deepEqual(Array.from(kSamplerSigmas(ms, 'normal', 'euler', 7, 0.3)), Array.from(calculateSigmas(ms, 'normal', 23).slice(-8)));
        assert.equal(kSamplerSigmas(ms, 'karras', 'euler', 20, 0).length, 0);
        const longer = calculateSigmas(ms, 'karras', 21);
        assert.deepEqual(Array.from(kSamplerSigmas(ms, 'karras', 'dpm_2', 20)), [...Array.from(longer.slice(0, 20)), 0]);
        // KSamplerAdvanced: end early (forcing 0 unless leftover noise is asked for), start late.
        assert.deepEqual(Array.from(advancedSigmas(full, undefined, 5, true)!), [...Array.from(full.slice(0, 5)), 0]);
        assert.deepEqual(Array.from(advancedSigmas(full, 5, 12, false)!), Array.from(full.slice(5, 13)));
        assert.equal(advancedSigmas(full, 20, undefined, true), undefined);
    });

    it('the LMS coefficients integrate the Lagrange basis exactly', () => {
        // Order 1 is Euler: the integral of 1 over the step.
        close(linearMultistepCoeff(1, [3, 2], 0, 0), -1, 1e-15, 'order 1');
        // The coefficients of any order sum to the step length (the basis sums to 1).
        const t = [10, 6, 3.5, 2, 1.2];
        let sum = 0;
        for (let j = 0; j < 4; j++) sum += linearMultistepCoeff(4, t, 3, j);
        close(sum, t[4] - t[3], 1e-12, 'order 4 sum');
    });
});

describe('diffusion sampling: every sampler x scheduler reaches the data distribution', function () {
    this.timeout(120_000);
    onCpu();
    const ms = linearMs();
    const MU = 0.7;
    const SD = 0.5;

    // Every ComfyUI sampler ends with a step from the last nonzero sigma L to 0 that returns the
    // denoised estimate D(x, L), the posterior mean, which is narrower than the data (by
    // s^2 / (s^2 + L^2) for the Gaussian: 0.3% at sigma_min = 0.029, 17% at `simple`'s L = 0.22).
    // A perfect integrator therefore outputs the law of D(x_L, L) for x_L from the exact marginal
    // at L, and that is the target: variance s^4 / (s^2 + L^2) for the Gaussian, moments by
    // quadrature for the mixture; both means are the data means.
    async function gaussianErrors(sampler: string, sigmas: Float64Array) {
        const last = sigmas[sigmas.length - 2];
        const x0 = gaussianStart(MU, SD, sigmas[0]);
        const g = await sample(sampler, gaussianDenoiser(MU, SD), x0, sigmas, { rng: createRng(3) });
        const gm = moments(g);
        tf.dispose([x0, g]);
        return { gaussMean: gm.mean - MU, gaussVar: gm.variance / (SD ** 4 / (SD * SD + last * last)) - 1 };
    }

    async function errors(sampler: string, sigmas: Float64Array) {
        const y0 = mixtureStart(sigmas[0]);
        const m = await sample(sampler, mixtureDenoiser, y0, sigmas, { rng: createRng(5) });
        const mm = moments(m);
        tf.dispose([y0, m]);
        const mixVar = mm.variance / mixtureDenoisedVariance(sigmas[sigmas.length - 2]) - 1;
        return { ...(await gaussianErrors(sampler, sigmas)), mixMean: mm.mean - MIX.mean, mixVar };
    }

    // The starting samples are exact and standardised (per mixture component), so what remains is
    // the sampler's own error at 20 steps: discretisation, and for the ancestral samplers the
    // noise they add (standard error of a variance from 4096 samples: 2.2%). Relative variance
    // tolerances follow the method (measured worst cases over the 7 schedulers in brackets):
    // - second order (heun, dpm_2, dpm_2_ancestral, lms, dpmpp_2m): 5% [Gaussian 2.9%, mixture 2.0%];
    // - first-order ODE (euler, ddim = euler): Gaussian 25% [22%], mixture 12% [10%]; these errors
    //   halve when the steps double (the convergence test below), so they are discretisation;
    // - ancestral first order (euler_ancestral, ddpm, which are the same update): Gaussian 40%
    //   [37%], mixture 20% [16%]: a posterior-mean step re-noised loses spread at coarse steps;
    // - dpmpp_2m on `normal` and `ddim_uniform`: 35% [29%, 20%]: their last step (e.g. sigma 0.23 ->
    //   0.029) is 4-5x longer in log sigma than the one before, and 2M's extrapolation by
    //   1 / (2r) with r = h_last / h overshoots there (same in ComfyUI).
    // Means: the Gaussian's within 0.02 s (the ODE is affine, so only added noise moves it);
    // the mixture's within 0.03 [0.015], 0.04 for euler/ddim [0.027], 0.08 for euler_ancestral/ddpm [0.070].
    // A wrong derivative, step size, schedule or noise scale misses these by far more.
    function tolerance(sampler: string, scheduler: string): { gaussVar: number; mixVar: number; mixMean: number } {
        if (sampler === 'euler' || sampler === 'ddim') return { gaussVar: 0.25, mixVar: 0.12, mixMean: 0.04 };
        if (sampler === 'euler_ancestral' || sampler === 'ddpm') return { gaussVar: 0.4, mixVar: 0.2, mixMean: 0.08 };
        if (sampler === 'dpmpp_2m' && (scheduler === 'normal' || scheduler === 'ddim_uniform')) return { gaussVar: 0.35, mixVar: 0.06, mixMean: 0.03 };
        return { gaussVar: 0.05, mixVar: 0.05, mixMean: 0.03 };
    }

    for (const sampler of SAMPLER_NAMES) {
        it(`${sampler} with each scheduler (20 steps)`, async () => {
            for (const scheduler of SCHEDULER_NAMES) {
                const e = await errors(sampler, kSamplerSigmas(ms, scheduler, sampler, 20));
                const line = `${sampler}/${scheduler}: ` + Object.entries(e).map(([k, v]) => `${k} ${v.toFixed(4)}`).join(', ');
                if (process.env.SAMPLING_REPORT) console.log(line);
                const tol = tolerance(sampler, scheduler);
                assert.ok(Math.abs(e.gaussMean) <= 0.02 * SD, line);
                assert.ok(Math.abs(e.gaussVar) <= tol.gaussVar, line);
                assert.ok(Math.abs(e.mixMean) <= tol.mixMean, line);
                assert.ok(Math.abs(e.mixVar) <= tol.mixVar, line);
            }
        });
    }

    it('errors shrink at the method order when the steps quadruple (karras, Gaussian)', async () => {
        // First order: error / 4 ideally; second order: / 16. Ancestral ones have a noise floor.
        const minRatio: Record<string, number> = { euler: 3, ddim: 3, euler_ancestral: 3, ddpm: 3, heun: 10, dpm_2: 10, lms: 10, dpmpp_2m: 10, dpm_2_ancestral: 5 };
        for (const sampler of SAMPLER_NAMES) {
            const coarse = await gaussianErrors(sampler, kSamplerSigmas(ms, 'karras', sampler, 20));
            const fine = await gaussianErrors(sampler, kSamplerSigmas(ms, 'karras', sampler, 80));
            const ratio = Math.abs(coarse.gaussVar) / Math.abs(fine.gaussVar);
            assert.ok(ratio >= minRatio[sampler], `${sampler}: ${coarse.gaussVar} at 20 steps, ${fine.gaussVar} at 80`);
        }
    });

    it('keeps memory flat over a 20-step run and leaks nothing (every sampler)', async () => {
        for (const sampler of SAMPLER_NAMES) {
            const sigmas = kSamplerSigmas(ms, 'karras', sampler, 20);
            const x0 = gaussianStart(0, 1, sigmas[0]);
            const before = tf.memory().numTensors;
            const counts: number[] = [];
            const out = await sample(sampler, gaussianDenoiser(0, 1), x0, sigmas, {
                rng: createRng(1),
                onStep: () => void counts.push(tf.memory().numTensors),
            });
            assert.equal(counts.length, sigmas.length - 1);
            // LMS keeps up to 4 derivatives, DPM++ 2M one previous estimate: flat from step 5 on.
            assert.deepEqual(counts.slice(5), counts.slice(5).map(() => counts[5]), `${sampler}: ${counts.join(',')}`);
            out.dispose();
            assert.equal(tf.memory().numTensors, before, `${sampler} leaked`);
            x0.dispose();
        }
    });

    it('stops between steps when aborted, throwing CancelledError and leaking nothing', async () => {
        for (const sampler of ['euler', 'lms', 'dpmpp_2m'] as const) {
            const sigmas = kSamplerSigmas(ms, 'normal', sampler, 20);
            const x0 = gaussianStart(0, 1, sigmas[0]);
            const before = tf.memory().numTensors;
            const controller = new AbortController();
            let steps = 0;
            await assert.rejects(
                sample(sampler, gaussianDenoiser(0, 1), x0, sigmas, {
                    signal: controller.signal,
                    onStep: step => {
                        steps++;
                        if (step === 6) controller.abort();
                    },
                }),
                CancelledError,
            );
            assert.equal(steps, 7);
            assert.equal(tf.memory().numTensors, before);
            x0.dispose();
        }
    });

    it('rejects an unknown sampler or scheduler with a FlowError listing the valid names', async () => {
        const x = tf.zeros([1, 2, 2, 1]) as tf.Tensor4D;
        await assert.rejects(sample('euler_a', gaussianDenoiser(0, 1), x, Float64Array.of(1, 0)), (e: unknown) => {
            assert.ok(e instanceof FlowError);
            assert.match(e.message, /euler_a/);
            for (const name of SAMPLER_NAMES) assert.ok(e.message.includes(name), `lists ${name}`);
            return true;
        });
        assert.throws(() => calculateSigmas(ms, 'karas', 20), (e: unknown) => e instanceof FlowError && SCHEDULER_NAMES.every(n => e.message.includes(n)));
        await assert.rejects(sample('ddpm', gaussianDenoiser(0, 1), x, Float64Array.of(1, 0)), FlowError, 'ddpm needs a noise source');
        x.dispose();
    });
});

// ---- KSampler over a MODEL: an exact Gaussian "network" whose data mean is set by the prompt ----

const S = 0.5;

/**
 * A DiffusionModel whose network is exact for data N(mu, S^2), mu = the first context value of
 * each batch item. It undoes the input scaling and the fractional timestep to recover x and
 * sigma, then returns the eps or v that make ModelSamplingDiscrete produce the exact denoised.
 */
function exactModel(prediction: Prediction, log: number[] = []): DiffusionModel {
    const acp = Float32Array.from(alphasCumprodOf(betaSchedule('linear')));
    const ms = new ModelSamplingDiscrete(acp, prediction);
    return {
        kind: 'MODEL',
        prediction,
        alphasCumprod: acp,
        contextDim: 2,
        channels: 1,
        latentDownscale: 1,
        save: () => Promise.reject(new Error('an exact model has no weights')),
        apply(x, timesteps, context) {
            log.push(x.shape[0]);
            const sigma = ms.tToSigma(timesteps.dataSync()[0]);
            const [n, h, w, c] = x.shape;
            return tf.tidy(() => {
                const mu = tf.reshape(tf.slice(context, [0, 0, 0], [n, 1, 1]), [n, 1, 1, 1]);
                const xr = tf.mul(x, Math.sqrt(sigma * sigma + 1));
                const d = tf.add(mu, tf.mul(tf.sub(xr, mu), (S * S) / (S * S + sigma * sigma)));
                const v2 = sigma * sigma + 1;
                const out = prediction === 'eps' ? tf.div(tf.sub(xr, d), sigma) : tf.mul(tf.sub(tf.div(xr, v2), d), Math.sqrt(v2) / sigma);
                return tf.reshape(out, [n, h, w, c]) as tf.Tensor4D;
            });
        },
        dispose: () => undefined,
    };
}

function conditioning(...entries: Array<{ mu: number; tokens?: number; strength?: number }>): Conditioning {
    return {
        kind: 'CONDITIONING',
        entries: entries.map(({ mu, tokens = 3, strength = 1 }): ConditioningEntry => ({
            context: tf.fill([1, tokens, 2], mu) as tf.Tensor3D,
            mask: tf.ones([1, tokens]) as tf.Tensor2D,
            text: `mu=${mu}`,
            strength,
        })),
    };
}

describe('diffusion sampling: guidance and ksample', function () {
    this.timeout(60_000);
    onCpu();
    const seeded = (shape: [number, number, number, number], seed: number, scale = 1) =>
        tf.tensor4d(normalArray(shape.reduce((a, b) => a * b), createRng(seed)).map(v => v * scale), shape);
    const latentShape: [number, number, number, number] = [2, 16, 16, 1];
    const emptyLatent = (): Latent => ({ kind: 'LATENT', samples: tf.zeros(latentShape) as tf.Tensor4D });

    it('CFG extrapolates uncond -> cond, batches equal token counts, and at cfg 1 skips the uncond call', () => {
        const calls: number[] = [];
        const model = exactModel('eps', calls);
        const ms = new ModelSamplingDiscrete(model.alphasCumprod, 'eps');
        const predictor = modelEntryPredictor(model, ms, 2);
        const pos = conditioning({ mu: 1 });
        const neg = conditioning({ mu: -1 });
        const x = seeded(latentShape, 1, 2);
        const sigma = 2.3;
        const at = (mu: number) => gaussianDenoiser(mu, S)(x, sigma);

        const guided = cfgDenoiser(predictor, pos, neg, 4)(x, sigma);
        // D is affine in mu, so guidance at 4 is the denoiser of mu = -1 + 4 (1 - -1) = 7.
        const want = at(7);
        assert.ok(tf.max(tf.abs(tf.sub(guided, want))).dataSync()[0] < 1e-4);
        assert.deepEqual(calls, [4], 'cond and uncond share one call of batch 2 x 2');

        calls.length = 0;
        const unit = cfgDenoiser(predictor, pos, neg, 1)(x, sigma);
        const cond = at(1);
        assert.ok(tf.max(tf.abs(tf.sub(unit, cond))).dataSync()[0] < 1e-4);
        assert.deepEqual(calls, [2], 'cfg 1 never evaluates the negative prompt');
        const condOnly = predictor(x, sigma, pos.entries)[0];
        assert.deepEqual(Array.from(unit.dataSync()), Array.from(condOnly.dataSync()), 'equal to the conditional prediction');

        // Several entries: strength-weighted average (1 * 1 + 3 * 3) / 4 = 2.5; 5 tokens do not batch with 3.
        calls.length = 0;
        const combined = cfgDenoiser(predictor, conditioning({ mu: 1 }, { mu: 3, strength: 3, tokens: 5 }), neg, 1)(x, sigma);
        assert.ok(tf.max(tf.abs(tf.sub(combined, at(2.5)))).dataSync()[0] < 1e-4);
        assert.deepEqual(calls, [2, 2]);
        predictor.dispose();
        tf.dispose([x, guided, want, unit, cond, condOnly, combined]);
    });

    it('eps- and v-prediction exact models give the same samples, at the prompt mean', async () => {
        const run = (prediction: Prediction) =>
            ksample({
                model: exactModel(prediction),
                seed: 42,
                steps: 25,
                cfg: 1,
                samplerName: 'dpmpp_2m',
                scheduler: 'karras',
                positive: conditioning({ mu: 0.8 }),
                negative: conditioning({ mu: 0 }),
                latent: emptyLatent(),
            });
        const eps = await run('eps');
        const v = await run('v');
        assert.ok(tf.max(tf.abs(tf.sub(eps, v))).dataSync()[0] < 1e-3);
        const m = moments(eps);
        // 512 samples, and the start is noise * sqrt(1 + sigma_max^2), not the exact marginal: looser.
        assert.ok(Math.abs(m.mean - 0.8) < 0.1 && Math.abs(m.variance / (S * S) - 1) < 0.2, JSON.stringify(m));
        tf.dispose([eps, v]);
    });

    it('the same seed gives identical samples, another seed different ones, and nothing leaks', async () => {
        const before = tf.memory().numTensors;
        const pos = conditioning({ mu: 0.5 });
        const neg = conditioning({ mu: 0 });
        const latent = emptyLatent();
        const run = (seed: number) =>
            ksample({ model: exactModel('eps'), seed, steps: 12, cfg: 3, samplerName: 'euler_ancestral', scheduler: 'normal', positive: pos, negative: neg, latent });
        const a = await run(1);
        const b = await run(1);
        const c = await run(2);
        assert.deepEqual(Array.from(a.dataSync()), Array.from(b.dataSync()));
        assert.notDeepEqual(Array.from(a.dataSync()), Array.from(c.dataSync()));
        // Seeds beyond 32 bits (ComfyUI allows 64) are folded, not truncated.
        const d = await run(2 ** 32 + 1);
        assert.notDeepEqual(Array.from(a.dataSync()), Array.from(d.dataSync()));
        tf.dispose([a, b, c, d, latent.samples, ...pos.entries.flatMap(e => [e.context, e.mask]), ...neg.entries.flatMap(e => [e.context, e.mask])]);
        assert.equal(tf.memory().numTensors, before);
    });

    it('denoise 0 (or zero steps) returns a copy of the input latent', async () => {
        const latent: Latent = { kind: 'LATENT', samples: seeded(latentShape, 3) };
        for (const over of [{ denoise: 0 }, { steps: 0 }]) {
            const out = await ksample({
                model: exactModel('eps'),
                seed: 1,
                steps: 20,
                cfg: 7,
                samplerName: 'euler',
                scheduler: 'normal',
                positive: conditioning({ mu: 1 }),
                negative: conditioning({ mu: 0 }),
                latent,
                ...over,
            });
            assert.notEqual(out, latent.samples);
            assert.deepEqual(Array.from(out.dataSync()), Array.from(latent.samples.dataSync()));
            out.dispose();
        }
        assert.ok(!latent.samples.isDisposed);
        latent.samples.dispose();
    });

    it('KSamplerAdvanced: steps 0-10 with leftover noise, then 10-20 without new noise, equal one full run', async () => {
        const base = {
            model: exactModel('eps'),
            seed: 9,
            steps: 20,
            cfg: 2,
            samplerName: 'euler',
            scheduler: 'karras',
            positive: conditioning({ mu: 1 }),
            negative: conditioning({ mu: 0 }),
        };
        const full = await ksample({ ...base, latent: emptyLatent() });
        const half = await ksample({ ...base, latent: emptyLatent(), endStep: 10, returnWithLeftoverNoise: true });
        const { variance } = moments(half);
        assert.ok(variance > 1, 'the first half still carries noise');
        const rest = await ksample({ ...base, latent: { kind: 'LATENT', samples: half }, addNoise: false, startStep: 10 });
        assert.ok(tf.max(tf.abs(tf.sub(full, rest))).dataSync()[0] < 1e-4);
        tf.dispose([full, half, rest]);
    });

    it('ksample calls the network once per step: batch n at cfg 1, cond and uncond stacked (2n) otherwise', async () => {
        for (const [cfg, batch] of [
            [1, 2],
            [6, 4],
        ]) {
            const calls: number[] = [];
            const out = await ksample({
                model: exactModel('eps', calls),
                seed: 4,
                steps: 10,
                cfg,
                samplerName: 'euler',
                scheduler: 'simple',
                positive: conditioning({ mu: 1 }),
                negative: conditioning({ mu: 0 }),
                latent: emptyLatent(),
            });
            assert.deepEqual(calls, new Array(10).fill(batch), `cfg ${cfg}`);
            out.dispose();
        }
    });

    it('inpainting (LATENT noise mask): outside the mask the latent comes back, inside it is sampled', async () => {
        const latent = seeded([1, 8, 8, 1], 5);
        const mask = tf.tensor4d(Array.from({ length: 64 }, (_, i) => (i % 8 < 4 ? 1 : 0)), [1, 8, 8, 1]);
        for (const samplerName of ['euler', 'ddim', 'dpmpp_2m']) {
            const out = await ksample({
                model: exactModel('eps'),
                seed: 2,
                steps: 15,
                cfg: 1,
                samplerName,
                scheduler: 'karras',
                positive: conditioning({ mu: 3 }),
                negative: conditioning({ mu: 0 }),
                latent: { kind: 'LATENT', samples: latent, noiseMask: mask },
            });
            const o = out.dataSync();
            const l = latent.dataSync();
            let inside = 0;
            for (let i = 0; i < 64; i++) {
                if (i % 8 < 4) inside += o[i] / 32;
                else assert.ok(Math.abs(o[i] - l[i]) < 1e-5, `${samplerName}: kept pixel ${i}`);
            }
            assert.ok(Math.abs(inside - 3) < 0.4, `${samplerName}: the masked half is sampled at the prompt mean, got ${inside}`);
            out.dispose();
        }
        tf.dispose([latent, mask]);
    });

    it('ksample aborts with CancelledError, reports every step, and validates its inputs', async () => {
        const before = tf.memory().numTensors;
        const pos = conditioning({ mu: 1 });
        const neg = conditioning({ mu: 0 });
        const latent = emptyLatent();
        const base = { model: exactModel('v'), seed: 1, steps: 20, cfg: 5, samplerName: 'heun', scheduler: 'exponential', positive: pos, negative: neg, latent };
        const controller = new AbortController();
        const seen: string[] = [];
        await assert.rejects(
            ksample({
                ...base,
                signal: controller.signal,
                onStep: (step, total) => {
                    seen.push(`${step}/${total}`);
                    if (step === 3) controller.abort();
                },
            }),
            CancelledError,
        );
        assert.deepEqual(seen, ['0/20', '1/20', '2/20', '3/20']);
        await assert.rejects(ksample({ ...base, samplerName: 'k_euler' }), (e: unknown) => e instanceof FlowError && /valid samplers: euler, euler_ancestral/.test(e.message));
        await assert.rejects(ksample({ ...base, scheduler: 'Karras' }), (e: unknown) => e instanceof FlowError && /valid schedulers: simple/.test(e.message));
        await assert.rejects(ksample({ ...base, denoise: 1.5 }), FlowError);
        await assert.rejects(ksample({ ...base, seed: -1 }), FlowError);
        await assert.rejects(ksample({ ...base, steps: 2.5 }), FlowError);
        await assert.rejects(ksample({ ...base, latent: { kind: 'LATENT', samples: tf.zeros([1, 4, 4, 3]) as tf.Tensor4D } }), /3 channels/);
        tf.dispose([latent.samples, ...pos.entries.flatMap(e => [e.context, e.mask]), ...neg.entries.flatMap(e => [e.context, e.mask])]);
        assert.equal(tf.memory().numTensors, before + 1, 'only the 3-channel latent made for the last check remains');
    });
});
