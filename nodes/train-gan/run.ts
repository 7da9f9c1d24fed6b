/**
 * TrainGAN: the DCGAN training loop. Adam for both networks, the non-saturating GAN loss
 * (sigmoid cross-entropy on logits), one discriminator step then one generator step per batch.
 * Seeded shuffling and noise; progress events every step; preview grids every `previewEvery`
 * steps; cancellation checked between batches; the input models are copied, never modified.
 *
 * The generator returned is an exponential moving average of the generator's weights over the
 * last ~1/(1-EMA_DECAY) steps (as in ProGAN/StyleGAN/BigGAN): GAN weights oscillate, and
 * their average gives cleaner, more consistent samples than the last iterate. Its batch-norm
 * statistics are re-estimated for the averaged weights before it is returned.
 *
 * Class-conditional models (`classes` > 0) train on the dataset's labels: each batch's real
 * labels are also the labels of its fakes, so both networks see the data's class balance.
 *
 * Training is resumable (engine/src/train/loop.ts, state.ts): the whole state is checkpointed
 * into the cache every 30 s and when the run is cancelled, and a re-run of the same node
 * with the same inputs continues from it; on the single-threaded backends the result is the
 * same, bit for bit, as a run that was never interrupted.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { FlowError } from '../../engine/src/errors.js';
import { modelInputs } from '../../engine/src/models/dcgan.js';
import { cloneModel } from '../../engine/src/models/io.js';
import { adam } from '../../engine/src/optim/adam.js';
import { runTrainingLoop } from '../../engine/src/train/loop.js';
import { createRng, normalArray } from '../../engine/src/util/rng.js';
import type { Dataset, Discriminator, Generator } from '../../engine/src/values.js';
import { sampleGenerator, sampleLabels } from '../sample-gan/run.js';
import { emitPreviewGrid } from '../shared/preview-grid.js';
import { restoreGanCheckpoint, saveGanCheckpoint } from './state.js';
import type { NodeContext } from '../../engine/src/nodes/types.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';

const PREVIEW_SAMPLES = 16;
const EMA_DECAY = 0.999;
/** Forward passes that re-estimate the averaged generator's batch-norm statistics. */
const BN_RECALIBRATION_BATCHES = 24;

/** Checks that the dataset fits the models, with a message that says how to fix it. */
export function checkCompatible(dataset: Dataset, generator: Generator, discriminator: Discriminator, generatorLabel: string): void {
    const [, h, w, c] = dataset.images.shape;
    if (generator.imageSize !== discriminator.imageSize || generator.channels !== discriminator.channels) {
        throw new FlowError(
            `the generator makes ${generator.imageSize}x${generator.imageSize}x${generator.channels} images but the discriminator expects ` +
            `${discriminator.imageSize}x${discriminator.imageSize}x${discriminator.channels} — give both the same imageSize and channels`, 'size-mismatch');
    }
    if (h !== generator.imageSize || w !== generator.imageSize) {
        throw new FlowError(
            `dataset images are ${w}x${h} but ${generatorLabel}(imageSize: ${generator.imageSize}) — add Resize or change imageSize`, 'size-mismatch');
    }
    if (c !== generator.channels) {
        throw new FlowError(
            `dataset images have ${c} channel${c === 1 ? '' : 's'} but ${generatorLabel}(channels: ${generator.channels}) — change channels to ${c}`, 'size-mismatch');
    }
    if (generator.classes !== discriminator.classes) {
        throw new FlowError(
            `the generator is conditioned on ${generator.classes} classes but the discriminator on ${discriminator.classes} — ` +
            'give DCGANGenerator and DCGANDiscriminator the same classes', 'class-mismatch');
    }
    if (generator.classes > 0) {
        const highest = dataset.labels.reduce((a, b) => Math.max(a, b), -1);
        if (highest >= generator.classes) {
            const name = dataset.classNames[highest] ?? String(highest);
            throw new FlowError(
                `the dataset has class ${highest} ("${name}") but ${generatorLabel}(classes: ${generator.classes}) knows classes 0..${generator.classes - 1} — ` +
                `set classes to at least ${Math.max(highest + 1, dataset.classNames.length)}`, 'class-mismatch');
        }
    }
    const [lo, hi] = dataset.range;
    if (lo !== -1 || hi !== 1) {
        throw new FlowError(
            `dataset values are in [${lo}, ${hi}] but the generator's tanh output is in [-1, 1] — add Normalize(low: -1, high: 1) before TrainGAN`, 'range-mismatch');
    }
}

