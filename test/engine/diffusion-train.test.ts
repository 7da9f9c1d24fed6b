/**
 * Text-to-image diffusion on tiny data (issue 10): TrainDiffusion's loss falls, captions are
 * dropped at the asked rate, a checkpoint saved and loaded back samples exactly the same images,
 * a wrong ckpt_name names the node and lists the checkpoints, unknown prompt words are warnings,
 * and a cancelled training resumes from its checkpoint.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../engine/src/backends/index.js';
import { readCheckpointInfo } from '../../engine/src/diffusion/checkpoint/checkpoint.js';
import { encodeSafetensors } from '../../engine/src/diffusion/checkpoint/safetensors.js';
import { TransformerTextEncoder, UNetModel } from '../../engine/src/diffusion/models/networks.js';
import { alphasCumprodOf, betaSchedule } from '../../engine/src/diffusion/sampling/index.js';
import { buildVocabulary } from '../../engine/src/diffusion/text/tokenizer.js';
import { DiffusionTrainer, captionBatch } from '../../engine/src/diffusion/train/trainer.js';
import { decodePng } from '../../engine/src/util/png.js';
import { createRng } from '../../engine/src/util/rng.js';
import { loadMnistArrays } from '../../nodes/load-mnist/run.js';
import { mnistCaption } from '../../nodes/load-mnist/captions.js';
import { PixelVae } from '../../engine/src/diffusion/models/pixel-vae.js';
import { eventsOf, run, tempDir, writeFlow } from './helpers.js';

const TINY = 'baseChannels: 16, channelMult: [1, 2], attentionLevels: [1], textDim: 32, textLayers: 1, maxTokens: 10';

const trainFlow = (steps: number, extra = '') => `workflow Train {
    digits = LoadMNIST(limit: 128, digits: [1, 7])
    trained = TrainDiffusion(dataset: digits, epochs: 50, maxSteps: ${steps}, batchSize: 16, ${TINY}, previewEvery: 4, seed: 5${extra})
    CheckpointSave(model: trained.MODEL, clip: trained.CLIP, vae: trained.VAE, filename_prefix: "checkpoints/tiny")
    pos = CLIPTextEncode(text: "a handwritten seven", clip: trained.CLIP)
    neg = CLIPTextEncode(text: "", clip: trained.CLIP)
    latent = EmptyLatentImage(width: 28, height: 28, batch_size: 2)
    sampled = KSampler(model: trained.MODEL, positive: pos, negative: neg, latent_image: latent, seed: 9, steps: 6, cfg: 3, sampler_name: "euler_ancestral")
    images = VAEDecode(samples: sampled, vae: trained.VAE)
    SaveImages(images: images, prefix: "direct/img")
}
`;

const loadFlow = (name: string, prompt = 'a handwritten seven') => `workflow Load {
    ckpt = CheckpointLoaderSimple(ckpt_name: "${name}")
    pos = CLIPTextEncode(text: "${prompt}", clip: ckpt.CLIP)
    neg = CLIPTextEncode(text: "", clip: ckpt.CLIP)
    latent = EmptyLatentImage(width: 28, height: 28, batch_size: 2)
    sampled = KSampler(model: ckpt.MODEL, positive: pos, negative: neg, latent_image: latent, seed: 9, steps: 6, cfg: 3, sampler_name: "euler_ancestral")
    images = VAEDecode(samples: sampled, vae: ckpt.VAE)
    SaveImages(images: images, prefix: "loaded/img")
}
`;

function pixelsIn(dir: string): Buffer[] {
    return fs.readdirSync(dir).filter(f => f.endsWith('.png')).sort().map(f => Buffer.from(decodePng(fs.readFileSync(path.join(dir, f))).rgba));
}

describe('TrainDiffusion on tiny data', function () {
    this.timeout(300_000);

    before(async () => {
        await initBackend(process.env.FLOWSTUDIO_TEST_BACKEND);
    });

    it('the loss falls over 120 steps', () => {
        const STEPS = 120;
        const { pixels, labels } = loadMnistArrays(64, [1, 7]);
        const captions = Array.from(labels, (d, i) => mnistCaption(d, i));
        const vae = new PixelVae({ imageChannels: 1, patch: 2 });
        const vocabulary = buildVocabulary(captions);
        const alphas = Float32Array.from(alphasCumprodOf(betaSchedule('linear')));
        const model = UNetModel.fresh({ channels: 4, baseChannels: 16, channelMult: [1, 2], attentionLevels: [1], groups: 8, heads: 4, contextDim: 32 }, 1, alphas, 'v', { betaSchedule: 'linear', timesteps: 1000 }, 2);
        const clip = TransformerTextEncoder.fresh({ maxTokens: 10, dim: 32, layers: 1, heads: 4 }, vocabulary, 2);
        const images = tf.tensor4d(pixels, [64, 28, 28, 1]);
        const latents = vae.encode(images);
        images.dispose();
        const recipe = { prediction: 'v' as const, captionDropout: 0.1, wordDropout: 0.05, minSnrGamma: 0, learningRate: 2e-3, warmupSteps: 10, finalLearningRateFraction: 0.1, emaDecay: 0.99 };
        const trainer = new DiffusionTrainer(model, clip, { latents, captions: clip.tokenize(captions), empty: clip.tokenize(['']) }, recipe, STEPS);
        const rng = createRng(3);
        const losses: number[] = [];
        try {
            for (let step = 0; step < STEPS; step++) {
                const indices = Int32Array.from({ length: 16 }, () => rng.int(64));
                losses.push(trainer.step(indices, step, rng));
            }
        } finally {
            trainer.dispose(true);
        }
        const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
        const first = mean(losses.slice(0, 10));
        const last = mean(losses.slice(-10));
        assert.ok(losses.every(Number.isFinite), 'finite losses');
        assert.ok(last < 0.7 * first, `loss falls: first 10 steps ${first.toFixed(4)}, last 10 ${last.toFixed(4)}`);
    });

    it('drops captions at the asked rate, to exactly the empty prompt', () => {
        const T = 6;
        const captions = { ids: Int32Array.from({ length: 100 * T }, (_, i) => 10 + i), mask: new Float32Array(100 * T).fill(1), unknownWords: [], truncated: [] };
        const empty = { ids: Int32Array.from([2, 3, 0, 0, 0, 0]), mask: Float32Array.from([1, 1, 0, 0, 0, 0]), unknownWords: [], truncated: [] };
        const rng = createRng(1);
        let dropped = 0;
        let total = 0;
        for (let b = 0; b < 200; b++) {
            const indices = Int32Array.from({ length: 50 }, (_, i) => (b + i) % 100);
            const batch = captionBatch({ captions, empty }, indices, T, 0.1, rng);
            batch.dropped.forEach((d, i) => {
                const row = Array.from(batch.ids.subarray(i * T, (i + 1) * T));
                assert.deepEqual(row, d ? [2, 3, 0, 0, 0, 0] : Array.from(captions.ids.subarray(indices[i] * T, (indices[i] + 1) * T)));
                if (d) dropped++;
            });
            total += indices.length;
        }
        // 10,000 Bernoulli(0.1) draws: standard deviation 0.003.
        assert.ok(Math.abs(dropped / total - 0.1) < 0.015, `dropped ${dropped} of ${total}`);
        assert.equal(captionBatch({ captions, empty }, Int32Array.from([1, 2]), T, 0, rng).dropped.some(Boolean), false);
    });

    it('replaces caption words (never <bos>, <eos> or padding) by <unk> at the word-dropout rate', () => {
        const T = 8;
        // <bos> w w w w <eos> <pad> <pad>, words with ids 10..13.
        const row = [2, 10, 11, 12, 13, 3, 0, 0];
        const captions = { ids: Int32Array.from({ length: 50 * T }, (_, i) => row[i % T]), mask: new Float32Array(50 * T).fill(1), unknownWords: [], truncated: [] };
        const empty = { ids: Int32Array.from([2, 3, 0, 0, 0, 0, 0, 0]), mask: new Float32Array(T), unknownWords: [], truncated: [] };
        const batch = captionBatch({ captions, empty }, Int32Array.from({ length: 50 }, (_, i) => i), T, 0, createRng(2), 0.25);
        let unknown = 0;
        for (let i = 0; i < 50; i++) {
            const got = Array.from(batch.ids.subarray(i * T, (i + 1) * T));
            assert.deepEqual([got[0], got[5], got[6], got[7]], [2, 3, 0, 0], 'specials untouched');
            got.slice(1, 5).forEach((id, k) => {
                assert.ok(id === row[k + 1] || id === 1, `a word or <unk>, got ${id}`);
                if (id === 1) unknown++;
            });
        }
        // 200 Bernoulli(0.25) draws: 50 expected, standard deviation 6.1.
        assert.ok(unknown > 25 && unknown < 75, `${unknown} of 200 words became <unk>`);
    });

    it('a saved checkpoint loads back and samples identical images; its metadata says how it was trained', async () => {
        const dir = tempDir();
        const trained = await run({ file: writeFlow(dir, 'train.flow', trainFlow(8)) });
        assert.equal(trained.status, 'success', trained.message);
        const checkpointDir = path.join(dir, 'flow-output', 'Train', 'checkpoints');
        assert.deepEqual(fs.readdirSync(checkpointDir), ['tiny_00001_.safetensors']);
        const info = readCheckpointInfo(path.join(checkpointDir, 'tiny_00001_.safetensors'));
        assert.equal(info.metadata.steps, 8);
        assert.equal(info.metadata.images, 128);
        assert.equal(info.metadata.imageWidth, 28);
        assert.match(info.metadata.dataset, /^LoadMNIST\(/);
        assert.ok(info.metadata.vocabularySize > 4 && Number.isFinite(info.metadata.finalLoss));
        const examples = info.metadata.exampleCaptions ?? [];
        assert.ok(examples.includes('a handwritten seven') && examples.length === new Set(examples).size, `distinct example captions: ${JSON.stringify(examples)}`);
        assert.ok(eventsOf(trained.events, 'preview').some(e => e.node === 'trained'), 'preview grids while training');
        const samplingPreviews = eventsOf(trained.events, 'preview').filter(e => e.node === 'sampled');
        assert.deepEqual(samplingPreviews.map(e => e.step), [1, 2, 3, 4, 5], 'KSampler previews its denoised estimate before the last step');
        assert.ok(samplingPreviews.every(e => fs.existsSync(e.path) && e.width > 56), 'PNG grids of the batch, doubled');

        const loaded = await run({ file: writeFlow(dir, 'load.flow', loadFlow('tiny_00001_.safetensors')) });
        assert.equal(loaded.status, 'success', loaded.message);
        const direct = pixelsIn(path.join(dir, 'flow-output', 'Train', 'direct'));
        const fromFile = pixelsIn(path.join(dir, 'flow-output', 'Load', 'loaded'));
        assert.equal(direct.length, 2);
        assert.ok(direct.every((p, i) => p.equals(fromFile[i])), 'same pixels from the trained values and from the checkpoint');
        assert.ok(!direct[0].equals(direct[1]), 'the two images of a batch differ');
    });

    it('a wrong ckpt_name is an error naming the node and listing the checkpoints; unknown prompt words are warnings', async () => {
        const dir = tempDir();
        assert.equal((await run({ file: writeFlow(dir, 'train.flow', trainFlow(2)) })).status, 'success');
        // The language warns (checkpoint-not-found, with did-you-mean); the loader fails the run naming the node.
        const wrong = await run({ file: writeFlow(dir, 'load.flow', loadFlow('tiny.safetensors')) });
        assert.equal(wrong.status, 'error');
        const error = eventsOf(wrong.events, 'error')[0];
        assert.equal(error.node, 'ckpt');
        assert.match(error.message, /checkpoint "tiny\.safetensors" not found; checkpoints found: tiny_00001_\.safetensors/);

        const odd = await run({ file: writeFlow(dir, 'odd.flow', loadFlow('tiny_00001_.safetensors', 'a handwritten zebra seven')) });
        assert.equal(odd.status, 'success', odd.message);
        const warning = eventsOf(odd.events, 'warning').find(w => w.node === 'pos');
        assert.ok(warning, 'a warning from CLIPTextEncode');
        assert.equal(warning.code, 'unknown-prompt-word');
        assert.deepEqual(warning.items, ['zebra']);
    });

    it('cancelling mid-sampling stops KSampler at the next step', async () => {
        const dir = tempDir();
        assert.equal((await run({ file: writeFlow(dir, 'train.flow', trainFlow(2)) })).status, 'success');
        const controller = new AbortController();
        const long = loadFlow('tiny_00001_.safetensors').replace('steps: 6', 'steps: 400');
        const cancelled = await run({
            file: writeFlow(dir, 'long.flow', long), signal: controller.signal,
            onEvent: e => { if (e.event === 'progress' && e.node === 'sampled' && e.value >= 3) controller.abort(); },
        });
        assert.equal(cancelled.status, 'cancelled');
        const reached = Math.max(...eventsOf(cancelled.events, 'progress').filter(e => e.node === 'sampled').map(e => e.value));
        assert.ok(reached < 50, `stopped soon after the cancel, at step ${reached} of 400`);
    });

    it('a damaged file or a safetensors file from elsewhere is a clear error naming the file', async () => {
        const dir = tempDir();
        const folder = path.join(dir, 'models', 'checkpoints');
        fs.mkdirSync(folder, { recursive: true });
        fs.writeFileSync(path.join(folder, 'broken.safetensors'), 'not a checkpoint at all');
        fs.writeFileSync(path.join(folder, 'foreign.safetensors'), encodeSafetensors(new Map([['w', { shape: [2], data: Float32Array.from([1, 2]) }]]), { modelspec: 'x' }));
        for (const [name, reason] of [['broken', /impossible|too short/], ['foreign', /not a Flow Studio checkpoint/]] as const) {
            const result = await run({ file: writeFlow(dir, `${name}.flow`, loadFlow(`${name}.safetensors`)) });
            assert.equal(result.status, 'error');
            const error = eventsOf(result.events, 'error')[0];
            assert.equal(error.node, 'ckpt');
            assert.match(error.message, new RegExp(`cannot read checkpoint .*${name}\\.safetensors`));
            assert.match(error.message, reason);
        }
    });

    it('a cancelled training resumes from its checkpoint on the next run', async () => {
        const dir = tempDir();
        const file = writeFlow(dir, 'train.flow', trainFlow(12));
        const controller = new AbortController();
        const first = await run({
            file, signal: controller.signal,
            onEvent: e => { if (e.event === 'preview' && e.node === 'trained') controller.abort(); },
        });
        assert.equal(first.status, 'cancelled');
        const second = await run({ file });
        assert.equal(second.status, 'success', second.message);
        const progress = eventsOf(second.events, 'progress').filter(e => e.node === 'trained');
        assert.equal(progress[0].metrics?.resumedFrom, 4, 'resumes after the 4 steps done before the cancel');
        assert.equal(progress.at(-1)!.value, 12);
    });
});
