/**
 * The module boundaries of docs/ARCHITECTURE.md, checked on what actually runs: the import graph
 * of the compiled JavaScript (type-only imports are gone there; dynamic imports count), followed
 * transitively. Fails naming the chain of files that crosses a boundary.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const OUT = path.join(REPO, 'out');
/** Static imports and re-exports (at the start of a line in compiled code), side-effect imports, dynamic imports. */
const SPECIFIERS = [
    /^\s*(?:import|export)\s[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
];

/** Relative imports resolved to files; bare ones kept as package names. */
function importsOf(file: string, patterns = SPECIFIERS): string[] {
    const text = fs.readFileSync(file, 'utf8');
    const found: string[] = [];
    for (const pattern of patterns) {
        for (const [, spec] of text.matchAll(pattern)) found.push(spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : spec);
    }
    return found;
}

/** Every file and package reachable from `entries`, with the chain that first reached each. */
function closure(entries: string[], patterns = SPECIFIERS): Map<string, string[]> {
    const chains = new Map<string, string[]>();
    const queue = entries.map(e => [e]);
    while (queue.length) {
        const chain = queue.shift()!;
        const file = chain[chain.length - 1];
        if (chains.has(file)) continue;
        chains.set(file, chain);
        if (!file.startsWith('/') || !fs.existsSync(file)) continue;
        for (const next of importsOf(file, patterns)) if (!chains.has(next)) queue.push([...chain, next]);
    }
    return chains;
}

const rel = (p: string) => (p.startsWith('/') ? path.relative(OUT, p) : p);
const show = (chain: string[]) => chain.map(rel).join(' -> ');

function jsFiles(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
        const full = path.join(dir, e.name);
        return e.isDirectory() ? jsFiles(full) : e.name.endsWith('.js') ? [full] : [];
    });
}

function violations(entries: string[], forbidden: (target: string) => boolean): string[] {
    return [...closure(entries).entries()].filter(([target]) => forbidden(target)).map(([, chain]) => show(chain));
}