function sigmoidLoss(target: 0 | 1, logits: tf.Tensor): tf.Scalar {
    return tf.losses.sigmoidCrossEntropy(target === 1 ? tf.onesLike(logits) : tf.zerosLike(logits), logits) as tf.Scalar;
}

function variablesOf(model: LayersModel): tf.Variable[] {
    return model.trainableWeights.map(w => w.read() as tf.Variable);
}

interface StepLosses { dLoss: number; gLoss: number }

interface Batch {
    real: tf.Tensor4D;
    /** Class labels [batch, 1] of the real images (and of the fakes), for conditional models. */
    labels?: tf.Tensor2D;
    zD: tf.Tensor2D;
    zG: tf.Tensor2D;
}

/** One discriminator step and one generator step on a batch of real images. */
function trainStep(
    G: LayersModel, D: LayersModel, gOpt: tf.Optimizer, dOpt: tf.Optimizer, { real, labels, zD, zG }: Batch,
    gVars: tf.Variable[], dVars: tf.Variable[],
): StepLosses {
    const g = (z: tf.Tensor) => G.apply(modelInputs(z, labels), { training: true }) as tf.Tensor4D;
    const d = (images: tf.Tensor) => D.apply(modelInputs(images, labels), { training: true }) as tf.Tensor;
    return tf.tidy(() => {
        const fake = g(zD);
        const dLoss = dOpt.minimize(() => tf.add(sigmoidLoss(1, d(real)), sigmoidLoss(0, d(fake))) as tf.Scalar, true, dVars)!;
        const gLoss = gOpt.minimize(() => sigmoidLoss(1, d(g(zG))), true, gVars)!;
        return { dLoss: dLoss.dataSync()[0], gLoss: gLoss.dataSync()[0] };
    });
}

/** ema = decay * ema + (1 - decay) * current, with a warm-up so early steps are not dominated by the initial weights. */
function updateAverage(average: tf.Variable[], current: tf.Variable[], step: number): void {
    const decay = Math.min(EMA_DECAY, (1 + step) / (10 + step));
    tf.tidy(() => {
        for (let i = 0; i < average.length; i++) average[i].assign(tf.add(tf.mul(average[i], decay), tf.mul(current[i], 1 - decay)));
    });
}

/** Runs the generator in training mode on fresh noise so its batch-norm moving statistics match its weights. */
function recalibrateBatchNorm(model: LayersModel, info: Generator, batchSize: number, seed: number): void {
    const rng = createRng(seed);
    const labels = sampleLabels(info.classes, batchSize);
    for (let i = 0; i < BN_RECALIBRATION_BATCHES; i++) {
        tf.tidy(() => {
            const z = tf.tensor2d(normalArray(batchSize * info.latentDim, rng), [batchSize, info.latentDim]);
            model.apply(modelInputs(z, labels && tf.tensor2d(labels, [batchSize, 1])), { training: true });
        });
    }
}

async function writePreview(ctx: NodeContext, generator: Generator, step: number, seed: number): Promise<void> {
    const { classes } = generator;
    const columns = classes > 0 && classes <= 10 ? classes : 4;
    const count = classes > 0 && classes <= 10 ? 2 * classes : PREVIEW_SAMPLES;
    const samples = tf.tidy(() => sampleGenerator(generator, count, seed, sampleLabels(classes, count)));
    try {
        await emitPreviewGrid(ctx, samples, step, columns);
    } finally {
        samples.dispose();
    }
}

