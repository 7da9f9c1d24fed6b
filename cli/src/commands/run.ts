/**
 * `flowstudio run FILE [--workflow NAME] [--out DIR] [--json] [--backend NAME] [--no-cache]
 * [--cache-dir DIR] [--cache-size MB] [--set NODE.ARG=VALUE]... [--sweep NODE.ARG=V1,V2]...
 * [--engine local|comfyui] [--server URL]`: runs a workflow, here or on a ComfyUI server (with
 * `--sweep`, once per combination, then a comparison grid). `--json` prints run events as JSON
 * Lines (docs/run-events.md); otherwise a human view. SIGINT/SIGTERM cancel at the next batch
 * (exit 130); errors exit 1.
 */
import type { RunEvent } from '../../../catalog/src/run-events.js';
import { HumanRenderer } from '../render/human.js';

const USAGE = 'usage: flowstudio run FILE [--workflow NAME] [--out DIR] [--json] [--backend NAME] [--no-cache] [--cache-dir DIR] [--cache-size MB] [--trust-workspace-nodes] [--set NODE.ARG=VALUE]... [--sweep NODE.ARG=V1,V2,...|@FILE]... [--engine local|comfyui] [--default-engine local|comfyui] [--server URL]';
const ENGINE_NAMES = ['local', 'comfyui'];

export interface RunArgs {
    file: string;
    workflow?: string;
    outDir?: string;
    json: boolean;
    backend?: string;
    noCache: boolean;
    trustWorkspaceNodes: boolean;
    cacheDir?: string;
    cacheSizeLimit?: number;
    set: string[];
    sweep: string[];
    /** Run on this engine whatever the workflow says. */
    engine?: string;
    /** The engine of workflows that name none. */
    defaultEngine?: string;
    /** The ComfyUI server's URL. */
    server?: string;
}

export function parseRunArgs(argv: string[]): RunArgs {
    const args: Partial<RunArgs> & Pick<RunArgs, 'json' | 'noCache' | 'trustWorkspaceNodes' | 'set' | 'sweep'> = { json: false, noCache: false, trustWorkspaceNodes: false, set: [], sweep: [] };
    const value = (i: number, flag: string): string => {
        const v = argv[i + 1];
        if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value\n${USAGE}`);
        return v;
    };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
        const take = (): string => inline ?? value(i++, flag);
        switch (flag) {
            case '--workflow': case '-w': args.workflow = take(); break;
            case '--out': case '-o': args.outDir = take(); break;
            case '--backend': args.backend = take(); break;
            case '--cache-dir': args.cacheDir = take(); break;
            case '--cache-size': {
                const mb = Number(take());
                if (!(mb > 0)) throw new Error(`--cache-size takes a size in MB greater than 0\n${USAGE}`);
                args.cacheSizeLimit = Math.round(mb * 1024 * 1024);
                break;
            }
            // NODE.ARG=VALUE contains '=' itself: the flag's own '=' form is `--set=NODE.ARG=VALUE`.
            case '--set': args.set.push(take()); break;
            case '--sweep': args.sweep.push(take()); break;
            case '--engine': case '--default-engine': {
                const engine = take();
                if (!ENGINE_NAMES.includes(engine)) throw new Error(`${flag} takes one of ${ENGINE_NAMES.join(', ')} (got ${engine})\n${USAGE}`);
                if (flag === '--engine') args.engine = engine; else args.defaultEngine = engine;
                break;
            }
            case '--server': case '--comfyui-server': args.server = take(); break;
            case '--json': args.json = true; break;
            case '--no-cache': args.noCache = true; break;
            case '--trust-workspace-nodes': args.trustWorkspaceNodes = true; break;
            default:
                if (a.startsWith('-')) throw new Error(`unknown option ${a}\n${USAGE}`);
                if (args.file) throw new Error(`one FILE only (got ${args.file} and ${a})\n${USAGE}`);
                args.file = a;
        }
    }
    if (!args.file) throw new Error(`missing FILE\n${USAGE}`);
    return args as RunArgs;
}

export async function runCommand(argv: string[]): Promise<number> {
    let args: RunArgs;
    try {
        args = parseRunArgs(argv);
    } catch (e) {
        process.stderr.write(`flowstudio run: ${(e as Error).message}\n`);
        return 2;
    }
    const controller = new AbortController();
    let signals = 0;
    const onSignal = (): void => {
        signals++;
        if (signals === 1) {
            if (!args.json) process.stderr.write('\nCancelling at the next batch… (press Ctrl+C again to stop now)\n');
            controller.abort();
        } else {
            process.exit(130);
        }
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);

    const renderer = args.json ? undefined : new HumanRenderer({ out: process.stdout, err: process.stderr, tty: Boolean(process.stdout.isTTY) });
    const onEvent = (event: RunEvent): void => {
        if (renderer) renderer.handle(event);
        else process.stdout.write(`${JSON.stringify(event)}\n`);
    };
    try {
        // Loaded lazily: TensorFlow.js and the language services are heavy.
        const { runWorkflow } = await import('../run/run-workflow.js');
        const result = await runWorkflow({
            file: args.file, workflow: args.workflow, outDir: args.outDir, backend: args.backend,
            noCache: args.noCache, cacheDir: args.cacheDir, cacheSizeLimit: args.cacheSizeLimit, trustWorkspaceNodes: args.trustWorkspaceNodes,
            set: args.set, sweep: args.sweep,
            engine: args.engine, defaultEngine: args.defaultEngine, server: args.server,
            signal: controller.signal, onEvent,
        });
        if (result.status === 'cancelled') return 130;
        return result.status === 'success' ? 0 : 1;
    } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
    }
}
