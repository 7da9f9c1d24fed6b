/**
 * The CLI's ComfyUI node list: `--server URL` (fetched; the saved file if it cannot be reached),
 * `--object-info FILE`, else the `.flowstudio/comfyui/object_info.json` of the workspace around a
 * file (that folder or above) — the same flags as `run`, `import` and `export`. Loaded once per
 * source in a process; a failure is the catalog's ComfyUI problem (a warning on each ComfyUI
 * workflow), never an exception. `--default-engine` is the engine of workflows that name none;
 * `--engine` checks every workflow for that engine, as `run --engine` would run it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_ENGINE, ENGINES, isEngine, type EngineName } from '../../../catalog/src/engines.js';
import { loadObjectInfo, OBJECT_INFO_FILE } from '../../../comfyui/src/object-info-source.js';
import { flowServices } from '../../../server/src/api.js';

export interface ComfyOptions {
    objectInfo?: string;
    server?: string;
    engine?: EngineName;
    defaultEngine?: EngineName;
}

export const COMFY_USAGE = '[--engine|--default-engine local|comfyui] [--server URL] [--object-info FILE]';

/** Takes the ComfyUI options out of `args` (in place); an Error says which one is wrong. */
export function takeComfyOptions(args: string[]): ComfyOptions {
    const options: ComfyOptions = {};
    const take = (flag: string): string | undefined => {
        const i = args.indexOf(flag);
        if (i < 0) return undefined;
        const value = args[i + 1];
        if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
        args.splice(i, 2);
        return value;
    };
    const file = take('--object-info');
    if (file) options.objectInfo = path.resolve(file);
    const server = take('--server');
    if (server) options.server = server;
    for (const [flag, key] of [['--engine', 'engine'], ['--default-engine', 'defaultEngine']] as const) {
        const engine = take(flag);
        if (engine === undefined) continue;
        if (!isEngine(engine)) throw new Error(`${flag} ${engine}: the engines are ${ENGINES.join(', ')}`);
        options[key] = engine;
    }
    return options;
}

/** The saved node list of the workspace around `dir`, if any. */
export function findWorkspaceObjectInfo(dir: string): string | undefined {
    for (let d = path.resolve(dir); ; d = path.dirname(d)) {
        const file = path.join(d, OBJECT_INFO_FILE);
        if (fs.existsSync(file)) return file;
        if (path.dirname(d) === d) return undefined;
    }
}

let last: string | undefined;

/** Points the language's ComfyUI catalog and default engine at what `options` and `dir` say. */
export async function useComfyNodes(dir: string, options: ComfyOptions): Promise<void> {
    const { Flow } = flowServices();
    Flow.catalog.setDefaultEngine(options.defaultEngine ?? DEFAULT_ENGINE, options.engine);
    const file = options.objectInfo ?? findWorkspaceObjectInfo(dir);
    const key = `${options.server ?? ''}|${file ?? ''}`;
    if (key === last) return;
    last = key;
    const loaded = await loadObjectInfo({ server: options.server, file });
    Flow.catalog.setComfyPack({ pack: loaded.pack, problems: loaded.problems, sources: [options.server, file].filter((s): s is string => !!s) });
}
