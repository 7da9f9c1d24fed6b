/**
 * Diffusion benchmark (issue 10): the training step of examples/digits-diffusion.flow's model
 * (TrainDiffusion's own trainer: U-Net base 32 × [1, 2] with attention at 7×7 on the pixel VAE's
 * 14×14×4 latents of 28×28 digits, the 2-layer text encoder, batch 64, v-prediction, fused Adam,
 * EMA) and a KSampler run of 64 latents (20 euler steps, cfg 5: cond and uncond per step) on each
 * backend, and the same U-Net, text encoder, batch and step in PyTorch in the same run.
 *
 * Usage: node out/bench/diffusion-step.js [--backends wasm-native,wasm] [--steps 5] [--warmup 2]
 *                                         [--rounds 2] [--no-torch]
 * Ends with `diffusion-train-step BACKEND MS ms/step RATIOx pytorch` and
 * `diffusion-sample-64 BACKEND MS ms` per backend (PyTorch at the backend's thread count).
 */
import * as tf from '@tensorflow/tfjs-core';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { initBackend, type BackendName } from '../engine/src/backends/index.js';
import { disposeConditioning, encodePrompt } from '../engine/src/diffusion/conditioning.js';
import { TransformerTextEncoder, UNetModel } from '../engine/src/diffusion/models/networks.js';
import type { UNetConfig } from '../engine/src/diffusion/models/unet.js';
import { alphasCumprodOf, betaSchedule, ksample } from '../engine/src/diffusion/sampling/index.js';
import { buildVocabulary } from '../engine/src/diffusion/text/tokenizer.js';
import { DiffusionTrainer } from '../engine/src/diffusion/train/trainer.js';
import { createRng } from '../engine/src/util/rng.js';
import { mnistCaption } from '../nodes/load-mnist/captions.js';
import { parseArgs, type Options } from './dcgan-step.js';
import { median } from './stats.js';

const BATCH = 64;
const LATENT = 14;
const CHANNELS = 4;
const DATA = 512;
export const UNET: UNetConfig = { channels: CHANNELS, baseChannels: 32, channelMult: [1, 2], attentionLevels: [1], groups: 8, heads: 4, contextDim: 64 };
const TEXT = { maxTokens: 16, dim: 64, layers: 2, heads: 4 };
const PYTHON = '/usr/bin/python3';

interface Rig { trainer: DiffusionTrainer; model: UNetModel; clip: TransformerTextEncoder; rng: ReturnType<typeof createRng> }

function makeRig(): Rig {
    const captions = Array.from({ length: DATA }, (_, i) => mnistCaption(i % 10, i));
    const clip = TransformerTextEncoder.fresh(TEXT, buildVocabulary(captions), 2);
    const alphas = Float32Array.from(alphasCumprodOf(betaSchedule('linear')));
    const model = UNetModel.fresh(UNET, 1, alphas, 'v', { betaSchedule: 'linear', timesteps: 1000 }, 2);
    const latents = tf.randomUniform([DATA, LATENT, LATENT, CHANNELS], -1, 1, 'float32', 3) as tf.Tensor4D;
    const recipe = { prediction: 'v' as const, captionDropout: 0.1, wordDropout: 0.05, minSnrGamma: 0, learningRate: 1e-3, warmupSteps: 10, finalLearningRateFraction: 0.1, emaDecay: 0.995 };
    const trainer = new DiffusionTrainer(model, clip, { latents, captions: clip.tokenize(captions), empty: clip.tokenize(['']) }, recipe, 1000);
    return { trainer, model, clip, rng: createRng(4) };
}

async function timeTrain(rig: Rig, steps: number, warmup: number): Promise<number> {
    const times: number[] = [];
    for (let i = 0; i < warmup + steps; i++) {
        const indices = Int32Array.from({ length: BATCH }, () => rig.rng.int(DATA));
        const t0 = performance.now();
        rig.trainer.step(indices, i, rig.rng);
        if (i >= warmup) times.push(performance.now() - t0);
    }
    return median(times);
}

