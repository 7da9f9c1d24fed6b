/** Paths written by output nodes: always inside the run's output folder. */
import * as path from 'node:path';
import { FlowError } from '../errors.js';
import { isInside } from '../util/fs-atomic.js';

/** Resolves `relative` under `outputDir`, refusing absolute paths and `..` escapes. */
export function confinedPath(outputDir: string, relative: string, what: string): string {
    if (relative.trim() === '') throw new FlowError(`${what} is empty`);
    const target = path.resolve(outputDir, relative);
    if (path.isAbsolute(relative) || !isInside(outputDir, target) || path.resolve(outputDir) === target) {
        throw new FlowError(`${what} ${JSON.stringify(relative)} leaves the output folder ${outputDir} — use a relative path without '..'`, 'path-escape');
    }
    return target;
}
