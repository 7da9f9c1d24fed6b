/**
 * Classifier-free guidance as ComfyUI's `sampling_function` / `cfg_function` /
 * `calc_cond_batch` (comfy/samplers.py) do it for full-area conditioning: each CONDITIONING list
 * is reduced to one denoised prediction by a strength-weighted average of its entries'
 * predictions, then guidance extrapolates from the negative towards the positive one.
 */
import * as tf from '@tensorflow/tfjs-core';
import { FlowError } from '../../errors.js';
import type { Conditioning, ConditioningEntry } from '../contracts.js';
import type { Denoiser } from './samplers.js';

/**
 * The model's denoised prediction for x at sigma under each entry, in order (one tensor per
 * entry, owned by the caller). Getting all entries at once lets the implementation batch them.
 */
export type EntryPredictor = (x: tf.Tensor4D, sigma: number, entries: readonly ConditioningEntry[]) => tf.Tensor4D[];

/** `math.isclose(cond_scale, 1.0)`: ComfyUI's test for skipping the unconditional branch. */
export function isUnitCfg(cfg: number): boolean {
    return Math.abs(cfg - 1) <= 1e-9 * Math.max(1, Math.abs(cfg));
}

/**
 * `calc_cond_batch` for entries without area or mask: sum(strength_i * D_i) / sum(strength_i).
 * The 1e-37 is ComfyUI's initial `out_count`, which keeps all-zero strengths from dividing by 0.
 */
export function combineEntries(predictions: readonly tf.Tensor4D[], strengths: readonly number[]): tf.Tensor4D {
    return tf.tidy(() => {
        let sum: tf.Tensor = tf.mul(predictions[0], strengths[0]);
        let weight = strengths[0];
        for (let i = 1; i < predictions.length; i++) {
            sum = tf.add(sum, tf.mul(predictions[i], strengths[i]));
            weight += strengths[i];
        }
        return tf.div(sum, Math.fround(1e-37) + weight) as tf.Tensor4D;
    });
}

/** `cfg_function`: uncond + (cond - uncond) * cfg. */
export function applyCfg(cond: tf.Tensor4D, uncond: tf.Tensor4D, cfg: number): tf.Tensor4D {
    return tf.tidy(() => tf.add(uncond, tf.mul(tf.sub(cond, uncond), cfg)) as tf.Tensor4D);
}

function requireEntries(c: Conditioning, which: string): readonly ConditioningEntry[] {
    // ComfyUI would silently use an all-zero prediction for an empty list; that is never wanted.
    if (c.entries.length === 0) throw new FlowError(`the ${which} CONDITIONING is empty (no prompt entries)`, 'empty-conditioning');
    return c.entries;
}

/**
 * The guided denoiser. With cfg == 1 the negative entries are never evaluated (ComfyUI's
 * optimisation) and the result is the positive prediction itself; otherwise positive and
 * negative entries go to `predict` together so it can batch them into one network call.
 */
export function cfgDenoiser(predict: EntryPredictor, positive: Conditioning, negative: Conditioning, cfg: number): Denoiser {
    const pos = requireEntries(positive, 'positive');
    const posStrengths = pos.map(e => e.strength);
    if (isUnitCfg(cfg)) {
        return (x, sigma) => {
            const preds = predict(x, sigma, pos);
            try {
                return combineEntries(preds, posStrengths);
            } finally {
                for (const p of preds) p.dispose();
            }
        };
    }
    const neg = requireEntries(negative, 'negative');
    const negStrengths = neg.map(e => e.strength);
    const all = [...pos, ...neg];
    return (x, sigma) => {
        const preds = predict(x, sigma, all);
        try {
            return tf.tidy(() => {
                const cond = combineEntries(preds.slice(0, pos.length), posStrengths);
                const uncond = combineEntries(preds.slice(pos.length), negStrengths);
                return applyCfg(cond, uncond, cfg);
            });
        } finally {
            for (const p of preds) p.dispose();
        }
    };
}
