/**
 * Diffusion U-Net training-step benchmark: the 28×28 pixel-space configuration (1 channel, base
 * 32 channels × [1, 2, 2], attention at the lowest level, 8 groups, 4 heads) with the 2-layer
 * text encoder, batch 64, 8 tokens, noise-prediction MSE, the engine's Adam; one step trains both
 * networks. Median of `--steps` after `--warmup`, per round; the figure is the median over
 * `--rounds` (each round measures every backend back to back: the machine is usually shared).
 *
 * Usage: node out/bench/diffusion-unet-step.js [--backends wasm-native,wasm] [--steps 5]
 *                                              [--warmup 2] [--rounds 3] [--with-cpu]
 * Ends with one line per backend: `diffusion-unet-step BACKEND MS ms/step`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { initBackend, type BackendName } from '../engine/src/backends/index.js';
import { defineTextEncoder, textEncoderForward, type TextEncoderConfig } from '../engine/src/diffusion/models/text-encoder.js';
import { defineUNet, unetForward, type UNetConfig } from '../engine/src/diffusion/models/unet.js';
import { adam } from '../engine/src/optim/adam.js';
import { parseArgs } from './dcgan-step.js';
import { median } from './stats.js';

const BATCH = 64, TOKENS = 8, SIZE = 28;
export const UNET_PIX28: UNetConfig = { channels: 1, baseChannels: 32, channelMult: [1, 2, 2], attentionLevels: [2], groups: 8, heads: 4, contextDim: 64 };
const TEXT: TextEncoderConfig = { vocabSize: 60, maxTokens: 12, dim: 64, layers: 2, heads: 4 };

interface Timing { wall: number; cpu: number }

function measure(steps: number, warmup: number): Timing {
    const unet = defineUNet(UNET_PIX28, 1);
    const text = defineTextEncoder(TEXT, 2);
    const opt = adam(1e-3, 0.9);
    const vars = [...unet.variables, ...text.variables];
    const x = tf.randomNormal([BATCH, SIZE, SIZE, 1], 0, 1, 'float32', 3) as tf.Tensor4D;
    const t = tf.randomUniform([BATCH], 0, 999, 'float32', 4) as tf.Tensor1D;
    const ids = tf.tensor2d(Array.from({ length: BATCH * TOKENS }, (_, i) => (i * 7) % TEXT.vocabSize), [BATCH, TOKENS], 'int32');
    const mask = tf.ones([BATCH, TOKENS]) as tf.Tensor2D;
    const target = tf.randomNormal(x.shape, 0, 1, 'float32', 5);
    const step = (): void => {
        const loss = opt.minimize(() => {
            const context = textEncoderForward(text, TEXT, ids, mask);
            return tf.mean(tf.square(tf.sub(unetForward(unet, UNET_PIX28, x, t, context, mask), target))) as tf.Scalar;
        }, true, vars);
        loss?.dataSync();
        loss?.dispose();
    };
    try {
        for (let i = 0; i < warmup; i++) step();
        const wall: number[] = [], cpu: number[] = [];
        for (let i = 0; i < steps; i++) {
            const t0 = performance.now(), c0 = process.cpuUsage();
            step();
            wall.push(performance.now() - t0);
            const c = process.cpuUsage(c0);
            cpu.push((c.user + c.system) / 1000);
        }
        return { wall: median(wall), cpu: median(cpu) };
    } finally {
        opt.dispose();
        unet.dispose();
        text.dispose();
        tf.dispose([x, t, ids, mask, target]);
    }
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<string[]> {
    const opts = parseArgs(argv);
    const explicit = argv.some(a => a.startsWith('--backends'));
    // ~minutes per step on cpu: only when asked.
    const backends = (explicit ? opts.backends : ['wasm-native', 'wasm'] as BackendName[]).filter(b => b !== 'cpu' || opts.withCpu);
    const steps = argv.some(a => a.startsWith('--steps')) ? opts.steps : 5;
    const warmup = argv.some(a => a.startsWith('--warmup')) ? opts.warmup : 2;
    const results = new Map<string, Timing[]>();
    const lines: string[] = [];
    for (let round = 0; round < opts.rounds; round++) {
        for (const name of backends) {
            try {
                await initBackend(name);
            } catch (e) {
                if (round === 0) lines.push(`skip ${name}: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
                continue;
            }
            const r = measure(steps, warmup);
            console.log(`[round ${round + 1}] ${name}: ${r.wall.toFixed(0)} ms/step (CPU ${r.cpu.toFixed(0)} ms), median of ${steps}`);
            results.set(name, [...results.get(name) ?? [], r]);
        }
    }
    for (const [name, rs] of results) {
        lines.push(`diffusion-unet-step ${name} ${median(rs.map(r => r.wall)).toFixed(0)} ms/step (CPU ${median(rs.map(r => r.cpu)).toFixed(0)} ms)`);
    }
    return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
    main().then(lines => console.log(lines.join('\n'))).catch(e => {
        process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
        process.exit(1);
    });
}
