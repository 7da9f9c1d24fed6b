/**
 * TrainDiffusion's resumable state: both networks and their EMA, the Adam state, the step, the
 * place in the epoch's data order and the random generator, so a run cancelled and re-run
 * continues exactly where it stopped (engine/src/train/checkpoint.ts writes it atomically).
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { DiffusionTrainer } from '../../engine/src/diffusion/train/trainer.js';
import type { WeightSet } from '../../engine/src/diffusion/models/weights.js';
import { adamIterations, adamStateTensors, restoreAdamState } from '../../engine/src/optim/adam-state.js';
import { loadCheckpoint, saveCheckpoint } from '../../engine/src/train/checkpoint.js';
import type { LoopPosition } from '../../engine/src/train/loop.js';

export interface DiffusionProgress extends LoopPosition {
    /** Seconds trained before this run (the checkpoint's metadata counts all of them). */
    seconds: number;
    lastLoss: number;
}

interface SavedState extends DiffusionProgress { iterations: number }

const weightsOf = (prefix: string, w: WeightSet) => w.names.map(n => [`${prefix}/${n}`, w.get(n)] as [string, tf.Tensor]);

export function saveDiffusionCheckpoint(dir: string, trainer: DiffusionTrainer, order: Int32Array, progress: DiffusionProgress, tf: typeof import('@tensorflow/tfjs-core')): void {
    const state: SavedState = { ...progress, iterations: adamIterations(trainer.optimizer) };
    const orderTensor = tf.tensor1d(order, 'int32');
    try {
        saveCheckpoint(dir, state, [
            ...weightsOf('unet', trainer.model.weights), ...weightsOf('clip', trainer.clip.weights),
            ...weightsOf('emaUnet', trainer.emaUnet), ...weightsOf('emaClip', trainer.emaClip),
            ...adamStateTensors('adam', trainer.optimizer),
            ['order', orderTensor],
        ]);
    } finally {
        orderTensor.dispose();
    }
}

/** Restores into a trainer built from the same inputs; undefined when there is no usable checkpoint. */
export function restoreDiffusionCheckpoint(dir: string, trainer: DiffusionTrainer): (DiffusionProgress & { order: Int32Array }) | undefined {
    const checkpoint = loadCheckpoint<SavedState>(dir);
    if (!checkpoint) return undefined;
    const { state, tensors } = checkpoint;
    try {
        const restore = (prefix: string, w: WeightSet): boolean => {
            for (const name of w.names) {
                const t = tensors.get(`${prefix}/${name}`);
                if (!t || t.shape.join('x') !== w.get(name).shape.join('x')) return false;
            }
            for (const name of w.names) w.get(name).assign(tensors.get(`${prefix}/${name}`)!);
            return true;
        };
        const order = tensors.get('order');
        if (!order || !restore('unet', trainer.model.weights) || !restore('clip', trainer.clip.weights)
            || !restore('emaUnet', trainer.emaUnet) || !restore('emaClip', trainer.emaClip)
            || !restoreAdamState(tensors, 'adam', trainer.optimizer, state.iterations)) {
            return undefined;
        }
        return { step: state.step, epoch: state.epoch, batch: state.batch, rng: state.rng, seconds: state.seconds, lastLoss: state.lastLoss, order: order.dataSync() as Int32Array };
    } finally {
        tensors.forEach(t => t.dispose());
    }
}
