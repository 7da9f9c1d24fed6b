/**
 * TrainDiffusion: a U-Net and a text encoder trained together from scratch on captioned images
 * (engine/src/diffusion/train), in the latent space of an exact pixel VAE. Progress events carry
 * the loss; preview grids of fixed prompts are sampled from the weight average every
 * `previewEvery` steps; cancellation is checked between batches and leaves a checkpoint that a
 * re-run resumes from (state.ts); the loop is TrainGAN's (engine/src/train/loop.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { currentBackend } from '../../engine/src/backends/index.js';
import { disposeConditioning, encodePrompt } from '../../engine/src/diffusion/conditioning.js';
import { PixelVae } from '../../engine/src/diffusion/models/pixel-vae.js';
import { TransformerTextEncoder, UNetModel, type TokenBatch } from '../../engine/src/diffusion/models/networks.js';
import { unetConfigProblem, unetSizeMultiple, type UNetConfig } from '../../engine/src/diffusion/models/unet.js';
import { alphasCumprodOf, betaSchedule, ksample } from '../../engine/src/diffusion/sampling/index.js';
import { buildVocabulary } from '../../engine/src/diffusion/text/tokenizer.js';
import type { DiffusionRecipe } from '../../engine/src/diffusion/train/recipe.js';
import { DiffusionTrainer } from '../../engine/src/diffusion/train/trainer.js';
import { FlowError } from '../../engine/src/errors.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import type { NodeContext } from '../../engine/src/nodes/types.js';
import { runTrainingLoop } from '../../engine/src/train/loop.js';
import type { Dataset } from '../../engine/src/values.js';
import { emitPreviewGrid } from '../shared/preview-grid.js';
import { restoreDiffusionCheckpoint, saveDiffusionCheckpoint } from './state.js';
import { exampleCaptions } from '../../engine/src/diffusion/checkpoint/example-captions.js';
import { schema } from './schema.js';

const TIMESTEPS = 1000;
const WARMUP_STEPS = 100;
const PREVIEW = { steps: 16, cfg: 3, sampler: 'euler', scheduler: 'simple', perPrompt: 2 } as const;

/** Images mapped from the dataset's range to [0, 1], which the VAE expects. */
function unitImages(dataset: Dataset): tf.Tensor4D {
    const [lo, hi] = dataset.range;
    if (lo === 0 && hi === 1) return dataset.images.clone();
    return tf.tidy(() => tf.div(tf.sub(dataset.images, lo), hi - lo) as tf.Tensor4D);
}

function captionsOf(dataset: Dataset): string[] {
    const captions = dataset.captions;
    if (!captions || captions.every(c => c.trim() === '')) {
        throw new FlowError(
            'the dataset has no captions to learn prompts from — LoadMNIST and SyntheticShapes caption their images, LoadImages reads name.txt or metadata.jsonl next to the images, and Captions(dataset, template: "a photo of a {label}") makes them from labels',
            'no-captions');
    }
    return captions;
}

/** A few distinct training captions, spread over the dataset (the default preview prompts). */
function defaultPreviewPrompts(captions: readonly string[], count = 4): string[] {
    const distinct = [...new Set(captions.filter(c => c.trim() !== ''))];
    const step = Math.max(1, Math.floor(distinct.length / count));
    return distinct.filter((_, i) => i % step === 0).slice(0, count);
}

function datasetLabel(ctx: NodeContext): string {
    const wire = ctx.node.wires.dataset;
    const producer = wire && ctx.graph.nodes.find(n => n.id === wire.node);
    if (!producer) return 'dataset';
    const args = Object.entries(producer.params).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ');
    return `${producer.type}(${args})`;
}

async function writePreview(ctx: NodeContext, model: UNetModel, clip: TransformerTextEncoder, vae: PixelVae, prompts: readonly string[], latentShape: number[], step: number, seed: number): Promise<void> {
    const [, h, w, c] = latentShape;
    const negative = encodePrompt(clip, '').conditioning;
    const rows: tf.Tensor4D[] = [];
    try {
        for (const prompt of prompts) {
            const positive = encodePrompt(clip, prompt).conditioning;
            const latent = tf.zeros([PREVIEW.perPrompt, h, w, c]) as tf.Tensor4D;
            try {
                const out = await ksample({
                    model, seed, steps: PREVIEW.steps, cfg: PREVIEW.cfg, samplerName: PREVIEW.sampler, scheduler: PREVIEW.scheduler,
                    positive, negative, latent: { kind: 'LATENT', samples: latent },
                });
                rows.push(vae.decode(out));
                out.dispose();
            } finally {
                latent.dispose();
                disposeConditioning(positive);
            }
        }
        const all = tf.concat(rows, 0) as tf.Tensor4D;
        try {
            await emitPreviewGrid(ctx, all, step, PREVIEW.perPrompt * 2);
        } finally {
            all.dispose();
        }
    } finally {
        tf.dispose(rows);
        disposeConditioning(negative);
    }
}