async function timeSample(rig: Rig): Promise<number> {
    const { model, clip } = rig.trainer.averagedNetworks();
    const positive = encodePrompt(clip, 'a handwritten seven').conditioning;
    const negative = encodePrompt(clip, '').conditioning;
    const latent = tf.zeros([BATCH, LATENT, LATENT, CHANNELS]) as tf.Tensor4D;
    try {
        const t0 = performance.now();
        const out = await ksample({ model, seed: 1, steps: 20, cfg: 5, samplerName: 'euler', scheduler: 'normal', positive, negative, latent: { kind: 'LATENT', samples: latent } });
        await out.data();
        const ms = performance.now() - t0;
        out.dispose();
        return ms;
    } finally {
        latent.dispose();
        disposeConditioning(positive);
        disposeConditioning(negative);
    }
}

interface TorchResult { ms: number; sampleMs: number; threads: number; blas: string }

function runTorch(threads: number, opts: Options): TorchResult | string {
    if (!existsSync(PYTHON)) return `${PYTHON} not found`;
    const here = dirname(fileURLToPath(import.meta.url));
    const dir = [here, resolve(here, '../../bench'), resolve(process.cwd(), 'bench')].find(d => existsSync(join(d, 'diffusion_step_pytorch.py')));
    if (!dir) return 'bench/diffusion_step_pytorch.py not found';
    const config = { unet: UNET, batch: BATCH, size: LATENT, tokens: TEXT.maxTokens, text: { ...TEXT, vocabSize: 40 } };
    try {
        const out = execFileSync(PYTHON, [join(dir, 'diffusion_step_pytorch.py'), '--threads', String(threads), '--config', JSON.stringify(config),
            '--steps', String(opts.steps), '--warmup', String(opts.warmup)], {
            encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: String(threads), OPENBLAS_NUM_THREADS: String(threads) },
        });
        return JSON.parse(out.trim().split('\n').pop()!) as TorchResult;
    } catch (e) {
        return `PyTorch peer failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
    }
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
    const opts = parseArgs(argv);
    const rounds = Math.max(1, Math.min(opts.rounds, 2));
    const backends = opts.backends.filter(b => b !== 'cpu' && b !== 'tensorflow') as BackendName[];
    const results = new Map<BackendName, { train: number[]; sample: number[]; ratio: number[]; threads: number }>();
    for (let round = 0; round < rounds; round++) {
        for (const name of backends) {
            let info;
            try {
                info = await initBackend(name);
            } catch (e) {
                if (round === 0) console.log(`skip ${name}: ${e instanceof Error ? e.message : String(e)}`);
                continue;
            }
            const threads = name === 'wasm-native' ? Math.max(1, Number(/(\d+)\s*threads?/.exec(info.nativeCpu ?? '')?.[1] ?? 1)) : 1;
            const rig = makeRig();
            try {
                const train = await timeTrain(rig, opts.steps, opts.warmup);
                const sample = await timeSample(rig);
                const entry = results.get(name) ?? { train: [], sample: [], ratio: [], threads };
                entry.train.push(train);
                entry.sample.push(sample);
                let peer = '';
                if (opts.torch) {
                    const torch = runTorch(threads, opts);
                    if (typeof torch === 'string') peer = `; ${torch}`;
                    else {
                        entry.ratio.push(train / torch.ms);
                        peer = `; PyTorch ${threads} thread(s) ${torch.ms.toFixed(0)} ms/step, sample64 ${torch.sampleMs.toFixed(0)} ms (${torch.blas})`;
                    }
                }
                results.set(name, entry);
                console.log(`[round ${round + 1}] ${name}: train ${train.toFixed(0)} ms/step, sample64 (20 steps, cfg) ${sample.toFixed(0)} ms${peer}`);
            } finally {
                rig.trainer.dispose(true);
            }
        }
    }
    for (const [name, r] of results) {
        const ratio = r.ratio.length ? `${median(r.ratio).toFixed(2)}x pytorch` : 'n/a pytorch';
        console.log(`diffusion-train-step ${name} ${median(r.train).toFixed(1)} ms/step ${ratio}`);
        console.log(`diffusion-sample-64 ${name} ${median(r.sample).toFixed(0)} ms`);
    }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
    main().catch(e => {
        console.error(e instanceof Error ? e.message : e);
        process.exit(1);
    });
}
