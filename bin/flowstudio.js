#!/usr/bin/env node
// Thin launcher. In the repository the CLI is compiled to out/ by `npm install` (the prepare
// script); installed packages (the VSIX, the npm tarball) carry only the bundle in dist/cli/.
import { existsSync } from 'node:fs';

const compiled = new URL('../out/cli/src/main.js', import.meta.url);
const bundled = new URL('../dist/cli/main.js', import.meta.url);
const entry = existsSync(compiled) ? compiled : bundled;

if (!existsSync(entry)) {
    process.stderr.write('flowstudio: not built (neither out/cli nor dist/cli exists); run `npm run build` in the package folder\n');
    process.exitCode = 1;
} else {
    const { main } = await import(entry.href);
    main(process.argv.slice(2)).then(
        code => { if (code !== undefined) process.exitCode = code; },
        error => { process.stderr.write(`flowstudio: ${error instanceof Error ? error.message : String(error)}\n`); process.exitCode = 1; },
    );
}
