/**
 * Micro-benchmark of the native addon: raw SGEMM GFLOP/s per micro-kernel and thread count, and
 * each convolution / matmul of the DCGAN train step (batch 64, 28x28x1) on `wasm` with and
 * without the native kernels. Usage: node out/bench/native-kernels.js [--reps N]
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { initBackend } from '../engine/src/backends/select.js';
import { loadNativeAddon, type NativeAddon } from '../engine/src/backends/native/addon.js';
import { registerNativeKernels, unregisterNativeKernels } from '../engine/src/backends/native/register.js';
import { median } from './stats.js';

const repsArg = process.argv.indexOf('--reps');
const REPS = repsArg > 0 ? Number(process.argv[repsArg + 1]) : 9;

/** Median and best wall time in ms. The best is what an idle machine gives; on a shared one the
 * median mostly measures the other processes. */
function timeBoth(f: () => void, reps = REPS): { median: number; best: number } {
    f();
    const ts: number[] = [];
    for (let i = 0; i < reps; i++) {
        const t = performance.now();
        f();
        ts.push(performance.now() - t);
    }
    return { median: median(ts), best: Math.min(...ts) };
}

function gemmTable(addon: NativeAddon): void {
    const info = addon.info();
    const isas = (['generic', 'avx2', 'avx512'] as const).filter(i => addon.setIsa(i));
    const shapes: Array<[number, number, number, string]> = [
        [1024, 1024, 1024, 'square'],
        [3136, 64, 800, 'D conv2 forward (im2col)'],
        [800, 64, 3136, 'D conv2 filter gradient'],
        [3136, 800, 64, 'G convT1 (dy x W^T)'],
        [64, 3136, 100, 'G dense'],
    ];
    console.log(`sgemm GFLOP/s, median (best) of >= ${REPS} runs`);
    for (const isa of isas) {
        addon.setIsa(isa);
        for (const [m, n, k, what] of shapes) {
            const a = new Float32Array(m * k).fill(0.5), b = new Float32Array(k * n).fill(0.25), c = new Float32Array(m * n);
            const row: string[] = [];
            for (const threads of [1, info.threads]) {
                addon.setThreads(threads);
                const t = timeBoth(() => addon.sgemm(false, false, m, n, k, a, b, c, false, true), Math.max(REPS, Math.round(4e9 / (2 * m * n * k))));
                const gflops = (ms: number) => (2 * m * n * k / ms / 1e6).toFixed(1).padStart(6);
                row.push(`${threads}t ${gflops(t.median)} (best ${gflops(t.best)})`);
            }
            addon.setThreads(info.threads);
            console.log(`  ${isa.padEnd(8)} ${`${m}x${n}x${k}`.padEnd(15)} ${row.join('  ')}  ${what}`);
        }
    }
    addon.setIsa(info.bestIsa as 'avx512' | 'avx2' | 'generic');
}

interface Case { name: string; run: () => tf.Tensor | tf.Tensor[] }

function dcganCases(): Case[] {
    const r = (shape: number[]) => tf.randomNormal(shape);
    const x1 = r([64, 28, 28, 1]), w1 = r([5, 5, 1, 32]), y1 = r([64, 14, 14, 32]);
    const x2 = r([64, 14, 14, 32]), w2 = r([5, 5, 32, 64]), y2 = r([64, 7, 7, 64]);
    const g1 = r([64, 7, 7, 64]), gw1 = r([5, 5, 32, 64]);
    const g2 = r([64, 14, 14, 32]), gw2 = r([5, 5, 1, 32]);
    const z = r([64, 100]), wd = r([100, 3136]), h = r([64, 3136]), wo = r([3136, 1]);
    return [
        { name: 'D conv1 fwd  28x28x1->32 k5s2', run: () => tf.conv2d(x1 as tf.Tensor4D, w1 as tf.Tensor4D, 2, 'same') },
        { name: 'D conv1 dW', run: () => tf.grad((w: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x1 as tf.Tensor4D, w as tf.Tensor4D, 2, 'same'), y1)))(w1) },
        { name: 'D conv2 fwd  14x14x32->64 k5s2', run: () => tf.conv2d(x2 as tf.Tensor4D, w2 as tf.Tensor4D, 2, 'same') },
        { name: 'D conv2 dX', run: () => tf.conv2dTranspose(y2 as tf.Tensor4D, w2 as tf.Tensor4D, [64, 14, 14, 32], 2, 'same') },
        { name: 'G convT1 7x7x64->14x14x32', run: () => tf.conv2dTranspose(g1 as tf.Tensor4D, gw1 as tf.Tensor4D, [64, 14, 14, 32], 2, 'same') },
        { name: 'G convT2 14x14x32->28x28x1', run: () => tf.conv2dTranspose(g2 as tf.Tensor4D, gw2 as tf.Tensor4D, [64, 28, 28, 1], 2, 'same') },
        { name: 'G convT1 dW (conv2d dW)', run: () => tf.grad((w: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x2 as tf.Tensor4D, w as tf.Tensor4D, 2, 'same'), y2)))(w2) },
        { name: 'G dense 64x100 . 100x3136', run: () => tf.matMul(z, wd) },
        { name: 'D dense 64x3136 . 3136x1', run: () => tf.matMul(h, wo) },
    ];
}

async function main(): Promise<void> {
    const load = loadNativeAddon();
    if (!load.ok) {
        console.log(`native addon unavailable: ${load.reason}`);
        return;
    }
    console.log('machine load average', (await import('node:os')).loadavg().map(l => l.toFixed(2)).join(' '));
    gemmTable(load.addon);
    await initBackend('wasm');
    const cases = dcganCases();
    const measure = () => cases.map(c => timeBoth(() => tf.tidy(() => {
        const out = c.run();
        (Array.isArray(out) ? out : [out]).forEach(o => o.dataSync());
    })));
    const wasmMs = measure();
    const reg = registerNativeKernels();
    if (!reg.ok) throw new Error(reg.reason);
    const nativeMs = measure();
    unregisterNativeKernels();
    console.log(`\nDCGAN kernels, batch 64, ms median (best): wasm (JS kernels) vs wasm-native (${reg.cpu})`);
    const fmt = (t: { median: number; best: number }) => `${t.median.toFixed(2).padStart(7)} (${t.best.toFixed(2).padStart(6)})`;
    cases.forEach((c, i) => console.log(`  ${c.name.padEnd(34)} ${fmt(wasmMs[i])}  ${fmt(nativeMs[i])}`));
}

main().catch(e => {
    console.error(e);
    process.exit(1);
});
