#!/usr/bin/env node
/**
 * Bundles what VS Code loads into dist/ with esbuild:
 *   client/src/extension.ts        -> dist/client/extension.cjs  (extension host, `vscode` external)
 *   server/src/main.ts             -> dist/server/main.cjs       (language server process)
 *   webview/src/<name>/main.ts     -> dist/webview/<name>.js     (browser iife; only entries that exist)
 *   cli/src/main.ts                -> dist/cli/main.js           (the CLI and engine: ESM split into
 *                                     chunks so `check` never loads TensorFlow.js; the wasm backend's
 *                                     .wasm binaries copied to dist/cli/wasm/)
 *   sucrase                        -> dist/server/sucrase.cjs    (the type stripper of `.ts` node packs,
 *                                     required by the server only when a workspace has one; in
 *                                     the CLI it is a chunk of its own, imported as lazily)
 * Installed packages (the VSIX, `npm pack`) run these bundles, never node_modules.
 * Usage: node scripts/bundle.mjs [--watch] [--minify] [--no-sourcemap]
 */
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');
const sourcemap = !process.argv.includes('--no-sourcemap');

const common = {
    bundle: true,
    sourcemap,
    minify,
    logLevel: 'warning',
    absWorkingDir: root,
    metafile: true,
};

// Node bundles are CommonJS (VS Code loads extensions with require, and IPC servers are forked
// as plain scripts), but Langium and our sources are ESM and may read import.meta.url.
const importMetaUrlShim = {
    banner: { js: 'const __import_meta_url = require("url").pathToFileURL(__filename).href;' },
    define: { 'import.meta.url': '__import_meta_url' },
};

const nodeBundles = [
    {
        entryPoints: ['client/src/extension.ts'],
        outfile: 'dist/client/extension.cjs',
        external: ['vscode'],
    },
    {
        entryPoints: ['server/src/main.ts'],
        outfile: 'dist/server/main.cjs',
        plugins: [sucraseBeside()],
    },
    {
        entryPoints: [relative(root, require.resolve('sucrase'))],
        outfile: 'dist/server/sucrase.cjs',
    },
].map(options => ({ ...common, ...importMetaUrlShim, platform: 'node', format: 'cjs', target: 'node20', ...options }));

const webviewBundles = ['graph', 'outputs', 'dashboard']
    .map(name => ({ name, entry: `webview/src/${name}/main.ts` }))
    .filter(({ entry }) => existsSync(join(root, entry)))
    .map(({ name, entry }) => ({
        ...common,
        entryPoints: [entry],
        outfile: `dist/webview/${name}.js`,
        platform: 'browser',
        format: 'iife',
        target: 'es2022',
    }));

// ESM with code splitting: each command's imports become chunks loaded on first use, as the
// lazily imported modules of out/cli do. tfjs-node stays external: it is used only when the user
// has it installed (backends/select.ts imports it dynamically).
const cliBundle = {
    ...common,
    entryPoints: ['cli/src/main.ts'],
    outdir: 'dist/cli',
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['@tensorflow/tfjs-node'],
    // Bundled CommonJS code (pngjs, jpeg-js, the wasm backend's Emscripten loader) uses require()
    // for Node built-ins and __dirname; chunks all live in dist/cli, so one definition fits all.
    banner: {
        js: [
            'import { createRequire as __fsCreateRequire } from "node:module";',
            'import { fileURLToPath as __fsFileURLToPath } from "node:url";',
            'import { dirname as __fsDirname } from "node:path";',
            'const require = __fsCreateRequire(import.meta.url);',
            'const __filename = __fsFileURLToPath(import.meta.url);',
            'const __dirname = __fsDirname(__filename);',
        ].join(' '),
    },
};

const all = [...nodeBundles, ...webviewBundles, cliBundle].filter(b => existsSync(join(root, b.entryPoints[0])));
const missing = nodeBundles.filter(b => !all.includes(b)).map(b => b.entryPoints[0]);
if (missing.length) {
    console.error(`bundle: missing entry point(s): ${missing.join(', ')}`);
    process.exitCode = 1;
}

