/**
 * `flowstudio export FILE.flow --format api|ui [-o OUT.json] [--workflow NAME] [--object-info FILE | --server URL] [--force]`:
 * a workflow as ComfyUI JSON (the API prompt, or the UI workflow laid out like the graph view),
 * on stdout or in OUT. A node without a ComfyUI equivalent is refused, named with its line.
 */
import { resolve } from 'node:path';
import { exportComfyUI, type ExportFormat } from '../../../comfyui/src/export/index.js';
import { ApiPromptError } from '../../../comfyui/src/api-prompt.js';
import { flowServices, formatDiagnostic, loadFlowFile } from '../../../server/src/api.js';
import { builtinCatalog } from '../../../catalog/src/builtin-catalog.js';
import { comfyNodes, flagValue, positional, writeResult } from './comfy-files.js';

const USAGE = 'Usage: flowstudio export FILE.flow --format api|ui [-o OUT.json] [--workflow NAME] [--object-info FILE | --server URL] [--force]\n';
const VALUED = ['-o', '--out', '--object-info', '--server', '--workflow', '--format'];

export async function exportCommand(args: string[]): Promise<number> {
    const [input, ...extra] = positional(args, VALUED);
    const format = flagValue(args, '--format');
    if (!input || extra.length > 0 || (format !== 'api' && format !== 'ui')) {
        process.stderr.write(USAGE);
        return 2;
    }
    const file = resolve(input);
    try {
        const comfy = await comfyNodes(args, file);
        flowServices().Flow.catalog.setComfyPack(comfy);
        const loaded = await loadFlowFile(file);
        const errors = loaded.diagnostics.filter(d => d.severity === 'error');
        if (errors.length > 0) {
            for (const d of errors) process.stderr.write(formatDiagnostic(file, d) + '\n');
            process.stderr.write(`flowstudio export: ${file} has ${errors.length} error(s); fix them first.\n`);
            return 1;
        }
        const workflow = flagValue(args, '--workflow');
        if (workflow !== undefined && !loaded.graph.workflows.some(w => w.name === workflow)) {
            throw new Error(`${file}: no workflow '${workflow}' (workflows: ${loaded.graph.workflows.map(w => w.name).join(', ') || 'none'}).`);
        }
        const result = await exportComfyUI(loaded, { format: format as ExportFormat, workflow, catalog: builtinCatalog(), comfyPack: comfy.pack });
        for (const p of result.problems) process.stderr.write(`${file}: warning: ${p}\n`);
        const text = JSON.stringify(result.json, null, 2) + '\n';
        const out = flagValue(args, '-o', '--out');
        if (out === undefined || out === '-') process.stdout.write(text);
        else writeResult(resolve(out), text, args.includes('--force'));
        return 0;
    } catch (e) {
        if (e instanceof ApiPromptError) {
            for (const p of e.problems) process.stderr.write(`${file}:${p.range.start.line + 1}:${p.range.start.character + 1}: error: ${p.message}\n`);
            process.stderr.write(`flowstudio export: ${file}: ${e.problems.length} node(s) cannot be written for ComfyUI.\n`);
            return 1;
        }
        process.stderr.write(`flowstudio export: ${(e as Error).message}\n`);
        return 1;
    }
}
