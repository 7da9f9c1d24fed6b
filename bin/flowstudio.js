#!/usr/bin/env node
// Thin launcher: the CLI is compiled to out/ by `npm install` (the prepare script).
import { main } from '../out/cli/src/main.js';

main(process.argv.slice(2)).then(
    code => { if (code !== undefined) process.exitCode = code; },
    error => { process.stderr.write(`flowstudio: ${error instanceof Error ? error.message : String(error)}\n`); process.exitCode = 1; },
);
