/**
 * The epoch/batch loop the training nodes share: resume from the cache checkpoint, one node step
 * per batch of a seeded shuffle, throttled progress events with an ETA, preview grids every N
 * steps, a checkpoint every CHECKPOINT_INTERVAL_MS and when cancelled, and the checkpoint dropped
 * once training is done. The node brings what differs: its step, its checkpoint contents, its
 * preview. Everything random goes through the one Rng this loop owns (data order first, then what
 * the node's step draws), and its state is in every checkpoint, so on the single-threaded backends
 * a cancelled-then-resumed run is bit for bit an uninterrupted one.
 */
import { throwIfAborted } from '../errors.js';
import type { NodeContext } from '../nodes/types.js';
import { createRng, permutation, type Rng, type RngState } from '../util/rng.js';
import { removeCheckpoint } from './checkpoint.js';

/** At most this often (ms) a progress event, besides the first and last step. */
const PROGRESS_INTERVAL_MS = 250;
/** At most this often a checkpoint while training (also one when cancelled). FLOWSTUDIO_CHECKPOINT_SECONDS overrides it. */
const CHECKPOINT_INTERVAL_MS = Number(process.env.FLOWSTUDIO_CHECKPOINT_SECONDS ?? 30) * 1000;

/** Where training stands: what a checkpoint must hold besides the node's own tensors. */
export interface LoopPosition {
    /** Steps done. */
    step: number;
    /** The epoch and the batch within it that come next. */
    epoch: number;
    batch: number;
    rng: RngState;
}

/** What a node's restore gives back: the position, the epoch's data order, and the seconds trained before (if it keeps them). */
export interface ResumePoint extends LoopPosition {
    order: Int32Array;
    seconds?: number;
}

export interface TrainingLoopOptions<M extends Record<string, number>> {
    ctx: NodeContext;
    epochs: number;
    /** Examples in the dataset (the shuffle's length). */
    examples: number;
    batchSize: number;
    totalSteps: number;
    /** Seeds the loop's Rng (data order, and whatever `step` draws from it). */
    seed: number;
    /** Restores the checkpoint in `dir` into the node's freshly built state; undefined when there is none usable. */
    restore(dir: string): ResumePoint | undefined;
    /** Writes the node's whole state; `seconds` counts training time over all runs. */
    save(dir: string, position: LoopPosition, order: Int32Array, seconds: number): void;
    /**
     * One training step on the batch `indices`, with `step` steps done before it; returns the
     * metrics of the progress event (it throws when training diverged).
     */
    step(indices: Int32Array, step: number, epoch: number, rng: Rng): M;
    /** Preview grids every `every` steps and after the last one (none when `every` is 0). */
    preview?: { every: number; write(step: number): Promise<void> };
    /** Runs after the last step, before the checkpoint is dropped (a failure keeps the checkpoint). */
    finish?(): void;
}

export interface TrainingLoopResult {
    steps: number;
    /** Training time over all runs, resumed ones included. */
    seconds: number;
}

export async function runTrainingLoop<M extends Record<string, number>>(options: TrainingLoopOptions<M>): Promise<TrainingLoopResult> {
    const { ctx, epochs, examples, batchSize, totalSteps } = options;
    const checkpointDir = ctx.checkpointDir;
    let rng = createRng(options.seed);
    let step = 0;
    let firstEpoch = 0;
    let firstBatch = 0;
    let secondsBefore = 0;
    const resumed = checkpointDir ? options.restore(checkpointDir) : undefined;
    if (resumed) {
        ({ step, epoch: firstEpoch, batch: firstBatch } = resumed);
        secondsBefore = resumed.seconds ?? 0;
        rng = createRng(options.seed, resumed.rng);
        ctx.progress(step, totalSteps, { resumedFrom: step, step });
    }
    const started = Date.now();
    const stepsBefore = step;
    let lastProgress = 0;
    let lastCheckpoint = Date.now();
    let order = resumed?.order ?? new Int32Array(0);
    const seconds = () => secondsBefore + (Date.now() - started) / 1000;
    const checkpoint = (epoch: number, batch: number) => {
        if (!checkpointDir || step === 0) return;
        options.save(checkpointDir, { step, epoch, batch, rng: rng.snapshot() }, order, seconds());
        lastCheckpoint = Date.now();
    };
    const previewEvery = options.preview?.every ?? 0;
    for (let epoch = firstEpoch; epoch < epochs && step < totalSteps; epoch++) {
        const resuming = epoch === firstEpoch && resumed !== undefined;
        order = resuming ? resumed.order : permutation(examples, rng);
        for (let b = resuming ? firstBatch : 0; b < Math.floor(examples / batchSize) && step < totalSteps; b++) {
            if (ctx.signal.aborted) {
                // Cancelled between batches: keep everything trained so far for the next run.
                checkpoint(epoch, b);
                throwIfAborted(ctx.signal);
            }
            const metrics = options.step(order.subarray(b * batchSize, (b + 1) * batchSize), step, epoch, rng);
            step++;
            const now = Date.now();
            if (step === stepsBefore + 1 || step === totalSteps || now - lastProgress >= PROGRESS_INTERVAL_MS) {
                lastProgress = now;
                const etaMs = Math.round(((now - started) / (step - stepsBefore)) * (totalSteps - step));
                ctx.progress(step, totalSteps, { ...metrics, epoch: epoch + 1, step }, etaMs);
            }
            if (previewEvery > 0 && (step % previewEvery === 0 || step === totalSteps)) await options.preview!.write(step);
            if (checkpointDir && step < totalSteps && now - lastCheckpoint >= CHECKPOINT_INTERVAL_MS) checkpoint(epoch, b + 1);
            // Let signal handlers (SIGINT) and event writers run between batches.
            await new Promise(resolve => setImmediate(resolve));
        }
    }
    if (ctx.signal.aborted) {
        checkpoint(epochs, 0);
        throwIfAborted(ctx.signal);
    }
    options.finish?.();
    // The result goes into the cache next; the checkpoint has done its job.
    if (checkpointDir) removeCheckpoint(checkpointDir);
    return { steps: step, seconds: seconds() };
}
