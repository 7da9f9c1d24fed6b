/**
 * What `flowstudio import` and `export` share: the ComfyUI node pack from a saved `/object_info`
 * (`--object-info FILE`), the catalog it makes, and writing a result atomically, never over an
 * existing file unless `--force`.
 */
import { linkSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { NodePack, PackProblem } from '../../../catalog/src/catalog.js';
import { findObjectInfoFile, loadObjectInfo } from '../../../comfyui/src/object-info-source.js';
import { tempSibling } from '../../../engine/src/util/fs-atomic.js';

export interface ComfyNodes {
    pack?: NodePack;
    problems: PackProblem[];
    /** Where the list came from (shown when there is none). */
    sources: string[];
}

/**
 * The ComfyUI node list: `--server URL` (fetched), `--object-info FILE`, else the workspace's
 * saved `.flowstudio/comfyui/object_info.json` in the folder of `near` or above. None is fine:
 * the built-ins that map to ComfyUI nodes are known anyway.
 */
export async function comfyNodes(args: string[], near: string): Promise<ComfyNodes> {
    const server = flagValue(args, '--server');
    const given = flagValue(args, '--object-info');
    const file = given ? resolve(given) : findObjectInfoFile(ancestors(dirname(resolve(near))));
    const loaded = await loadObjectInfo({ server, file });
    return { pack: loaded.pack, problems: loaded.problems, sources: [server && `${server}/object_info`, file].filter((s): s is string => !!s) };
}

function ancestors(dir: string): string[] {
    const dirs = [dir];
    for (let d = dir; dirname(d) !== d; d = dirname(d)) dirs.push(dirname(d));
    return dirs;
}

/** Writes `data` to `file` through a temporary sibling; an existing file stays unless `force`. */
export function writeResult(file: string, data: string, force: boolean): void {
    const tmp = tempSibling(file);
    writeFileSync(tmp, data);
    try {
        if (force) {
            renameSync(tmp, file);
            return;
        }
        try {
            linkSync(tmp, file);
        } catch (e) {
            if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`${file} exists; pass --force to overwrite it.`);
            throw new Error(`${file}: cannot write (${(e as Error).message}).`);
        }
    } finally {
        rmSync(tmp, { force: true });
    }
}

/** The value after a flag (`-o OUT`), or undefined. */
export function flagValue(args: string[], ...names: string[]): string | undefined {
    const i = args.findIndex(a => names.includes(a));
    return i >= 0 ? args[i + 1] : undefined;
}

/** Arguments that are neither flags nor flag values. */
export function positional(args: string[], valued: string[]): string[] {
    return args.filter((a, i) => !a.startsWith('-') && !valued.includes(args[i - 1]));
}
