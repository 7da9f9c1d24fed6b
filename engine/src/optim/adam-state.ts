/**
 * An Adam optimizer's whole state as named tensors (for resumable training): the moments, the
 * exact bias-correction powers (tfjs' setWeights would recompute them with a rounding
 * difference) and the iteration count, restored so a resumed run applies the same updates.
 */
import type * as tf from '@tensorflow/tfjs-core';

interface OptimizerVariable { originalName: string; variable: tf.Variable }
interface AdamInternals {
    accBeta1: tf.Variable;
    accBeta2: tf.Variable;
    accumulatedFirstMoment: OptimizerVariable[];
    accumulatedSecondMoment: OptimizerVariable[];
    iterations_: number;
}

const adamOf = (optimizer: tf.Optimizer) => optimizer as unknown as AdamInternals;

export function adamIterations(optimizer: tf.Optimizer): number {
    return adamOf(optimizer).iterations_;
}

export function adamStateTensors(prefix: string, optimizer: tf.Optimizer): Array<[string, tf.Tensor]> {
    const adam = adamOf(optimizer);
    return [
        [`${prefix}/accBeta1`, adam.accBeta1],
        [`${prefix}/accBeta2`, adam.accBeta2],
        ...adam.accumulatedFirstMoment.map((m, i) => [`${prefix}/m/${i}/${m.originalName}`, m.variable] as [string, tf.Tensor]),
        ...adam.accumulatedSecondMoment.map((v, i) => [`${prefix}/v/${i}/${v.originalName}`, v.variable] as [string, tf.Tensor]),
    ];
}

/** Restores what adamStateTensors saved (in saved order); false when the checkpoint does not hold it. */
export function restoreAdamState(tensors: ReadonlyMap<string, tf.Tensor>, prefix: string, optimizer: tf.Optimizer, iterations: number): boolean {
    const adam = adamOf(optimizer);
    const group = (p: string) => [...tensors.entries()].filter(([name]) => name.startsWith(`${p}/`));
    const m = group(`${prefix}/m`);
    const v = group(`${prefix}/v`);
    const beta1 = tensors.get(`${prefix}/accBeta1`);
    const beta2 = tensors.get(`${prefix}/accBeta2`);
    if (!beta1 || !beta2 || m.length !== v.length) return false;
    const originalName = (name: string) => name.split('/').slice(prefix.split('/').length + 2).join('/');
    adam.accBeta1.assign(beta1);
    adam.accBeta2.assign(beta2);
    adam.accumulatedFirstMoment = m.map(([name, t]) => ({ originalName: originalName(name), variable: t.variable(false) }));
    adam.accumulatedSecondMoment = v.map(([name, t]) => ({ originalName: originalName(name), variable: t.variable(false) }));
    adam.iterations_ = iterations;
    return true;
}
