/**
 * TrainGAN's resumable state: the two networks and the averaged generator (every weight,
 * batch-norm statistics included), both Adam optimizers (moments, iteration count and the exact
 * bias-correction powers, which tfjs' setWeights would recompute with a rounding difference),
 * the step, where in the epoch's data order training stands, and the random generator's state.
 * Restoring all of it makes a resumed run draw the same batches and noise and apply the same
 * updates as an uninterrupted one.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { loadCheckpoint, saveCheckpoint } from '../../engine/src/train/checkpoint.js';
import type { RngState } from '../../engine/src/util/rng.js';

export interface GanProgress {
    /** Steps done. */
    step: number;
    /** The epoch and the batch within it that come next. */
    epoch: number;
    batch: number;
    rng: RngState;
}

interface SavedState extends GanProgress { totalSteps: number; iterations: { g: number; d: number } }

export interface GanTrainingParts {
    G: LayersModel;
    D: LayersModel;
    averaged: LayersModel;
    gOpt: tf.Optimizer;
    dOpt: tf.Optimizer;
    /** The current epoch's data order. */
    order: Int32Array;
}

interface OptimizerVariable { originalName: string; variable: tf.Variable }
interface AdamInternals {
    accBeta1: tf.Variable;
    accBeta2: tf.Variable;
    accumulatedFirstMoment: OptimizerVariable[];
    accumulatedSecondMoment: OptimizerVariable[];
    iterations_: number;
}

const adamOf = (optimizer: tf.Optimizer) => optimizer as unknown as AdamInternals;

function optimizerTensors(prefix: string, optimizer: tf.Optimizer): Array<[string, tf.Tensor]> {
    const adam = adamOf(optimizer);
    return [
        [`${prefix}/accBeta1`, adam.accBeta1],
        [`${prefix}/accBeta2`, adam.accBeta2],
        ...adam.accumulatedFirstMoment.map((m, i) => [`${prefix}/m/${i}/${m.originalName}`, m.variable] as [string, tf.Tensor]),
        ...adam.accumulatedSecondMoment.map((v, i) => [`${prefix}/v/${i}/${v.originalName}`, v.variable] as [string, tf.Tensor]),
    ];
}

export function saveGanCheckpoint(dir: string, parts: GanTrainingParts, progress: GanProgress, totalSteps: number): void {
    const weights = (prefix: string, model: LayersModel) => model.weights.map((w, i) => [`${prefix}/${i}/${w.originalName}`, w.read()] as [string, tf.Tensor]);
    const state: SavedState = { ...progress, totalSteps, iterations: { g: adamOf(parts.gOpt).iterations_, d: adamOf(parts.dOpt).iterations_ } };
    saveCheckpoint(dir, state, [
        ...weights('G', parts.G), ...weights('D', parts.D), ...weights('EMA', parts.averaged),
        ...optimizerTensors('gOpt', parts.gOpt), ...optimizerTensors('dOpt', parts.dOpt),
        ['order', tf.tensor1d(parts.order, 'int32')],
    ]);
}

/**
 * Restores the checkpoint in `dir` into `parts` (freshly built from the same inputs) and returns
 * where training stands, or undefined when there is no usable checkpoint (training starts over).
 */
export function restoreGanCheckpoint(dir: string, parts: Omit<GanTrainingParts, 'order'>): (GanProgress & { order: Int32Array }) | undefined {
    const checkpoint = loadCheckpoint<SavedState>(dir);
    if (!checkpoint) return undefined;
    const { state, tensors } = checkpoint;
    try {
        // The checkpoint keeps tensors in the order they were saved: a group's entries come back in order.
        const group = (prefix: string) => [...tensors.entries()].filter(([name]) => name.startsWith(`${prefix}/`));
        const take = (prefix: string) => group(prefix).map(([, t]) => t);
        const restoreModel = (prefix: string, model: LayersModel): boolean => {
            const saved = take(prefix);
            if (saved.length !== model.weights.length || saved.some((t, i) => !sameShape(t.shape, model.weights[i].shape))) return false;
            model.setWeights(saved);
            return true;
        };
        const restoreOptimizer = (prefix: string, optimizer: tf.Optimizer, iterations: number): boolean => {
            const adam = adamOf(optimizer);
            const m = group(`${prefix}/m`);
            const v = group(`${prefix}/v`);
            const beta1 = tensors.get(`${prefix}/accBeta1`);
            const beta2 = tensors.get(`${prefix}/accBeta2`);
            if (!beta1 || !beta2 || m.length !== v.length) return false;
            const originalName = (name: string) => name.split('/').slice(3).join('/');
            adam.accBeta1.assign(beta1);
            adam.accBeta2.assign(beta2);
            adam.accumulatedFirstMoment = m.map(([name, t]) => ({ originalName: originalName(name), variable: t.variable(false) }));
            adam.accumulatedSecondMoment = v.map(([name, t]) => ({ originalName: originalName(name), variable: t.variable(false) }));
            adam.iterations_ = iterations;
            return true;
        };
        const order = tensors.get('order');
        if (!order || !restoreModel('G', parts.G) || !restoreModel('D', parts.D) || !restoreModel('EMA', parts.averaged)
            || !restoreOptimizer('gOpt', parts.gOpt, state.iterations.g) || !restoreOptimizer('dOpt', parts.dOpt, state.iterations.d)) {
            return undefined;
        }
        return { step: state.step, epoch: state.epoch, batch: state.batch, rng: state.rng, order: order.dataSync() as Int32Array };
    } finally {
        // setWeights and variable() copy; the loaded tensors themselves are no longer needed.
        tensors.forEach(t => t.dispose());
    }
}

function sameShape(a: readonly number[], b: readonly (number | null)[]): boolean {
    return a.length === b.length && a.every((d, i) => d === b[i]);
}
