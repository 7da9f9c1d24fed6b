/**
 * The CLI's ComfyUI node list: `--comfyui-object-info FILE`, else `--comfyui-server URL`, else the
 * `.flowstudio/comfyui/object_info.json` of the workspace around a file (that folder or above).
 * Loaded once per source in a process; a failure is the catalog's ComfyUI problem (a warning on
 * each ComfyUI workflow), never an exception. `--engine` sets the default engine for workflows
 * that name none.
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
}

export const COMFY_USAGE = '[--engine local|comfyui] [--comfyui-object-info FILE] [--comfyui-server URL]';

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
    const file = take('--comfyui-object-info');
    if (file) options.objectInfo = path.resolve(file);
    const server = take('--comfyui-server');
    if (server) options.server = server;
    const engine = take('--engine');
    if (engine !== undefined) {
        if (!isEngine(engine)) throw new Error(`--engine ${engine}: the engines are ${ENGINES.join(', ')}`);
        options.engine = engine;
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
    Flow.catalog.setDefaultEngine(options.engine ?? DEFAULT_ENGINE);
    const file = options.objectInfo ?? findWorkspaceObjectInfo(dir);
    const key = `${options.server ?? ''}|${file ?? ''}`;
    if (key === last) return;
    last = key;
    const loaded = await loadObjectInfo({ server: options.server, file });
    Flow.catalog.setComfyPack({ pack: loaded.pack, problems: loaded.problems, sources: [options.server, file].filter((s): s is string => !!s) });
}
