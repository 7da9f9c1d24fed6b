#!/usr/bin/env node
/**
 * Bundles what VS Code loads into dist/ with esbuild:
 *   client/src/extension.ts        -> dist/client/extension.cjs  (extension host, `vscode` external)
 *   server/src/main.ts             -> dist/server/main.cjs       (language server process)
 *   webview/src/<name>/main.ts     -> dist/webview/<name>.js     (browser iife; only entries that exist)
 * Usage: node scripts/bundle.mjs [--watch] [--minify]
 */
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

const common = {
    bundle: true,
    sourcemap: true,
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

const all = [...nodeBundles, ...webviewBundles].filter(b => existsSync(join(root, b.entryPoints[0])));
const missing = nodeBundles.filter(b => !all.includes(b)).map(b => b.entryPoints[0]);
if (missing.length) {
    console.error(`bundle: missing entry point(s): ${missing.join(', ')}`);
    process.exitCode = 1;
}

if (watch) {
    for (const options of all) {
        const ctx = await esbuild.context({ ...options, plugins: [reportRebuilds(options.outfile)] });
        await ctx.watch();
    }
    console.log(`bundle: watching ${all.length} bundle(s); Ctrl+C to stop`);
} else {
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
        const output = result.metafile.outputs[options.outfile];
        const kib = (output.bytes / 1024).toFixed(0);
        console.log(`bundle: ${relative(root, join(root, options.outfile))} ${kib} KiB (${ms.toFixed(0)} ms)`);
    }
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
