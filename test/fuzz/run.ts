/**
 * `npm run fuzz -- [--n 10000] [--seed S] [--minutes M] [--out failures.json]`: the language
 * server fuzzer from the command line. Prints `N inputs, C crashes, H hangs, E unexpected errors,
 * L logged exceptions, S stale answers`, and writes every failure (input index, kind, request,
 * detail and the input text) to the --out file. Exit 1 when anything failed.
 */
import { writeFileSync } from 'node:fs';
import { fuzzServer, type FuzzStats } from './fuzz-server.js';

function option(name: string, fallback: number): number {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

export function summary(stats: FuzzStats): string {
    return `${stats.inputs} inputs, ${stats.crashes} crashes, ${stats.hangs} hangs, ${stats.errors} unexpected errors, ` +
        `${stats.logged} logged exceptions, ${stats.stale} stale answers`;
}

const n = option('n', 2000);
const seed = option('seed', Date.now() % 1_000_000);
const minutes = option('minutes', Infinity);
const outIndex = process.argv.indexOf('--out');
const out = outIndex >= 0 ? process.argv[outIndex + 1] : 'fuzz-failures.json';
const started = performance.now();
console.log(`fuzzing the language server: ${n} inputs, seed ${seed}`);
const stats = await fuzzServer({
    n, seed, timeBudgetMs: minutes * 60_000,
    onProgress: (done, s) => { if (done % 500 === 0) console.log(`  ${summary({ ...s, inputs: done })} (${((performance.now() - started) / 1000).toFixed(0)} s)`); },
});
console.log(summary(stats));
if (stats.failures.length) {
    writeFileSync(out, JSON.stringify({ seed, failures: stats.failures }, null, 2));
    console.log(`failures written to ${out}`);
    process.exitCode = 1;
}
