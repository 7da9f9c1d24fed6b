/**
 * Where a workspace keeps its own node packs: `.flowstudio/nodes/*.{js,mjs,ts}` (one pack per file).
 * Finding them runs no code; loading them (load-pack.ts) does, so it happens only in trusted
 * workspaces.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const PACK_FOLDER = path.join('.flowstudio', 'nodes');
export const PACK_EXTENSIONS = ['.js', '.mjs', '.ts'];

/** The pack files of a workspace folder, sorted (their order decides name conflicts). */
export function discoverPackFiles(workspaceDir: string): string[] {
    const dir = path.join(workspaceDir, PACK_FOLDER);
    let names: string[];
    try {
        names = fs.readdirSync(dir);
    } catch {
        return [];
    }
    return names.filter(n => isPackName(n)).sort().map(n => path.join(dir, n));
}

/** The nearest folder at or above `start` that has a pack folder (the CLI's workspace), if any. */
export function findPackRoot(start: string): string | undefined {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, PACK_FOLDER))) return dir;
        if (path.dirname(dir) === dir) return undefined;
    }
}

export function isPackFile(file: string): boolean {
    return isPackName(path.basename(file)) && path.basename(path.dirname(file)) === 'nodes' && path.basename(path.dirname(path.dirname(file))) === '.flowstudio';
}

/** A declaration file (`api.d.ts`, types for the packs beside it) holds no code: not a pack. */
function isPackName(name: string): boolean {
    return PACK_EXTENSIONS.includes(path.extname(name)) && !name.endsWith('.d.ts');
}
