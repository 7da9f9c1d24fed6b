/** Paths written by output nodes: always inside the run's output folder. */
import * as fs from 'node:fs';
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

/** ComfyUI's numbered outputs: `<base>_00001<suffix>` (SaveImages: `.png`, CheckpointSave: `_.safetensors`). */
export function numberedName(base: string, n: number, suffix: string): string {
    return `${base}_${String(n).padStart(5, '0')}${suffix}`;
}

/** The next free counter for `base` in `dir`: one past the highest existing, 1 when there is none. */
export function nextCounter(dir: string, base: string, suffix: string): number {
    let max = 0;
    const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(`^${escape(base)}_(\\d+)${escape(suffix)}$`);
    try {
        for (const name of fs.readdirSync(dir)) {
            const m = pattern.exec(name);
            if (m) max = Math.max(max, Number(m[1]));
        }
    } catch {
        // No folder yet: start at 1.
    }
    return max + 1;
}
