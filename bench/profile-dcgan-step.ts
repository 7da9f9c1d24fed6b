/**
 * Where a DCGAN training step (bench/dcgan-step.ts) spends its time, per kernel name.
 *
 * Every kernel registered for the backend is wrapped with a timer (process CPU time, so other
 * load on a shared machine does not inflate it); only outermost calls are
 * counted (a registered kernel that runs others through the registry is charged once), so the
 * kernel times add up to the step's kernel time, and the rest is tfjs bookkeeping (tape, tidy,
 * layers, optimizer JS, dispatch).
 *
 * Usage: node out/bench/profile-dcgan-step.js [--backend wasm] [--steps 10] [--warmup 3] [--top 40]
 *        [--shapes]   (one row per kernel name and input shapes)
 */
import * as tf from '@tensorflow/tfjs-core';
import { getKernelsForBackend, type KernelConfig } from '@tensorflow/tfjs-core';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadavg } from 'node:os';
import { initBackend } from '../engine/src/backends/index.js';
import { makeGan } from './dcgan-step.js';

interface Stat { ms: number; calls: number }

function parse(argv: string[]): { backend: string; steps: number; warmup: number; top: number; shapes: boolean } {
    const o = { backend: 'wasm', steps: 10, warmup: 3, top: 40, shapes: false };
    for (let i = 0; i < argv.length; i++) {
        const [k, inline] = argv[i].split('=');
        const v = (): string => inline ?? argv[++i];
        if (k === '--backend') o.backend = v();
        else if (k === '--steps') o.steps = Number(v());
        else if (k === '--warmup') o.warmup = Number(v());
        else if (k === '--top') o.top = Number(v());
        else if (k === '--shapes') o.shapes = true;
    }
    return o;
}

/** Process CPU time (user + system) in ms: unlike wall time, not inflated by other processes. */
function cpuMs(): number {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
}

function describeInputs(inputs: Record<string, unknown>): string {
    return Object.entries(inputs).map(([k, t]) => `${k}[${(t as { shape?: number[] })?.shape?.join(',') ?? ''}]`).join(' ');
}

/** Wraps the backend's kernels in place; returns the stats and a function undoing the wrap. */
function instrument(backendName: string, shapes: boolean): { stats: Map<string, Stat>; restore: () => void } {
    const stats = new Map<string, Stat>();
    const originals: [KernelConfig, KernelConfig['kernelFunc']][] = [];
    let depth = 0;
    for (const config of getKernelsForBackend(backendName)) {
        const inner = config.kernelFunc;
        originals.push([config, inner]);
        (config as { kernelFunc: KernelConfig['kernelFunc'] }).kernelFunc = (args => {
            if (depth > 0) return inner(args);
            depth++;
            const t0 = cpuMs();
            try {
                return inner(args);
            } finally {
                depth--;
                const key = shapes ? `${config.kernelName} ${describeInputs(args.inputs)}` : config.kernelName;
                const s = stats.get(key) ?? { ms: 0, calls: 0 };
                s.ms += cpuMs() - t0;
                s.calls++;
                stats.set(key, s);
            }
        }) as KernelConfig['kernelFunc'];
    }
    return { stats, restore: () => { for (const [c, f] of originals) (c as { kernelFunc: KernelConfig['kernelFunc'] }).kernelFunc = f; } };
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
    const opts = parse(argv);
    const info = await initBackend(opts.backend);
    const real = tf.randomUniform([64, 28, 28, 1], -1, 1) as tf.Tensor4D;
    const gan = makeGan(real);
    for (let i = 0; i < opts.warmup; i++) gan.step();
    // Plain timing first (the wrappers add a little overhead per call).
    const plain: number[] = [];
    for (let i = 0; i < opts.steps; i++) {
        const t0 = cpuMs();
        gan.step();
        plain.push(cpuMs() - t0);
    }
    const { stats, restore } = instrument(info.tfBackend, opts.shapes);
    let total = 0;
    for (let i = 0; i < opts.steps; i++) {
        const t0 = cpuMs();
        gan.step();
        total += cpuMs() - t0;
    }
    restore();
    gan.dispose();
    real.dispose();
    const n = opts.steps;
    const rows = [...stats].sort((a, b) => b[1].ms - a[1].ms);
    const kernelMs = rows.reduce((a, [, s]) => a + s.ms, 0) / n;
    const calls = rows.reduce((a, [, s]) => a + s.calls, 0) / n;
    plain.sort((a, b) => a - b);
    const out: string[] = [];
    out.push(`profile ${info.name}: ${n} steps, load average ${loadavg()[0].toFixed(2)}; plain step median ${plain[plain.length >> 1].toFixed(1)} ms CPU`);
    out.push(`instrumented step ${(total / n).toFixed(1)} ms CPU = kernels ${kernelMs.toFixed(1)} ms (${calls.toFixed(0)} calls) + other ${(total / n - kernelMs).toFixed(1)} ms`);
    out.push('kernel                          ms/step  calls/step  us/call');
    for (const [name, s] of rows.slice(0, opts.top)) {
        out.push(`${name.padEnd(opts.shapes ? 90 : 30)} ${(s.ms / n).toFixed(2).padStart(8)} ${(s.calls / n).toFixed(1).padStart(10)} ${(1000 * s.ms / s.calls).toFixed(0).padStart(8)}`);
    }
    process.stdout.write(out.join('\n') + '\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
    main().catch(e => {
        process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
        process.exit(1);
    });
}
