/**
 * Where the wasm backend's .wasm binaries are. From plain Node the package's dist/ folder is
 * found with createRequire; in a bundled extension, where node_modules may not ship, the
 * bundle is expected to carry them in a `wasm/` folder next to it (or FLOWSTUDIO_WASM_DIR).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WASM_BINARIES = [
    'tfjs-backend-wasm.wasm',
    'tfjs-backend-wasm-simd.wasm',
    'tfjs-backend-wasm-threaded-simd.wasm',
] as const;

function moduleDir(): string | undefined {
    try {
        return dirname(fileURLToPath(import.meta.url));
    } catch {
        return typeof __dirname === 'string' ? __dirname : undefined;
    }
}

function packageDist(): string | undefined {
    try {
        const here = moduleDir();
        const req = createRequire(here ? join(here, 'x.js') : join(process.cwd(), 'x.js'));
        return join(dirname(req.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
    } catch {
        return undefined;
    }
}

/** Candidate folders, most explicit first. */
export function wasmDirCandidates(explicit?: string): string[] {
    const dirs: string[] = [];
    if (explicit) dirs.push(resolve(explicit));
    if (process.env.FLOWSTUDIO_WASM_DIR) dirs.push(resolve(process.env.FLOWSTUDIO_WASM_DIR));
    const dist = packageDist();
    if (dist) dirs.push(dist);
    const here = moduleDir();
    if (here) dirs.push(join(here, 'wasm'), here);
    return dirs;
}

/** The first candidate folder that holds every wasm binary, with a trailing separator. */
export function findWasmDir(explicit?: string): { dir?: string; tried: string[] } {
    const tried = wasmDirCandidates(explicit);
    for (const dir of tried) {
        if (WASM_BINARIES.every(name => existsSync(join(dir, name)))) return { dir: join(dir, '/'), tried };
    }
    return { tried };
}