if (watch) {
    for (const options of all) {
        const ctx = await esbuild.context({ ...options, plugins: [reportRebuilds(options.outfile ?? options.outdir)] });
        await ctx.watch();
    }
    console.log(`bundle: watching ${all.length} bundle(s); Ctrl+C to stop`);
} else {
    // Chunk names carry content hashes: without this, every build would leave the last one's behind.
    rmSync(join(root, cliBundle.outdir), { recursive: true, force: true });
    const results = await Promise.all(all.map(async options => {
        const started = performance.now();
        // esbuild has already printed the errors (logLevel): no stack trace on top of them
        const result = await esbuild.build(options).catch(() => undefined);
        return { options, result, ms: performance.now() - started };
    }));
    for (const { options, result, ms } of results) {
        if (!result) {
            console.error(`bundle: ${options.outfile} FAILED`);
            process.exitCode = 1;
            continue;
        }
        // Node tests live beside the nodes (nodes/<name>/<name>.test.ts): never in what ships.
        const tests = Object.keys(result.metafile.inputs).filter(input => /\.test\.[cm]?[jt]s$|^test\//.test(input));
        if (tests.length) {
            console.error(`bundle: ${options.outfile ?? options.outdir} includes test code: ${tests.join(', ')}`);
            process.exitCode = 1;
        }
        const eager = eagerSucrase(options, result.metafile);
        if (eager) {
            console.error(`bundle: ${options.outfile ?? options.outdir} loads Sucrase eagerly (${eager}); only a .ts node pack may load it`);
            process.exitCode = 1;
        }
        const name = options.outfile ?? options.outdir;
        const bytes = Object.entries(result.metafile.outputs)
            .filter(([file]) => !file.endsWith('.map'))
            .reduce((sum, [, output]) => sum + output.bytes, 0);
        console.log(`bundle: ${relative(root, join(root, name))} ${(bytes / 1024).toFixed(0)} KiB (${ms.toFixed(0)} ms)`);
    }
}

copyWasmBinaries();

/** The wasm backend loads its .wasm files at run time; backends/wasm-paths.ts looks in `wasm/` next to the bundle. */
function copyWasmBinaries() {
    const from = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
    const to = join(root, 'dist', 'cli', 'wasm');
    mkdirSync(to, { recursive: true });
    for (const name of readdirSync(from).filter(n => n.endsWith('.wasm'))) copyFileSync(join(from, name), join(to, name));
}

/**
 * A CommonJS bundle cannot split: inlined, Sucrase (290 KB) would be parsed at every server start.
 * packs/src/strip-types.ts imports it only for a `.ts` pack; here that import becomes a require
 * of the bundle beside this one.
 */
function sucraseBeside() {
    return {
        name: 'sucrase-beside',
        setup(build) {
            build.onResolve({ filter: /^sucrase$/ }, () => ({ path: './sucrase.cjs', external: true }));
        },
    };
}

/** Why a bundle (not Sucrase's own) would load Sucrase without a `.ts` pack: inlined, or a chunk imported statically. */
function eagerSucrase(options, metafile) {
    if (options.outfile === 'dist/server/sucrase.cjs') return undefined;
    const holds = output => Object.keys(output.inputs).some(input => input.includes('node_modules/sucrase/'));
    const chunks = Object.entries(metafile.outputs).filter(([, output]) => holds(output)).map(([file]) => file);
    if (options.outfile) return chunks.length ? 'inlined' : undefined;
    for (const [file, output] of Object.entries(metafile.outputs)) {
        const statically = output.imports.find(i => chunks.includes(i.path) && i.kind !== 'dynamic-import');
        if (statically) return `${file} imports ${statically.path}`;
    }
    return undefined;
}

function reportRebuilds(outfile) {
    return {
        name: 'report-rebuilds',
        setup(build) {
            build.onEnd(result => {
                const status = result.errors.length ? `${result.errors.length} error(s)` : 'ok';
                console.log(`bundle: ${outfile} rebuilt: ${status}`);
            });
        },
    };
}