export const node = defineNode(schema, {
    async run(ctx, inputs, params) {
        const dataset = inputs.dataset;
        const captions = captionsOf(dataset);
        const n = dataset.images.shape[0];
        if (n === 0) throw new FlowError('the dataset is empty: nothing to train on', 'empty-dataset');
        const [, height, width, imageChannels] = dataset.images.shape;
        const vae = new PixelVae({ imageChannels, patch: params.patch });
        const unetConfig: UNetConfig = {
            channels: vae.latentChannels, baseChannels: params.baseChannels, channelMult: params.channelMult,
            attentionLevels: params.attentionLevels, groups: 8, heads: 4, contextDim: params.textDim,
        };
        const problem = unetConfigProblem(unetConfig);
        if (problem) throw new FlowError(`the U-Net cannot be built: ${problem}`, 'bad-architecture');
        const multiple = params.patch * unetSizeMultiple(unetConfig);
        if (width % multiple !== 0 || height % multiple !== 0) {
            throw new FlowError(`images are ${width}x${height} but patch ${params.patch} with ${params.channelMult.length} U-Net levels needs sides that are multiples of ${multiple} — add Resize or change patch/channelMult`, 'size-mismatch');
        }
        if (params.textDim % 4 !== 0) throw new FlowError(`textDim must be a multiple of 4 (attention heads), got ${params.textDim}`);

        const recipe: DiffusionRecipe = {
            prediction: params.prediction as 'v' | 'eps', captionDropout: params.captionDropout, wordDropout: params.wordDropout, minSnrGamma: params.minSnrGamma,
            learningRate: params.learningRate, warmupSteps: WARMUP_STEPS, finalLearningRateFraction: 0.1, emaDecay: params.ema,
        };
        const batchSize = Math.min(params.batchSize, n);
        const stepsPerEpoch = Math.floor(n / batchSize);
        const totalSteps = Math.min(params.epochs * stepsPerEpoch, params.maxSteps ?? Infinity);
        const vocabulary = buildVocabulary(captions);
        const alphas = Float32Array.from(alphasCumprodOf(betaSchedule(params.schedule as 'linear' | 'cosine', TIMESTEPS)));
        const model = UNetModel.fresh(unetConfig, params.seed, alphas, recipe.prediction, { betaSchedule: params.schedule as 'linear' | 'cosine', timesteps: TIMESTEPS }, params.patch);
        const clip = TransformerTextEncoder.fresh({ maxTokens: params.maxTokens, dim: params.textDim, layers: params.textLayers, heads: 4 }, vocabulary, params.seed + 1);
        const tokens: TokenBatch = clip.tokenize(captions);
        const truncated = tokens.truncated.filter(Boolean).length;
        if (truncated > 0) ctx.warn(`${truncated} caption(s) are longer than maxTokens ${params.maxTokens} allows and were cut — raise maxTokens`, { code: 'caption-truncated' });
        const images = unitImages(dataset);
        const latents = vae.encode(images);
        images.dispose();
        const trainer = new DiffusionTrainer(model, clip, { latents, captions: tokens, empty: clip.tokenize(['']) }, recipe, totalSteps);
        const previewPrompts = params.previewPrompts ?? defaultPreviewPrompts(captions);
        let loss = Number.NaN;
        let finished = false;
        try {
            const { steps, seconds } = await runTrainingLoop({
                ctx, epochs: params.epochs, examples: n, batchSize, totalSteps, seed: params.seed + 2,
                restore(dir) {
                    const resumed = restoreDiffusionCheckpoint(dir, trainer);
                    if (resumed) loss = resumed.lastLoss;
                    return resumed;
                },
                save: (dir, { step, epoch, batch, rng }, order, seconds) =>
                    saveDiffusionCheckpoint(dir, trainer, order, { step, epoch, batch, rng, seconds, lastLoss: loss }, tf),
                step(indices, done, _epoch, rng) {
                    loss = trainer.step(indices, done, rng);
                    if (!Number.isFinite(loss)) throw new FlowError(`training diverged at step ${done + 1}: loss=${loss} — lower learningRate`, 'nan-loss');
                    return { loss };
                },
                preview: {
                    every: previewPrompts.length > 0 ? params.previewEvery : 0,
                    write: step => {
                        const { model: ema, clip: emaClip } = trainer.averagedNetworks();
                        return writePreview(ctx, ema, emaClip, vae, previewPrompts, latents.shape, step, params.seed);
                    },
                },
            });
            finished = true;
            const trained = trainer.averagedNetworks({
                dataset: datasetLabel(ctx), images: n, steps, imageWidth: width, imageHeight: height, imageChannels,
                trainingSeconds: Math.round(seconds), finalLoss: loss, exampleCaptions: exampleCaptions(captions),
                recipe: { ...recipe, batchSize, patch: params.patch, unet: unetConfig, text: clip.config, schedule: params.schedule, backend: currentBackend()?.name ?? tf.getBackend() },
            });
            return { MODEL: trained.model, CLIP: trained.clip, VAE: vae };
        } finally {
            trainer.dispose(!finished);
        }
    },
});
