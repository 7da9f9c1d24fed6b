/** Shared helpers of the engine tests: temp folders, tiny workflows, runs that collect events. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RunEvent } from '../../catalog/src/run-events.js';
import { parseRunEvent } from '../../catalog/src/run-events.js';
import { runWorkflow, type RunOptions, type RunResult } from '../../cli/src/run/run-workflow.js';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CLI = path.join(REPO, 'bin', 'flowstudio.js');
/** Engine tests run on the backend under test; default: the automatic choice. */
export const TEST_BACKEND = process.env.FLOWSTUDIO_TEST_BACKEND;

export function tempDir(prefix = 'fs-engine-'): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function writeFlow(dir: string, name: string, source: string): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, source);
    return file;
}

/** A GAN small enough to train in a second or two on any backend. */
export function tinyGanFlow(opts: { sampleSeed?: number; maxSteps?: number; names?: { trained?: string; samples?: string }; extra?: string; lr?: string; workflow?: string } = {}): string {
    const trained = opts.names?.trained ?? 'trained';
    const samples = opts.names?.samples ?? 'samples';
    return `workflow ${opts.workflow ?? 'Tiny'} {
    digits = LoadMNIST(limit: 64)
    norm = Normalize(dataset: digits, low: -1, high: 1)
    gen = DCGANGenerator(latentDim: 8, imageSize: 28, channels: 1, filters: 4)
    disc = DCGANDiscriminator(imageSize: 28, channels: 1, filters: 4)
    ${trained} = TrainGAN(generator: gen, discriminator: disc, dataset: norm, epochs: 100, batchSize: 8, maxSteps: ${opts.maxSteps ?? 3}, previewEvery: 2, learningRate: ${opts.lr ?? '0.0002'})
    ${samples} = SampleGAN(generator: ${trained}.generator, count: 4, seed: ${opts.sampleSeed ?? 42})
    SaveImages(images: ${samples}, prefix: "tiny/sample")
${opts.extra ?? ''}}
`;
}

export interface CollectedRun extends RunResult {
    events: RunEvent[];
}

export async function run(options: RunOptions): Promise<CollectedRun> {
    const events: RunEvent[] = [];
    const result = await runWorkflow({ backend: TEST_BACKEND, ...options, onEvent: e => { events.push(e); options.onEvent?.(e); } });
    return { ...result, events };
}

export function eventsOf<K extends RunEvent['event']>(events: RunEvent[], kind: K): Array<Extract<RunEvent, { event: K }>> {
    return events.filter((e): e is Extract<RunEvent, { event: K }> => e.event === kind);
}

export interface CliRun {
    code: number | null;
    signal: NodeJS.Signals | null;
    events: RunEvent[];
    stdout: string;
    stderr: string;
}

/** Spawns `node bin/flowstudio.js ARGS`; `onEvent` may act on the child (e.g. send SIGINT). */
export function spawnCli(args: string[], onEvent?: (e: RunEvent, child: ReturnType<typeof spawn>) => void, cwd = REPO): Promise<CliRun> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        let pending = '';
        const events: RunEvent[] = [];
        child.stdout.on('data', (chunk: Buffer) => {
            stdout += chunk;
            pending += chunk;
            let nl: number;
            while ((nl = pending.indexOf('\n')) >= 0) {
                const event = parseRunEvent(pending.slice(0, nl));
                pending = pending.slice(nl + 1);
                if (event) {
                    events.push(event);
                    onEvent?.(event, child);
                }
            }
        });
        child.stderr.on('data', (chunk: Buffer) => { stderr += chunk; });
        child.on('error', reject);
        child.on('close', (code, signal) => resolve({ code, signal, events, stdout, stderr }));
    });
}
