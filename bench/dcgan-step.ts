/**
 * DCGAN training-step benchmark (issue 4): the same model on every available TensorFlow.js
 * backend and, when /usr/bin/python3 has torch, in PyTorch in the same run.
 *
 *   G: dense(100→7·7·64)+BN+LeakyReLU, conv2dTranspose 64→32 k5 s2 +BN+LeakyReLU,
 *      conv2dTranspose 32→1 k5 s2 tanh
 *   D: conv2d 1→32 k5 s2, LeakyReLU, conv2d 32→64 k5 s2, LeakyReLU, dense 1
 *   batch 64, Adam(2e-4, 0.5) (engine/src/optim/adam.ts, as the engine trains); a step is one D step + one G step; median of 7 after warm-up.
 *   Also: sampling 64 images.
 *
 * Usage: node out/bench/dcgan-step.js [--with-cpu] [--backends wasm,cpu] [--steps 7] [--warmup 3]
 *                                     [--rounds 3] [--no-torch]
 * Ends with one line per backend: `dcgan-train-step BACKEND MS ms/step RATIOx pytorch`, the
 * ratio taken against PyTorch at the backend's thread count (wasm: 1, wasm-native: the addon's).
 *
 * The machine is usually shared, so each round measures every backend and then PyTorch back to
 * back, and the figures are medians over rounds of per-round medians: load spikes hit both
 * sides of a ratio alike. cpu training (~100 s/step) runs once, with fewer steps.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BACKEND_ORDER, initBackend, type BackendInfo, type BackendName } from '../engine/src/backends/index.js';
import { adam } from '../engine/src/optim/adam.js';
import { median } from './stats.js';

const BATCH = 64;
const LATENT = 100;
const PYTHON = '/usr/bin/python3';

export interface Options {
    withCpu: boolean;
    backends: BackendName[];
    steps: number;
    warmup: number;
    torch: boolean;
    rounds: number;
}

export function parseArgs(argv: string[]): Options {
    const opts: Options = { withCpu: false, backends: [...BACKEND_ORDER], steps: 7, warmup: 3, torch: true, rounds: 3 };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const value = (): string => {
            const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
            if (v === undefined) throw new Error(`${a} needs a value`);
            return v;
        };
        if (a === '--with-cpu') opts.withCpu = true;
        else if (a === '--no-torch') opts.torch = false;
        else if (a.startsWith('--backends')) opts.backends = value().split(',').map(s => s.trim()) as BackendName[];
        else if (a.startsWith('--steps')) opts.steps = Number(value());
        else if (a.startsWith('--warmup')) opts.warmup = Number(value());
        else if (a.startsWith('--rounds')) opts.rounds = Math.max(1, Number(value()));
        // bench/run-all.ts passes every benchmark the same arguments (names to select, their flags).
        else continue;
    }
    return opts;
}

export function buildGenerator(): tfl.Sequential {
    const g = tfl.sequential();
    g.add(tfl.layers.dense({ inputShape: [LATENT], units: 7 * 7 * 64, useBias: false }));
    g.add(tfl.layers.batchNormalization());
    g.add(tfl.layers.leakyReLU({ alpha: 0.2 }));
    g.add(tfl.layers.reshape({ targetShape: [7, 7, 64] }));
    g.add(tfl.layers.conv2dTranspose({ filters: 32, kernelSize: 5, strides: 2, padding: 'same', useBias: false }));
    g.add(tfl.layers.batchNormalization());
    g.add(tfl.layers.leakyReLU({ alpha: 0.2 }));
    g.add(tfl.layers.conv2dTranspose({ filters: 1, kernelSize: 5, strides: 2, padding: 'same', activation: 'tanh' }));
    return g;
}

export function buildDiscriminator(): tfl.Sequential {
    const d = tfl.sequential();
    d.add(tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 5, strides: 2, padding: 'same' }));
    d.add(tfl.layers.leakyReLU({ alpha: 0.2 }));
    d.add(tfl.layers.conv2d({ filters: 64, kernelSize: 5, strides: 2, padding: 'same' }));
    d.add(tfl.layers.leakyReLU({ alpha: 0.2 }));
    d.add(tfl.layers.flatten());
    d.add(tfl.layers.dense({ units: 1 }));
    return d;
}

export interface Gan {
    step(): { dLoss: number; gLoss: number };
    sample(): Float32Array;
    dispose(): void;
}

/** The training step the PyTorch peer mirrors: D on G(z) without gradients, then G through D. */
export function makeGan(real: tf.Tensor4D): Gan {
    const g = buildGenerator();
    const d = buildDiscriminator();
    // The engine's optimizer (train-gan.ts): tf.train.adam's results, one kernel per variable.
    const dOpt = adam(2e-4, 0.5);
    const gOpt = adam(2e-4, 0.5);
    const dVars = d.trainableWeights.map(w => w.read() as tf.Variable);
    const gVars = g.trainableWeights.map(w => w.read() as tf.Variable);
    const ones = tf.ones([BATCH, 1]);
    const zeros = tf.zeros([BATCH, 1]);
    const D = (x: tf.Tensor): tf.Tensor => d.apply(x, { training: true }) as tf.Tensor;
    const G = (z: tf.Tensor): tf.Tensor => g.apply(z, { training: true }) as tf.Tensor;
    return {
        step() {
            return tf.tidy(() => {
                const z = tf.randomNormal([BATCH, LATENT]);
                const fake = G(z);
                const dLoss = dOpt.minimize(() => tf.add(
                    tf.losses.sigmoidCrossEntropy(ones, D(real)),
                    tf.losses.sigmoidCrossEntropy(zeros, D(fake))) as tf.Scalar, true, dVars)!;
                const gLoss = gOpt.minimize(() =>
                    tf.losses.sigmoidCrossEntropy(ones, D(G(z))) as tf.Scalar, true, gVars)!;
                return { dLoss: dLoss.dataSync()[0], gLoss: gLoss.dataSync()[0] };
            });
        },
        sample() {
            return tf.tidy(() => (g.apply(tf.randomNormal([BATCH, LATENT]), { training: false }) as tf.Tensor).dataSync() as Float32Array);
        },
        dispose() {
            g.dispose();
            d.dispose();
            dOpt.dispose();
            gOpt.dispose();
            tf.dispose([ones, zeros]);
        },
    };
}

