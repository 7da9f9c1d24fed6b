/**
 * A real Flow Studio checkpoint, tiny and untrained, made with the engine's own networks and
 * `encodeCheckpoint` (the format CheckpointSave writes): a vocabulary built from `captions`,
 * the example captions TrainDiffusion records, and metadata. Loads and samples in milliseconds
 * (8x8 one-channel images), for protocol and e2e tests of prompt IntelliSense.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initBackend } from '../../engine/src/backends/index.js';
import { encodeCheckpoint } from '../../engine/src/diffusion/checkpoint/checkpoint.js';
import { exampleCaptions } from '../../engine/src/diffusion/checkpoint/example-captions.js';
import { PixelVae } from '../../engine/src/diffusion/models/pixel-vae.js';
import { TransformerTextEncoder, UNetModel } from '../../engine/src/diffusion/models/networks.js';
import { alphasCumprodOf, betaSchedule } from '../../engine/src/diffusion/sampling/index.js';
import { buildVocabulary } from '../../engine/src/diffusion/text/tokenizer.js';

export interface TinyCheckpointOptions {
    readonly dataset?: string;
    readonly steps?: number;
    readonly finalLoss?: number;
    readonly workflow?: string;
}

export async function writeTinyCheckpoint(file: string, captions: readonly string[], options: TinyCheckpointOptions = {}): Promise<void> {
    await initBackend('cpu');
    const vocabulary = buildVocabulary(captions);
    const alphas = Float32Array.from(alphasCumprodOf(betaSchedule('linear', 1000)));
    const vae = new PixelVae({ imageChannels: 1, patch: 2 });
    const model = UNetModel.fresh({ channels: vae.latentChannels, baseChannels: 8, channelMult: [1], attentionLevels: [], groups: 4, heads: 2, contextDim: 8 }, 1, alphas, 'v', { betaSchedule: 'linear', timesteps: 1000 }, 2);
    const clip = TransformerTextEncoder.fresh({ maxTokens: 12, dim: 8, layers: 1, heads: 2 }, vocabulary, 2);
    const metadata = {
        dataset: options.dataset ?? 'Captions(test)', images: captions.length, steps: options.steps ?? 12, imageWidth: 8, imageHeight: 8, imageChannels: 1,
        trainingSeconds: 1, finalLoss: options.finalLoss ?? 0.25, recipe: {}, exampleCaptions: exampleCaptions(captions),
        vocabularySize: vocabulary.size, date: new Date().toISOString(), workflow: options.workflow ?? 'Tiny',
    };
    const bytes = encodeCheckpoint({ model: await model.save(), clip: await clip.save(), vae: await vae.save(), metadata });
    model.dispose();
    clip.dispose();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Atomic, as CheckpointSave writes: a watcher never sees half a file.
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, bytes);
    fs.renameSync(temp, file);
}
