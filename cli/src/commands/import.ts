/**
 * `flowstudio import FILE [-o OUT.flow] [--name WORKFLOW] [--object-info FILE | --server URL] [--engine local|comfyui] [--force]`:
 * a ComfyUI workflow (UI or API JSON, or a PNG carrying one) as a `.flow` beside it; what the
 * `.flow` cannot say is listed on stderr (and as comments in the file). Never loads TensorFlow.js.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { importComfyUI, type Engine } from '../../../comfyui/src/import/index.js';
import { builtinCatalog } from '../../../catalog/src/builtin-catalog.js';
import { resolveCheckpoint } from '../../../checkpoints/src/find.js';
import { comfyNodes, flagValue, positional, writeResult } from './comfy-files.js';

const USAGE = 'Usage: flowstudio import FILE [-o OUT.flow|-] [--name WORKFLOW] [--object-info FILE | --server URL] [--engine local|comfyui] [--force]\n';
const VALUED = ['-o', '--out', '--object-info', '--server', '--engine', '--name'];

export async function importCommand(args: string[]): Promise<number> {
    const [input, ...extra] = positional(args, VALUED);
    const engine = flagValue(args, '--engine');
    if (!input || extra.length > 0 || (engine !== undefined && engine !== 'local' && engine !== 'comfyui')) {
        process.stderr.write(USAGE);
        return 2;
    }
    const file = resolve(input);
    const out = flagValue(args, '-o', '--out');
    const target = out === '-' ? '-' : resolve(out ?? join(dirname(file), `${basename(file, extname(file))}.flow`));
    try {
        const comfy = await comfyNodes(args, file);
        for (const p of comfy.problems) process.stderr.write(`warning: ${p.message}\n`);
        let bytes: Uint8Array;
        try {
            bytes = readFileSync(file);
        } catch (e) {
            throw new Error(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read (${(e as Error).message})`}.`);
        }
        let result;
        try {
            const flowDir = target === '-' ? process.cwd() : dirname(target);
            result = importComfyUI(bytes, { catalog: builtinCatalog(), comfyPack: comfy.pack, hasLocalCheckpoint: name => resolveCheckpoint(flowDir, name) !== undefined, name: flagValue(args, '--name') ?? basename(file, extname(file)), source: basename(file), engine: engine as Engine | undefined });
        } catch (e) {
            throw new Error(`${file}: ${(e as Error).message}.`);
        }
        for (const p of result.problems) process.stderr.write(`${file}: ${p.node ? `node ${p.node}: ` : ''}${p.message}\n`);
        if (target === '-') process.stdout.write(result.flowText);
        else writeResult(target, result.flowText, args.includes('--force'));
        const where = target === '-' ? 'stdout' : target;
        process.stderr.write(`Imported ${result.format === 'ui' ? 'UI workflow' : 'API prompt'} to ${where} for the ${result.engine === 'local' ? 'local' : 'ComfyUI'} engine, ${result.problems.length} problem(s).\n`);
        return 0;
    } catch (e) {
        process.stderr.write(`flowstudio import: ${(e as Error).message}\n`);
        return 1;
    }
}
