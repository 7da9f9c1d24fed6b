/**
 * What one run of a workflow needs, resolved from a `flowstudio` task definition and the
 * settings, and the `flowstudio run` command line for it. Pure (no vscode import).
 */
import * as path from 'node:path';

export const TASK_TYPE = 'flowstudio';
export const BACKENDS = ['auto', 'tensorflow', 'wasm-native', 'wasm', 'cpu'] as const;
export type Backend = typeof BACKENDS[number];
/** Where a run executes: this machine (TensorFlow.js) or a ComfyUI server. */
export const RUN_ENGINES = ['local', 'comfyui'] as const;
export type RunEngine = typeof RUN_ENGINES[number];

/** The `flowstudio` task type's properties (tasks.json and auto-detected tasks). */
export interface FlowTaskProperties {
    type: typeof TASK_TYPE;
    /** The .flow file, relative to the workspace folder or absolute. */
    file: string;
    /** Workflow to run; the file's first workflow when absent. */
    workflow?: string;
    backend?: Backend;
    noCache?: boolean;
    /** `NODE.ARG=VALUE` overrides (`flowstudio run --set`). */
    set?: string[];
    /** `NODE.ARG=V1,V2,...` or `NODE.ARG=@FILE`: one run per combination and a comparison grid (`--sweep`). */
    sweep?: string[];
    /** Run on this engine whatever the workflow or the settings say. */
    engine?: RunEngine;
}

export interface RunSettings {
    backend: Backend;
    /** Root of the outputs (each workflow writes into `<root>/<workflow>/`), relative to the
     * workspace folder or absolute; empty: the engine's default, `flow-output/` next to the file. */
    outputDirectory: string;
    /** Disk cache folder, relative to the workspace folder or absolute; empty: the engine's
     * default, `.flowstudio/cache/` next to the file. */
    cacheDirectory: string;
    /** Disk cache size limit in MiB. */
    cacheSizeLimit: number;
    /** Node executable that runs the engine; empty: `node` on PATH, else the editor's own runtime. */
    nodePath?: string;
    /** `flowstudio.engine`: where workflows that name no engine run. */
    engine?: RunEngine;
    /** `flowstudio.comfyui.server`: the ComfyUI server's URL. */
    comfyuiServer?: string;
}

export interface RunRequest {
    /** Absolute path of the .flow file. */
    file: string;
    workflow?: string;
    backend: Backend;
    noCache: boolean;
    /** Absolute output root, or undefined for the engine's default. */
    outputRoot?: string;
    /** Absolute cache folder, or undefined for the engine's default. */
    cacheDir?: string;
    cacheSizeLimit: number;
    /** Node executable for the engine (the `flowstudio.nodePath` setting), when set. */
    node?: string;
    /** Working directory of the engine: the workspace folder (or the file's folder). */
    cwd: string;
    set?: string[];
    sweep?: string[];
    /** The task's engine, overriding the workflow's. */
    engine?: RunEngine;
    /** The engine of workflows that name none (the setting), when not `local`. */
    defaultEngine?: RunEngine;
    /** The ComfyUI server's URL, when set. */
    server?: string;
}

export function resolveRunRequest(task: FlowTaskProperties, folder: string | undefined, settings: RunSettings): RunRequest {
    if (typeof task.file !== 'string' || task.file.trim() === '') {
        throw new Error('A flowstudio task needs a "file" (the .flow file to run).');
    }
    const backend = task.backend ?? settings.backend;
    if (!BACKENDS.includes(backend)) {
        throw new Error(`Unknown backend "${backend}": use one of ${BACKENDS.join(', ')}.`);
    }
    for (const engine of [task.engine, settings.engine]) {
        if (engine !== undefined && !RUN_ENGINES.includes(engine)) throw new Error(`Unknown engine "${engine}": use one of ${RUN_ENGINES.join(', ')}.`);
    }
    if (!(settings.cacheSizeLimit > 0)) {
        throw new Error(`flowstudio.cacheSizeLimit must be a size in MiB greater than 0 (it is ${settings.cacheSizeLimit}).`);
    }
    const file = folder ? path.resolve(folder, task.file) : path.resolve(task.file);
    const cwd = folder ?? path.dirname(file);
    const setting = (value: string) => (value.trim() ? path.resolve(cwd, value.trim()) : undefined);
    for (const key of ['set', 'sweep'] as const) {
        const list = task[key];
        if (list !== undefined && (!Array.isArray(list) || list.some(v => typeof v !== 'string' || !v.includes('=')))) {
            throw new Error(`A flowstudio task's "${key}" is a list of "NODE.ARG=VALUE" strings.`);
        }
    }
    return {
        file,
        workflow: task.workflow || undefined,
        backend,
        noCache: task.noCache === true,
        outputRoot: setting(settings.outputDirectory),
        cacheDir: setting(settings.cacheDirectory),
        cacheSizeLimit: settings.cacheSizeLimit,
        ...(settings.nodePath?.trim() ? { node: settings.nodePath.trim() } : {}),
        cwd,
        ...(task.set?.length ? { set: [...task.set] } : {}),
        ...(task.sweep?.length ? { sweep: [...task.sweep] } : {}),
        ...(task.engine ? { engine: task.engine } : {}),
        ...(settings.engine && settings.engine !== 'local' ? { defaultEngine: settings.engine } : {}),
        ...(settings.comfyuiServer?.trim() ? { server: settings.comfyuiServer.trim() } : {}),
    };
}

/** The disk cache folder a run of `file` uses (the engine's default when not configured). */
export function effectiveCacheDir(request: Pick<RunRequest, 'file' | 'cacheDir'>): string {
    return request.cacheDir ?? path.join(path.dirname(request.file), '.flowstudio', 'cache');
}

/** Arguments after `node bin/flowstudio.js`: JSON Lines events on stdout. */
export function runCommandArgs(request: RunRequest): string[] {
    // Runs happen only in trusted workspaces (the task provider refuses others): its node packs may load.
    const args = ['run', request.file, '--json', '--trust-workspace-nodes'];
    if (request.workflow) args.push('--workflow', request.workflow);
    if (request.outputRoot) args.push('--out', path.join(request.outputRoot, runName(request)));
    if (request.cacheDir) args.push('--cache-dir', request.cacheDir);
    args.push('--cache-size', String(request.cacheSizeLimit));
    if (request.backend !== 'auto') args.push('--backend', request.backend);
    if (request.noCache) args.push('--no-cache');
    for (const value of request.set ?? []) args.push('--set', value);
    for (const value of request.sweep ?? []) args.push('--sweep', value);
    if (request.engine) args.push('--engine', request.engine);
    if (request.defaultEngine) args.push('--default-engine', request.defaultEngine);
    if (request.server) args.push('--server', request.server);
    return args;
}

/** The task's label: "run DigitsGan" (VS Code shows "Flow Studio: run DigitsGan"). */
export function taskLabel(task: FlowTaskProperties): string {
    const values = task.sweep?.length ? ' (sweep)' : task.set?.length ? ' (with values)' : '';
    return `run ${runName(task)}${values}${task.noCache ? ' (no cache)' : ''}`;
}

/** What a run is called (labels, status, its output folder): its workflow, else the file's name. */
export function runName(request: { file: string; workflow?: string }): string {
    return request.workflow ?? path.basename(request.file, '.flow');
}

/** Key of a run for the one-run-per-workflow rule. */
export function runKey(request: Pick<RunRequest, 'file' | 'workflow'>): string {
    return `${request.file}#${request.workflow ?? ''}`;
}