describe('architecture: import boundaries (compiled code)', () => {
    it('the language server never loads TensorFlow.js or the engine', () => {
        const entries = [path.join(OUT, 'server/src/main.js'), path.join(OUT, 'server/src/api.js')];
        const reached = closure(entries);
        assert.ok(reached.has('langium') && reached.size > 50, `the scanner follows imports (${reached.size} reached)`);
        const found = violations(entries, t => t.startsWith('@tensorflow/') || t.startsWith(path.join(OUT, 'engine') + '/'));
        assert.deepEqual(found, []);
    });

    it('`flowstudio check`, `graph` and `lsp` never load TensorFlow.js', () => {
        const entries = ['check', 'graph', 'lsp'].map(c => path.join(OUT, 'cli/src/commands', `${c}.js`));
        assert.deepEqual(violations(entries, t => t.startsWith('@tensorflow/')), []);
    });

    it('`flowstudio run` loads TensorFlow.js and node implementations only when a node runs (static imports: what a fully cached run loads)', () => {
        const entries = [path.join(OUT, 'cli/src/run/run-workflow.js')];
        const reached = closure(entries, SPECIFIERS.slice(0, 2));
        assert.ok(reached.has(path.join(OUT, 'engine/src/executor.js')) && reached.has('langium'), 'the scanner follows static imports');
        const found = [...reached.entries()]
            .filter(([t]) => t.startsWith('@tensorflow/') || /\/out\/nodes\/[\w-]+\/run\.js$/.test(t) || t.endsWith('/nodes/run-modules.generated.js') || t.endsWith('/engine/src/cache/serialize.js') || t.endsWith('/engine/src/backends/select.js'))
            .map(([, chain]) => show(chain));
        assert.deepEqual(found, []);
    });

    it('the language server never loads the ComfyUI executor; the executor never loads TensorFlow.js or the language', () => {
        const server = [path.join(OUT, 'server/src/main.js'), path.join(OUT, 'server/src/api.js')];
        assert.deepEqual(violations(server, t => t.startsWith(path.join(OUT, 'comfyui/src/executor') + '/')), []);
        const executor = jsFiles(path.join(OUT, 'comfyui/src/executor'));
        assert.ok(executor.length >= 5, 'the executor is compiled');
        assert.deepEqual(violations(executor, t => t.startsWith('@tensorflow/') || t.startsWith(path.join(OUT, 'server') + '/') || t === 'langium'), []);
    });

    it('ComfyUI import and export (the library and `flowstudio import|export`) never load TensorFlow.js or the engine\'s executor', () => {
        const entries = [path.join(OUT, 'comfyui/src/import/index.js'), path.join(OUT, 'comfyui/src/export/index.js'), ...['import', 'export'].map(c => path.join(OUT, 'cli/src/commands', `${c}.js`))];
        const found = violations(entries, t => t.startsWith('@tensorflow/') || (t.startsWith(path.join(OUT, 'engine') + '/') && !t.endsWith('/engine/src/util/png.js') && !t.endsWith('/engine/src/util/fs-atomic.js')));
        assert.deepEqual(found, []);
    });

    it('the catalog imports nothing but pure data: its own modules, node schemas and wire-type declarations', () => {
        const catalog = path.join(OUT, 'catalog') + '/';
        const schemaFiles = (t: string) => /\/out\/(nodes\/([\w-]+\/schema|shared\/[\w-]+|schemas\.generated)|wire-types\/[\w.-]+)\.js$/.test(t);
        const found = violations(jsFiles(path.join(OUT, 'catalog/src')), t => !t.startsWith(catalog) && !schemaFiles(t));
        assert.deepEqual(found, []);
    });

    it('node schemas are pure data: they import only the catalog and shared schema parts', () => {
        const entries = jsFiles(path.join(OUT, 'nodes')).filter(f => f.endsWith('/schema.js'));
        assert.ok(entries.length > 10, 'the node folders are compiled');
        const found = violations(entries, t => t.startsWith('@') || !['catalog', 'nodes', 'wire-types'].some(d => t.startsWith(path.join(OUT, d) + '/')) || t.endsWith('/run.js'));
        assert.deepEqual(found, []);
    });

    it('checkpoint headers (checkpoints/src) import neither the engine, TensorFlow.js nor the server: the server reads them', () => {
        const entries = jsFiles(path.join(OUT, 'checkpoints/src'));
        assert.ok(entries.length >= 3, 'the checkpoints module is compiled');
        const found = violations(entries, t => t.startsWith('@tensorflow/') || ['engine', 'server', 'nodes'].some(d => t.startsWith(path.join(OUT, d) + '/')));
        assert.deepEqual(found, []);
    });

    it('the engine never imports the language server', () => {
        const entries = [...jsFiles(path.join(OUT, 'engine/src')), ...jsFiles(path.join(OUT, 'nodes')).filter(f => f.endsWith('/run.js'))];
        assert.deepEqual(violations(entries, t => t.startsWith(path.join(OUT, 'server') + '/')), []);
    });

    it('webviews never import the language server, the engine or the extension host (sources, type imports included)', () => {
        const sources = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
            const full = path.join(dir, e.name);
            return e.isDirectory() ? sources(full) : e.name.endsWith('.ts') ? [full] : [];
        });
        const bad: string[] = [];
        for (const file of sources(path.join(REPO, 'webview/src'))) {
            for (const spec of importsOf(file)) {
                const target = spec.startsWith('/') ? path.relative(REPO, spec) : spec;
                if (/^(server|engine|client|nodes)\//.test(target) || target === 'vscode' || target.startsWith('@tensorflow/')) bad.push(`${path.relative(REPO, file)} -> ${target}`);
            }
        }
        assert.deepEqual(bad, []);
    });

    it('editing (text edits from graph intents) imports neither the view nor the server nor the engine', () => {
        const found = violations(jsFiles(path.join(OUT, 'editing/src')), t => ['webview', 'server', 'engine', 'client'].some(d => t.startsWith(path.join(OUT, d) + '/')));
        assert.deepEqual(found, []);
        const sources = fs.readdirSync(path.join(REPO, 'editing/src')).filter(f => f.endsWith('.ts'));
        const typeImports = sources.flatMap(f => importsOf(path.join(REPO, 'editing/src', f)).filter(t => /\/(webview|server|engine|client)\//.test(t)).map(t => `${f} -> ${path.relative(REPO, t)}`));
        assert.deepEqual(typeImports, [], 'not even types: the edit intents live in editing/src/edit-intents.ts');
    });

    it('the node registries are generated from the node folders and up to date', () => {
        const result = spawnSync(process.execPath, [path.join(REPO, 'scripts/gen-registries.mjs'), '--check'], { encoding: 'utf8' });
        assert.equal(result.status, 0, result.stderr);
    });
});
