/** Cache-key material for nodes that read files: adding, removing or changing a file re-runs the node. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';

/**
 * A hash of `root` and of each listed file's path (relative to `root`), size and mtime. When the
 * listing or a stat fails, the hash says so and the node's run() reports the problem.
 */
export function filesFingerprint(root: string, listFiles: () => string[]): string {
    const hash = createHash('sha256').update(root);
    try {
        for (const file of listFiles()) {
            const s = fs.statSync(file);
            hash.update(`\n${path.relative(root, file)}\t${s.size}\t${s.mtimeMs}`);
        }
    } catch {
        hash.update('\nunreadable');
    }
    return hash.digest('hex');
}
