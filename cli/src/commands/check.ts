/** `flowstudio check FILE...`: diagnostics in the compiler format; exit 1 when any error. */
import { dirname, relative, resolve } from 'node:path';
import { formatDiagnostic, loadFlowFile } from '../../../server/src/api.js';
import { COMFY_USAGE, takeComfyOptions, useComfyNodes, type ComfyOptions } from '../run/comfyui-catalog.js';
import { usePacks } from '../run/workspace-catalog.js';

const USAGE = `Usage: flowstudio check FILE... [--trust-workspace-nodes] ${COMFY_USAGE}\n`;

export async function checkCommand(argv: string[]): Promise<number> {
    const args = [...argv];
    let comfy: ComfyOptions;
    try {
        comfy = takeComfyOptions(args);
    } catch (e) {
        process.stderr.write(`flowstudio check: ${(e as Error).message}.\n${USAGE}`);
        return 2;
    }
    const files = args.filter(a => !a.startsWith('-'));
    const trusted = args.includes('--trust-workspace-nodes');
    if (!files.length) {
        process.stderr.write(USAGE);
        return 2;
    }
    let errors = 0, warnings = 0;
    for (const file of files) {
        try {
            await usePacks(dirname(resolve(file)), trusted);
            await useComfyNodes(dirname(resolve(file)), comfy);
            const loaded = await loadFlowFile(file);
            const shown = relative(process.cwd(), loaded.file) || loaded.file;
            const sorted = [...loaded.diagnostics].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
            for (const d of sorted) {
                process.stdout.write(formatDiagnostic(shown, d) + '\n');
                if (d.severity === 'error') errors++;
                else if (d.severity === 'warning') warnings++;
            }
        } catch (e) {
            process.stdout.write(`${file}:1:1: error: ${(e as Error).message}\n`);
            errors++;
        }
    }
    process.stderr.write(`${files.length} file(s) checked: ${errors} error(s), ${warnings} warning(s).\n`);
    return errors > 0 ? 1 : 0;
}