/** Median wall-clock and process CPU milliseconds per call. */
function timeMedian(fn: () => unknown, steps: number, warmup: number): { wall: number; cpu: number } {
    for (let i = 0; i < warmup; i++) fn();
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < steps; i++) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        fn();
        wall.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
    }
    return { wall: median(wall), cpu: median(cpu) };
}

export interface BackendResult {
    backend: BackendName;
    threads: number;
    trainMs?: number;
    /** Process CPU time per step: robust to other load when the backend uses one thread. */
    trainCpuMs?: number;
    trainSteps?: number;
    sampleMs: number;
    /** Against PyTorch at the same or fewer threads (median of per-round ratios). */
    trainRatio?: number;
    sampleRatio?: number;
    note?: string;
}

function threadsOf(info: BackendInfo): number {
    if (info.name === 'wasm-native') {
        const m = /(\d+)\s*threads?/.exec(info.nativeCpu ?? '');
        return Math.max(info.wasm?.threads ?? 1, m ? Number(m[1]) : 1);
    }
    if (info.name === 'wasm') return info.wasm?.threads ?? 1;
    if (info.name === 'tensorflow') return cpus().length;
    return 1;
}

interface Prepared { name: BackendName; info: BackendInfo; gan: Gan; real: tf.Tensor4D }

