/** Atomic file writes: a reader never sees a half-written file (write temp, then rename). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

export function tempSibling(file: string): string {
    return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

export function writeFileAtomic(file: string, data: Uint8Array | string): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = tempSibling(file);
    try {
        fs.writeFileSync(tmp, data);
        fs.renameSync(tmp, file);
    } catch (e) {
        fs.rmSync(tmp, { force: true });
        throw e;
    }
}

/**
 * Writes `data` to a new file named by `nameFor(n)` for the first n (from `start`) whose file
 * does not exist yet. Never overwrites, even with concurrent writers: the complete temp file is
 * hard-linked to its final name, which fails when the name is taken. Returns the path and n.
 */
export function writeNewFile(dir: string, nameFor: (n: number) => string, start: number, data: Uint8Array): { file: string; n: number } {
    fs.mkdirSync(dir, { recursive: true });
    const tmp = tempSibling(path.join(dir, nameFor(start)));
    fs.writeFileSync(tmp, data);
    try {
        for (let n = start; ; n++) {
            const file = path.join(dir, nameFor(n));
            try {
                fs.linkSync(tmp, file);
                return { file, n };
            } catch (e) {
                if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
            }
        }
    } finally {
        fs.rmSync(tmp, { force: true });
    }
}

/** True when `child` is `parent` or inside it (after resolving `..`). */
export function isInside(parent: string, child: string): boolean {
    const rel = path.relative(path.resolve(parent), path.resolve(child));
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
