/**
 * Running a workflow in-process: load and validate the .flow file with the language's own
 * services, select a backend, execute the graph with the engine and the disk cache, and report
 * everything as run events. `flowstudio run` (which the VS Code extension starts) goes through
 * here. This is where the language and the engine meet: the engine itself imports the catalog
 * only, never the language server.
 */
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ExecGraph, GraphDiagnostic } from '../../../catalog/src/graph.js';
import type { RunEvent } from '../../../catalog/src/run-events.js';
import { loadFlowFile } from '../../../server/src/api.js';
import { parseBackendName } from '../../../engine/src/backends/names.js';
import { DEFAULT_CACHE_LIMIT_BYTES, DiskCache } from '../../../engine/src/cache/disk-cache.js';
import type { Executor } from '../../../catalog/src/executor.js';
import type { EventBody } from '../../../engine/src/executor.js';
import { LocalExecutor } from '../../../engine/src/local-executor.js';
import { NODE_IMPLEMENTATIONS } from '../../../engine/src/nodes/index.js';
import { packImplementations } from '../../../engine/src/pack-implementations.js';
import type { WorkspacePacks } from '../../../packs/src/workspace-packs.js';
import { loadedSchemas, usePacks } from './workspace-catalog.js';
import { comfyExecutor, missingComfyNodes, runEngine } from './comfyui-run.js';
import { useComfyNodes } from './comfyui-catalog.js';
import type { EngineName } from '../../../catalog/src/engines.js';
import type { NodeImpl } from '../../../engine/src/nodes/types.js';
import { ResultMemory } from '../../../engine/src/result-memory.js';
import { commandLineValues } from './set-values.js';
import { checkSweepSize, runSweep } from './sweep.js';

export interface RunOptions {
    /** The .flow file. */
    file: string;
    /** Load the node packs of the workspace around the file (`.flowstudio/nodes/`): they are code. */
    trustWorkspaceNodes?: boolean;
    /** Workflow name (the file's first workflow when absent). */
    workflow?: string;
    /** Output folder; default `flow-output/<workflow>/` next to the .flow file. */
    outDir?: string;
    /** Backend name (`auto` when absent); see engine/src/backends. */
    backend?: string;
    /** Neither read nor write the disk cache. */
    noCache?: boolean;
    /** Disk cache folder; default `.flowstudio/cache/` next to the .flow file. */
    cacheDir?: string;
    /** Disk cache size limit in bytes (least recently used entries go first). */
    cacheSizeLimit?: number;
    signal?: AbortSignal;
    onEvent?: (event: RunEvent) => void;
    /** Run on this engine (`local`, `comfyui`) whatever the workflow says. */
    engine?: string;
    /** The engine of workflows that name none (default `local`). */
    defaultEngine?: string;
    /** The ComfyUI server (base URL) that runs `comfyui` workflows. */
    server?: string;
    /** Substitute node implementations (tests). */
    implementations?: ReadonlyMap<string, NodeImpl>;
    /** `--set NODE.ARG=VALUE` texts (cli/src/run/set-values.ts). */
    set?: string[];
    /** `--sweep NODE.ARG=V1,V2` texts: one run per combination and a comparison grid (sweep.ts). */
    sweep?: string[];
}

export interface RunResult {
    runId: string;
    status: 'success' | 'error' | 'cancelled';
    workflow?: string;
    outputDir?: string;
    executed: string[];
    cached: string[];
    /** Error diagnostics that kept the workflow from running. */
    diagnostics: GraphDiagnostic[];
    /** The failure, when status is `error`. */
    message?: string;
    ms: number;
    /** A sweep's comparison grids (absolute paths). */
    grids?: string[];
}

export function defaultOutputDir(flowFile: string, workflow: string): string {
    return path.join(path.dirname(path.resolve(flowFile)), 'flow-output', workflow);
}

export function defaultCacheDir(flowFile: string): string {
    return path.join(path.dirname(path.resolve(flowFile)), '.flowstudio', 'cache');
}