async function measureBackend(name: BackendName, opts: Options, round: number, log: (s: string) => void): Promise<BackendResult | undefined> {
    let info: BackendInfo;
    try {
        info = await initBackend(name);
    } catch (e) {
        if (round === 0) log(`skip ${name}: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
    }
    const real = tf.randomUniform([BATCH, 28, 28, 1], -1, 1) as tf.Tensor4D;
    const prepared: Prepared = { name, info, gan: makeGan(real), real };
    try {
        return measure(prepared, opts, round, log);
    } finally {
        prepared.gan.dispose();
        real.dispose();
    }
}

function measure({ name, info, gan }: Prepared, opts: Options, round: number, log: (s: string) => void): BackendResult {
    const result: BackendResult = { backend: name, threads: threadsOf(info), sampleMs: 0 };
    const trainCpu = name === 'cpu' && opts.withCpu && round === 0;
    if (name !== 'cpu' || trainCpu) {
        // cpu takes ~100 s per step: fewer steps, said in the output.
        const steps = name === 'cpu' ? Math.min(opts.steps, 3) : opts.steps;
        const warmup = name === 'cpu' ? 1 : opts.warmup;
        const t = timeMedian(() => gan.step(), steps, warmup);
        result.trainMs = t.wall;
        result.trainCpuMs = t.cpu;
        result.trainSteps = steps;
    } else if (!opts.withCpu) {
        result.note = 'training skipped (pass --with-cpu; ~100 s/step)';
    }
    result.sampleMs = timeMedian(() => gan.sample(), opts.steps, opts.warmup).wall;
    const kernels = [...info.nativeKernels.map(k => `${k}(native)`), ...info.kernels.filter(k => !info.nativeKernels.includes(k))];
    log(`[round ${round + 1}] ${name}: ${result.threads} thread(s)${info.wasm ? `, wasm ${info.wasm.simd ? 'SIMD' : 'plain'}` : ''}` +
        `${info.nativeCpu ? `, native ${info.nativeCpu}` : ''}; train ${fmt(result.trainMs)} ms/step` +
        `${result.trainCpuMs !== undefined ? ` (CPU ${fmt(result.trainCpuMs)} ms)` : ''}` +
        `${result.trainSteps ? ` (median of ${result.trainSteps})` : ''}, sample64 ${fmt(result.sampleMs)} ms` +
        `${result.note ? `; ${result.note}` : ''}` +
        `${round === 0 && kernels.length ? `\n    kernels: ${kernels.join(', ')}` : ''}` +
        `${round === 0 && info.gradients.length ? `\n    cheaper gradients: ${info.gradients.join(', ')}` : ''}`);
    return result;
}

export interface TorchResult { torch: string; threads: number; blas: string; train_ms: number; train_cpu_ms: number; sample_ms: number }

function torchAvailable(): string | undefined {
    if (!existsSync(PYTHON)) return `${PYTHON} not found`;
    try {
        execFileSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' });
        return undefined;
    } catch {
        return `${PYTHON} cannot import torch (run scripts/bench-setup.sh)`;
    }
}

function benchDir(): string {
    // out/bench/dcgan-step.js → bench/ (the .py file is not compiled).
    const here = dirname(fileURLToPath(import.meta.url));
    for (const dir of [here, resolve(here, '../../bench'), resolve(process.cwd(), 'bench')]) {
        if (existsSync(join(dir, 'dcgan_step_pytorch.py'))) return dir;
    }
    return resolve(process.cwd(), 'bench');
}

function runTorch(threads: number, opts: Options): TorchResult {
    const out = execFileSync(PYTHON, [join(benchDir(), 'dcgan_step_pytorch.py'), '--threads', String(threads),
        '--steps', String(opts.steps), '--warmup', String(opts.warmup)], {
        encoding: 'utf8',
        env: { ...process.env, OMP_NUM_THREADS: String(threads), OPENBLAS_NUM_THREADS: String(threads) },
    });
    return JSON.parse(out.trim().split('\n').pop()!) as TorchResult;
}

function fmt(ms: number | undefined): string {
    return ms === undefined ? 'n/a' : ms < 10 ? ms.toFixed(2) : ms.toFixed(1);
}

function medianOf(xs: (number | undefined)[]): number | undefined {
    const v = xs.filter((x): x is number => x !== undefined);
    return v.length ? median(v) : undefined;
}

/** Prints the benchmark (run-all contract: results are printed, nothing returned). */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
    await benchmark(parseArgs(argv), s => { process.stdout.write(s + '\n'); });
}

/** Runs the benchmark, logging progress and the result lines; returns per-backend figures. */
export async function benchmark(opts: Options, log: (line: string) => void): Promise<BackendResult[]> {
    log(`DCGAN step benchmark: batch ${BATCH}, median of ${opts.steps} after ${opts.warmup} warm-up, ${opts.rounds} round(s); ` +
        `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), load average ${loadavg()[0].toFixed(2)}`);
    const why = opts.torch ? torchAvailable() : 'disabled (--no-torch)';
    if (why) log(`pytorch: ${why}`);
    const perBackend = new Map<BackendName, BackendResult[]>();
    const torch = new Map<number, TorchResult[]>();
    for (let round = 0; round < opts.rounds; round++) {
        for (const name of opts.backends) {
            if (round > 0 && !perBackend.has(name)) continue;
            const r = await measureBackend(name, opts, round, log);
            if (r) perBackend.set(name, [...(perBackend.get(name) ?? []), r]);
        }
        if (why) continue;
        for (const threads of [1, 2]) {
            try {
                const t = runTorch(threads, opts);
                const runs = torch.get(threads) ?? [];
                runs[round] = t;
                torch.set(threads, runs);
                log(`[round ${round + 1}] pytorch ${t.torch} ${t.threads} thread(s), BLAS ${blasName(t.blas)}: ` +
                    `train ${fmt(t.train_ms)} ms/step (CPU ${fmt(t.train_cpu_ms)} ms), sample64 ${fmt(t.sample_ms)} ms`);
            } catch (e) {
                log(`pytorch ${threads} thread(s) failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
            }
        }
    }
    // The peer of a backend using N threads is PyTorch's fastest run with at most N threads in
    // the same round: on a loaded machine OpenMP/OpenBLAS threads spin and 2 threads can be far
    // slower than 1, which must not flatter the comparison.
    const peerIn = (round: number, threads: number, metric: (t: TorchResult) => number): number | undefined => {
        const runs = [...torch].filter(([n]) => n <= Math.max(1, threads)).map(([, ts]) => ts[round]).filter(Boolean);
        return runs.length ? Math.min(...runs.map(metric)) : undefined;
    };
    const ratio = (name: BackendName, pick: (r: BackendResult) => number | undefined, metric: (t: TorchResult) => number) =>
        medianOf((perBackend.get(name) ?? []).map((r, round) => {
            const mine = pick(r);
            const peer = peerIn(round, r.threads, metric);
            return mine === undefined || peer === undefined ? undefined : mine / peer;
        }));
    log(`load average now ${loadavg()[0].toFixed(2)}; figures are medians over rounds, ratios medians of per-round ratios`);
    for (const [threads, ts] of torch) {
        log(`pytorch-train-step ${threads} thread(s) ${fmt(medianOf(ts.map(t => t.train_ms)))} ms/step, ` +
            `sample64 ${fmt(medianOf(ts.map(t => t.sample_ms)))} ms`);
    }
    const results: BackendResult[] = [...perBackend.entries()].map(([name, rs]) => ({
        ...rs[0],
        trainMs: medianOf(rs.map(r => r.trainMs)),
        sampleMs: medianOf(rs.map(r => r.sampleMs))!,
        trainRatio: ratio(name, r => r.trainMs, t => t.train_ms),
        sampleRatio: ratio(name, r => r.sampleMs, t => t.sample_ms),
    }));
    const x = (v: number | undefined): string => v === undefined ? 'n/a' : `${v.toFixed(2)}x`;
    // CPU time per step is what a step costs when it has a core to itself; for single-threaded
    // backends it is compared with single-threaded PyTorch's, whatever else the machine runs.
    const torch1 = torch.get(1) ?? [];
    for (const [name, rs] of perBackend) {
        if (rs[0].threads !== 1 || rs.every(r => r.trainCpuMs === undefined)) continue;
        const cpuRatio = medianOf(rs.map((r, round) => r.trainCpuMs !== undefined && torch1[round]
            ? r.trainCpuMs / torch1[round].train_cpu_ms : undefined));
        log(`cpu-time ${name} ${fmt(medianOf(rs.map(r => r.trainCpuMs)))} ms/step vs pytorch 1 thread ` +
            `${fmt(medianOf(torch1.map(t => t?.train_cpu_ms)))} ms/step: ${x(cpuRatio)}`);
    }
    for (const r of results) log(`dcgan-sample-64 ${r.backend} ${fmt(r.sampleMs)} ms ${x(r.sampleRatio)} pytorch`);
    for (const r of results) log(`dcgan-train-step ${r.backend} ${fmt(r.trainMs)} ms/step ${x(r.trainRatio)} pytorch`);
    return results;
}

function blasName(blas: string): string {
    if (/openblas/i.test(blas)) return 'OpenBLAS';
    if (/blas/i.test(blas)) return `reference/other (${blas})`;
    return blas;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
    main().catch(e => {
        process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
        process.exit(1);
    });
}
