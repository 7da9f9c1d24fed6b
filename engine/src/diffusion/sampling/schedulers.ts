/**
 * ComfyUI's schedulers (`comfy/samplers.py` SCHEDULER_HANDLERS, `comfy/k_diffusion/sampling.py`
 * get_sigmas_*): each turns a step count into a descending list of sigmas ending in 0.
 */
import { FlowError } from '../../errors.js';
// The list KSampler's schema offers (pure data the language server reads too): one source of truth.
import { SCHEDULER_NAMES } from '../../../../nodes/shared/comfy-sampling.js';
import { betaPpf } from './beta-distribution.js';
import type { ModelSamplingDiscrete } from './model-sampling.js';

/** In ComfyUI's order (the KSampler's default is the first, `simple`). */
export { SCHEDULER_NAMES };
export type SchedulerName = (typeof SCHEDULER_NAMES)[number];

export function isSchedulerName(name: string): name is SchedulerName {
    return (SCHEDULER_NAMES as readonly string[]).includes(name);
}

/** `torch.linspace(start, end, n)`. */
function linspace(start: number, end: number, n: number): number[] {
    if (n <= 0) return [];
    if (n === 1) return [start];
    return Array.from({ length: n }, (_, i) => start + ((end - start) * i) / (n - 1));
}

function withZero(sigmas: number[]): Float64Array {
    return Float64Array.from([...sigmas, 0]);
}

/** k-diffusion `get_sigmas_karras` (rho = 7): evenly spaced in sigma^(1/rho). */
export function karrasSigmas(n: number, sigmaMin: number, sigmaMax: number, rho = 7): Float64Array {
    const minInv = sigmaMin ** (1 / rho);
    const maxInv = sigmaMax ** (1 / rho);
    return withZero(linspace(0, 1, n).map(r => (maxInv + r * (minInv - maxInv)) ** rho));
}

/** k-diffusion `get_sigmas_exponential`: evenly spaced in log sigma. */
export function exponentialSigmas(n: number, sigmaMin: number, sigmaMax: number): Float64Array {
    return withZero(linspace(Math.log(sigmaMax), Math.log(sigmaMin), n).map(Math.exp));
}

/**
 * `normal_scheduler`: evenly spaced (fractional) timesteps from sigma_max's to sigma_min's.
 * `sgm_uniform` spaces steps+1 of them and drops the last, so it never visits sigma_min.
 * (ComfyUI's zero-terminal-SNR branch, where sigma_min is 0, cannot occur: sigmas are logged.)
 */
function normalScheduler(ms: ModelSamplingDiscrete, steps: number, sgm: boolean): Float64Array {
    const start = ms.sigmaToT(ms.sigmaMax);
    const end = ms.sigmaToT(ms.sigmaMin);
    const ts = sgm ? linspace(start, end, steps + 1).slice(0, -1) : linspace(start, end, steps);
    return withZero(ts.map(t => ms.tToSigma(t)));
}

/** `simple_scheduler`: every (T/steps)-th entry of the table, from the top. */
function simpleScheduler(ms: ModelSamplingDiscrete, steps: number): Float64Array {
    const table = ms.sigmas;
    const ss = table.length / steps;
    const sigs: number[] = [];
    for (let x = 0; x < steps; x++) sigs.push(table[table.length - 1 - Math.floor(x * ss)]);
    return withZero(sigs);
}

/**
 * `ddim_scheduler`: indices 1, 1+k, 1+2k, ... with k = floor(T/steps), reversed. Like ComfyUI it
 * yields ceil((T-1)/k) steps, which is `steps` only when it divides T (e.g. 30 steps of 1000
 * give 31).
 */
function ddimScheduler(ms: ModelSamplingDiscrete, steps: number): Float64Array {
    const table = ms.sigmas;
    const ss = Math.max(Math.floor(table.length / steps), 1);
    const sigs: number[] = [];
    for (let x = 1; x < table.length; x += ss) sigs.push(table[x]);
    return withZero(sigs.reverse());
}

/** numpy.rint: round half to even. */
function rint(v: number): number {
    const r = Math.round(v);
    return Math.abs(v - Math.trunc(v)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * `beta_scheduler` (alpha = beta = 0.6, arXiv 2407.12173): timesteps at Beta quantiles, which
 * crowd both ends of the schedule. Repeated neighbouring indices are dropped as in ComfyUI, so
 * very many steps can yield fewer sigmas.
 */
function betaScheduler(ms: ModelSamplingDiscrete, steps: number, alpha = 0.6, beta = 0.6): Float64Array {
    const total = ms.sigmas.length - 1;
    const sigs: number[] = [];
    let last = -1;
    for (let i = 0; i < steps; i++) {
        const t = rint(betaPpf(1 - i / steps, alpha, beta) * total);
        if (t !== last) sigs.push(ms.sigmas[t]);
        last = t;
    }
    return withZero(sigs);
}

/** ComfyUI `calculate_sigmas(model_sampling, scheduler_name, steps)`. */
export function calculateSigmas(ms: ModelSamplingDiscrete, scheduler: string, steps: number): Float64Array {
    if (!Number.isInteger(steps) || steps < 0) throw new FlowError(`steps must be a whole number >= 0, got ${steps}`);
    if (!isSchedulerName(scheduler)) {
        throw new FlowError(`unknown scheduler '${scheduler}'; valid schedulers: ${SCHEDULER_NAMES.join(', ')}`, 'unknown-scheduler');
    }
    if (steps === 0) return Float64Array.of(0);
    switch (scheduler) {
        case 'simple':
            return simpleScheduler(ms, steps);
        case 'sgm_uniform':
            return normalScheduler(ms, steps, true);
        case 'karras':
            return karrasSigmas(steps, ms.sigmaMin, ms.sigmaMax);
        case 'exponential':
            return exponentialSigmas(steps, ms.sigmaMin, ms.sigmaMax);
        case 'ddim_uniform':
            return ddimScheduler(ms, steps);
        case 'beta':
            return betaScheduler(ms, steps);
        case 'normal':
            return normalScheduler(ms, steps, false);
    }
}
