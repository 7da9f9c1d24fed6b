#!/usr/bin/env node
/**
 * `npm run package`: the VSIXs users install. Each is built from a staging folder holding only
 * what the extension runs — the esbuild bundles (extension, language server, webviews, CLI and
 * engine; Sucrase beside the server, for `.ts` node packs), TensorFlow.js's .wasm binaries, the
 * packed MNIST digits, the grammar, the manifest —
 * never node_modules or loose compiled files. Targets:
 *   linux-x64 (or this machine's platform): with the native addon (wasm-native backend);
 *   universal: without it, the engine falls back to the wasm backend.
 * Usage: node scripts/package.mjs [--target <platform-arch>|universal ...] [--current] [--out <dir>] [--no-build]
 *   --current: only this machine's platform (what the e2e suite installs).
 * Prints each VSIX's path, size and file count.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = name => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const here = `${process.platform}-${process.arch}`;
const targets = args.flatMap((a, i) => args[i - 1] === '--target' ? [a] : []);
if (args.includes('--current')) targets.push(here);
if (!targets.length) targets.push(here, 'universal');
const outDir = join(root, option('--out') ?? 'dist-vsix');
const ADDON = 'flowstudio_native.node';

/** What the extension needs at run time, relative to the repository (dist/ is filtered below). */
const SHIPPED = ['.vscodeignore', 'package.json', 'README.md', 'LICENSE', 'language-configuration.json', 'syntaxes', 'media/icon.png', 'bin/flowstudio.js', 'examples'];

function run(cmd, cmdArgs) {
    execFileSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
}

if (!args.includes('--no-build')) {
    run('npx', ['langium', 'generate']);
    run(process.execPath, ['scripts/bundle.mjs', '--minify', '--no-sourcemap']);
    run(process.execPath, ['scripts/pack-mnist.mjs']);
}
for (const needed of ['dist/client/extension.cjs', 'dist/server/main.cjs', 'dist/server/sucrase.cjs', 'dist/cli/main.js', 'dist/cli/data/mnist-digits.bin']) {
    if (!existsSync(join(root, needed))) throw new Error(`package: ${needed} is missing; run without --no-build`);
}

mkdirSync(outDir, { recursive: true });
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
for (const target of targets) {
    const stage = join(outDir, `stage-${target}`);
    rmSync(stage, { recursive: true, force: true });
    mkdirSync(stage, { recursive: true });
    for (const entry of SHIPPED) cpSync(join(root, entry), join(stage, entry), { recursive: true, filter: src => !/flow-output|\.flowstudio-cache/.test(src) });
    cpSync(join(root, 'dist'), join(stage, 'dist'), { recursive: true, filter: src => !src.endsWith('.map') });
    if (target !== 'universal') {
        const addon = target === here ? join(root, 'native', 'build', 'Release', ADDON) : join(root, 'native', 'prebuilt', target, ADDON);
        if (!existsSync(addon)) throw new Error(`package: no native addon for ${target} (looked for ${addon}); build it on that platform with \`node scripts/build-native.mjs --prebuilt\``);
        mkdirSync(join(stage, 'native', 'prebuilt', target), { recursive: true });
        cpSync(addon, join(stage, 'native', 'prebuilt', target, ADDON));
    }
    // The staged manifest runs nothing at install: VS Code installs no dependencies and runs no scripts.
    const { files: _files, ...rest } = manifest;
    const staged = { ...rest, scripts: {}, devDependencies: {} };
    writeFileSync(join(stage, 'package.json'), JSON.stringify(staged, null, 2) + '\n');
    const name = target === 'universal' ? 'flowstudio-universal.vsix' : `flowstudio-${target}.vsix`;
    const vsix = join(outDir, name);
    const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
    execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--no-update-package-json', '--allow-missing-repository',
        ...(target === 'universal' ? [] : ['--target', target]), '--out', vsix], { cwd: stage, stdio: ['ignore', 'ignore', 'inherit'] });
    const files = zipEntryCount(vsix);
    console.log(`package: ${vsix} ${(statSync(vsix).size / 1e6).toFixed(2)} MB, ${files} files`);
    rmSync(stage, { recursive: true, force: true });
}

/** Entries in a zip file, from its end-of-central-directory record (no unzip tool needed). */
function zipEntryCount(file) {
    const bytes = readFileSync(file);
    for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i--) {
        if (bytes.readUInt32LE(i) === 0x06054b50) return bytes.readUInt16LE(i + 10);
    }
    throw new Error(`package: ${file} is not a zip file`);
}
