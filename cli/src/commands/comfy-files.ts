/**
 * What `flowstudio import` and `export` share: the ComfyUI node pack from a saved `/object_info`
 * (`--object-info FILE`), the catalog it makes, and writing a result atomically, never over an
 * existing file unless `--force`.
 */
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { BUILTIN_PACK } from '../../../catalog/src/builtin-catalog.js';
import { Catalog, type NodePack, type PackProblem } from '../../../catalog/src/catalog.js';
import { objectInfoToPack } from '../../../comfyui/src/object-info.js';
import { tempSibling } from '../../../engine/src/util/fs-atomic.js';

export interface ComfyCatalog {
    catalog: Catalog;
    packs: NodePack[];
    problems: PackProblem[];
}

/** The built-ins, plus the ComfyUI pack of `objectInfo` when given; throws an Error naming the file. */
export function comfyCatalog(objectInfo: string | undefined): ComfyCatalog {
    if (!objectInfo) return { catalog: Catalog.compose([BUILTIN_PACK]), packs: [], problems: [] };
    const file = resolve(objectInfo);
    let json: unknown;
    try {
        json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
        const err = e as NodeJS.ErrnoException;
        throw new Error(`${file}: ${err.code === 'ENOENT' ? 'no such file' : err instanceof SyntaxError ? `not JSON (${err.message})` : `cannot read (${err.message})`}.`);
    }
    const { pack, problems } = objectInfoToPack(json, { id: file, label: basename(file) });
    return { catalog: Catalog.compose([BUILTIN_PACK, pack], problems), packs: [pack], problems };
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
