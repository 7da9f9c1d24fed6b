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
import { adamIterations, adamStateTensors, restoreAdamState } from '../../engine/src/optim/adam-state.js';
import { loadCheckpoint, saveCheckpoint } from '../../engine/src/train/checkpoint.js';
import type { LoopPosition } from '../../engine/src/train/loop.js';

/** Where training stands (the loop's position). */
export type GanProgress = LoopPosition;

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

export function saveGanCheckpoint(dir: string, parts: GanTrainingParts, progress: GanProgress, totalSteps: number): void {
    const weights = (prefix: string, model: LayersModel) => model.weights.map((w, i) => [`${prefix}/${i}/${w.originalName}`, w.read()] as [string, tf.Tensor]);
    const state: SavedState = { ...progress, totalSteps, iterations: { g: adamIterations(parts.gOpt), d: adamIterations(parts.dOpt) } };
    saveCheckpoint(dir, state, [
        ...weights('G', parts.G), ...weights('D', parts.D), ...weights('EMA', parts.averaged),
        ...adamStateTensors('gOpt', parts.gOpt), ...adamStateTensors('dOpt', parts.dOpt),
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
        const order = tensors.get('order');
        if (!order || !restoreModel('G', parts.G) || !restoreModel('D', parts.D) || !restoreModel('EMA', parts.averaged)
            || !restoreAdamState(tensors, 'gOpt', parts.gOpt, state.iterations.g) || !restoreAdamState(tensors, 'dOpt', parts.dOpt, state.iterations.d)) {
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
