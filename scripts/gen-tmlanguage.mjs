#!/usr/bin/env node
/**
 * Writes the TextMate grammar's generated lists from the one syntax table and the catalog:
 * the port types (built-in wire types, then the scalar types) and the boolean literals.
 * Run by `npm run build` after tsc (it reads out/catalog); `--check` exits 1 when
 * syntaxes/flow.tmLanguage.json is stale (a test runs it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const file = join(root, 'syntaxes', 'flow.tmLanguage.json');
const { DATA_TYPES, SCALAR_TYPES } = await import(pathToFileURL(join(root, 'out', 'catalog', 'src', 'schema.js')).href);
const { KEYWORDS } = await import(pathToFileURL(join(root, 'out', 'catalog', 'src', 'syntax.js')).href);

const grammar = JSON.parse(readFileSync(file, 'utf8'));
grammar.repository['port-type'].match = `\\b(?:${[...DATA_TYPES, ...SCALAR_TYPES].join('|')})\\b`;
grammar.repository.boolean.match = `\\b(${KEYWORDS.filter(k => k === 'true' || k === 'false').join('|')})\\b`;
const text = JSON.stringify(grammar, null, 2) + '\n';

if (readFileSync(file, 'utf8') === text) process.exit(0);
if (process.argv.includes('--check')) {
    console.error('gen-tmlanguage: syntaxes/flow.tmLanguage.json is stale; run `node scripts/gen-tmlanguage.mjs` after `tsc`');
    process.exit(1);
}
writeFileSync(file, text);
console.log('gen-tmlanguage: syntaxes/flow.tmLanguage.json updated');
