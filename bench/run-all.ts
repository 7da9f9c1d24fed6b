/**
 * `npm run bench`: runs every benchmark that this checkout has and prints its figures.
 * Each benchmark module exports `main()` returning (or printing) its result lines.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const BENCHMARKS = ['language.js', 'graph-view.js', 'native-kernels.js', 'dcgan-step.js', 'diffusion-unet-step.js', 'diffusion-step.js', 'lsp-scale.js', 'vscode-startup.js'];

async function runAll(): Promise<void> {
    const only = process.argv.slice(2).filter(a => !a.startsWith('-'));
    for (const file of BENCHMARKS) {
        const path = join(here, file);
        if (!existsSync(path) || (only.length && !only.some(o => file.startsWith(o)))) continue;
        console.log(`\n== ${file.replace(/\.js$/, '')} ==`);
        const mod = await import(path) as { main?: (argv?: string[]) => Promise<string[] | void> };
        // A benchmark without `main` runs (and prints) when imported.
        const lines = mod.main ? await mod.main(process.argv.slice(2)) : undefined;
        if (lines) console.log(lines.join('\n'));
    }
}

runAll().catch(e => { console.error(e); process.exitCode = 1; });