export const node = defineNode(schema, {
    async run(ctx, inputs, params) {
        const dataset = inputs.dataset;
        const generatorIn = inputs.generator;
        const discriminatorIn = inputs.discriminator;
        const generatorLabel = ctx.graph.nodes.find(n => n.id === ctx.node.wires.generator?.node)?.type ?? 'the generator';
        checkCompatible(dataset, generatorIn, discriminatorIn, generatorLabel);

        const epochs = params.epochs;
        const seed = params.seed;
        const previewEvery = params.previewEvery;
        const maxSteps = params.maxSteps;
        const learningRate = params.learningRate;
        const beta1 = params.beta1;
        const n = dataset.images.shape[0];
        if (n === 0) throw new FlowError('the dataset is empty: nothing to train on', 'empty-dataset');
        const batchSize = Math.min(params.batchSize, n);
        const stepsPerEpoch = Math.floor(n / batchSize);
        const totalSteps = Math.min(epochs * stepsPerEpoch, maxSteps ?? Infinity);

        const G = await cloneModel(generatorIn.model);
        const D = await cloneModel(discriminatorIn.model);
        const averaged = await cloneModel(generatorIn.model);
        const averagedVars = variablesOf(averaged);
        const gOpt = adam(learningRate, beta1);
        const dOpt = adam(learningRate, beta1);
        const gVars = variablesOf(G);
        const dVars = variablesOf(D);
        const latent = generatorIn.latentDim;
        const conditional = generatorIn.classes > 0;
        const generator: Generator = { ...generatorIn, model: averaged };
        const current: Generator = { ...generatorIn, model: G };
        let finished = false;
        try {
            await runTrainingLoop({
                ctx, epochs, examples: n, batchSize, totalSteps, seed,
                restore: dir => restoreGanCheckpoint(dir, { G, D, averaged, gOpt, dOpt }),
                save: (dir, { step, epoch, batch, rng }, order) =>
                    saveGanCheckpoint(dir, { G, D, averaged, gOpt, dOpt, order }, { step, epoch, batch, rng }, totalSteps),
                step(indices, done, epoch, rng) {
                    const zD = tf.tensor2d(normalArray(batchSize * latent, rng), [batchSize, latent]);
                    const zG = tf.tensor2d(normalArray(batchSize * latent, rng), [batchSize, latent]);
                    const real = tf.tidy(() => tf.gather(dataset.images, tf.tensor1d(indices, 'int32')) as tf.Tensor4D);
                    const labels = conditional ? tf.tensor2d(Float32Array.from(indices, i => dataset.labels[i]), [batchSize, 1]) : undefined;
                    let losses: StepLosses;
                    try {
                        losses = trainStep(G, D, gOpt, dOpt, { real, labels, zD, zG }, gVars, dVars);
                    } finally {
                        tf.dispose([zD, zG, real, ...(labels ? [labels] : [])]);
                    }
                    updateAverage(averagedVars, gVars, done + 1);
                    if (!Number.isFinite(losses.dLoss) || !Number.isFinite(losses.gLoss)) {
                        throw new FlowError(
                            `training diverged at step ${done + 1} (epoch ${epoch + 1}): dLoss=${losses.dLoss}, gLoss=${losses.gLoss} — ` +
                            'lower learningRate, or check that the dataset is normalized to [-1, 1]', 'nan-loss');
                    }
                    return { dLoss: losses.dLoss, gLoss: losses.gLoss };
                },
                preview: { every: previewEvery, write: step => writePreview(ctx, current, step, seed + 1) },
                finish: () => recalibrateBatchNorm(averaged, generatorIn, Math.max(batchSize, 32), seed + 2),
            });
            finished = true;
        } finally {
            gOpt.dispose();
            dOpt.dispose();
            G.dispose();
            if (!finished) {
                averaged.dispose();
                D.dispose();
            }
        }
        return {
            generator,
            discriminator: { ...discriminatorIn, model: D },
        };
    },
});