export async function runWorkflow(options: RunOptions): Promise<RunResult> {
    const started = Date.now();
    const runId = `${new Date(started).toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${randomBytes(3).toString('hex')}`;
    const onEvent = options.onEvent ?? (() => {});
    const emit = (body: EventBody): void => onEvent({ ...body, runId, time: Date.now() } as RunEvent);
    const file = path.resolve(options.file);

    const fail = (message: string, diagnostics: GraphDiagnostic[] = [], code?: string): RunResult => {
        if (diagnostics.length === 0) emit({ event: 'error', message, ...(code ? { code } : {}) });
        const ms = Date.now() - started;
        emit({ event: 'run-end', status: 'error', ms, executed: 0, cached: 0 });
        return { runId, status: 'error', executed: [], cached: [], diagnostics, message, ms };
    };

    let loaded;
    let packs: WorkspacePacks | undefined;
    let engine: EngineName;
    try {
        packs = await usePacks(path.dirname(file), options.trustWorkspaceNodes === true);
        const comfy = { engine: options.engine as EngineName | undefined, defaultEngine: options.defaultEngine as EngineName | undefined };
        await useComfyNodes(path.dirname(file), comfy);
        loaded = await loadFlowFile(file);
        engine = runEngine(loaded, options.workflow, options.engine);
        // Only a run that goes to the server asks it for its node list (the setting reaches local runs too).
        if (engine === 'comfyui' && options.server) {
            await useComfyNodes(path.dirname(file), { ...comfy, server: options.server });
            const missing = missingComfyNodes();
            if (missing) return fail(missing, [], 'comfyui-unreachable');
            loaded = await loadFlowFile(file);
        }
    } catch (e) {
        return fail((e as Error).message, [], 'load-error');
    }
    const errors = loaded.diagnostics.filter(d => d.severity === 'error');
    if (errors.length > 0) {
        for (const d of errors) {
            emit({ event: 'error', message: d.message, uri: d.uri, range: d.range, ...(d.node ? { node: d.node } : {}), ...(d.code ? { code: d.code } : {}) });
        }
        return fail(`${file} has ${errors.length} error${errors.length === 1 ? '' : 's'}: fix them before running`, errors);
    }
    let graph: ExecGraph;
    try {
        graph = loaded.exec(options.workflow);
    } catch (e) {
        return fail((e as Error).message, [], (e as { code?: string }).code ?? 'unknown-workflow');
    }
    let axes;
    try {
        ({ graph, axes } = commandLineValues(graph, options.set ?? [], options.sweep ?? [], loadedSchemas(engine)));
        const tooMany = checkSweepSize(axes);
        if (tooMany) throw Object.assign(new Error(tooMany), { code: 'invalid-sweep' });
    } catch (e) {
        return fail((e as Error).message, [], (e as { code?: string }).code);
    }
    if (engine === 'comfyui' && !options.server) {
        return fail(`${graph.workflow} runs on a ComfyUI server: give its URL with --server (or the flowstudio.comfyui.server setting)`, [], 'comfyui-no-server');
    }
    try {
        // Checked now; the backend itself is initialized only if the run needs one (ADR 0012).
        parseBackendName(options.backend);
    } catch (e) {
        return fail((e as Error).message, [], 'backend');
    }
    if (options.signal?.aborted) {
        const ms = Date.now() - started;
        emit({ event: 'run-end', status: 'cancelled', ms, executed: 0, cached: 0 });
        return { runId, status: 'cancelled', workflow: graph.workflow, executed: [], cached: [], diagnostics: [], ms };
    }

    const outputDir = options.outDir ? path.resolve(options.outDir) : defaultOutputDir(file, graph.workflow);
    const diskCache = options.noCache ? undefined
        : new DiskCache(options.cacheDir ? path.resolve(options.cacheDir) : defaultCacheDir(file), options.cacheSizeLimit ?? DEFAULT_CACHE_LIMIT_BYTES);
    const implementations = new Map([...NODE_IMPLEMENTATIONS, ...packImplementations(packs?.loaded ?? []), ...(options.implementations ?? [])]);
    const onComfy = engine === 'comfyui';
    const memory = axes.length && !onComfy ? new ResultMemory() : undefined;
    const executor: Executor = onComfy ? comfyExecutor(options.server!, loaded, graph) : new LocalExecutor({ backend: options.backend, diskCache, implementations, memory });
    const place = { workflow: graph.workflow, flowFile: file, flowDir: path.dirname(file), outputDir, flowSource: loaded.source };
    if (axes.length) {
        const swept = await runSweep({ executor, base: place, graph, axes, sweepId: runId, emit: onEvent, signal: options.signal }).finally(() => memory?.dispose());
        return {
            runId, status: swept.status, workflow: graph.workflow, outputDir, executed: swept.executed, cached: swept.cached,
            diagnostics: [], message: swept.message, ms: Date.now() - started, grids: swept.grids,
        };
    }
    const result = await executor.execute({ ...place, graph, runId, emit: onEvent, signal: options.signal });
    return {
        runId, status: result.status, workflow: graph.workflow, outputDir, executed: result.executed, cached: result.cached,
        diagnostics: [], message: result.message, ms: Date.now() - started,
    };
}
