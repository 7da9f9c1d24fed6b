#!/usr/bin/env node
/**
 * Install-time build of the optional native addon (native/): node-gyp against the local Node
 * headers (never downloaded), or the C++ compiler directly when node-gyp or Python is missing.
 * Always exits 0: without a toolchain Flow Studio runs on wasm, and this prints one line saying why.
 * Usage: node scripts/build-native.mjs [--force] [--prebuilt]
 *   --prebuilt also copies the addon to native/prebuilt/<platform>-<arch>/ (what a VSIX for this
 *   platform ships; the loader looks there when there is no local build).
 *   FLOWSTUDIO_SKIP_NATIVE=1 skips the build, FLOWSTUDIO_NATIVE_BUILD=direct compiles without node-gyp.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const nativeDir = join(root, 'native');
const output = join(nativeDir, 'build', 'Release', 'flowstudio_native.node');
const logFile = join(nativeDir, 'build', 'build-native.log');
const force = process.argv.includes('--force');
const prebuilt = process.argv.includes('--prebuilt');
const prebuiltFile = join(nativeDir, 'prebuilt', `${process.platform}-${process.arch}`, 'flowstudio_native.node');
const PREFIX = 'flowstudio native addon:';

function done(message) {
    if (prebuilt && existsSync(output)) {
        mkdirSync(dirname(prebuiltFile), { recursive: true });
        copyFileSync(output, prebuiltFile);
        message += `; copied to ${prebuiltFile}`;
    }
    console.log(`${PREFIX} ${message}`);
    process.exit(0);
}

function skip(reason) {
    console.log(`${PREFIX} skipped, ${reason}. Flow Studio runs on the wasm backend (slower training).`);
    process.exit(0);
}

function onPath(cmd) {
    const exts = process.platform === 'win32' ? ['.exe', '.cmd', '.bat', ''] : [''];
    for (const dir of (process.env.PATH ?? '').split(delimiter)) {
        for (const ext of exts) {
            const p = join(dir, cmd + ext);
            if (dir && existsSync(p)) return p;
        }
    }
    return undefined;
}

function findCompiler() {
    if (process.env.CXX) return process.env.CXX;
    if (process.platform === 'win32') return 'msvc'; // node-gyp locates Visual Studio itself
    return ['c++', 'g++', 'clang++'].map(onPath).find(Boolean);
}

/** A directory D with D/include/node/node_api.h, from this Node's own install. */
function findNodeDir() {
    const candidates = [
        process.env.npm_config_nodedir,
        dirname(dirname(process.execPath)),
        '/usr',
        '/usr/local',
    ].filter(Boolean);
    return candidates.find(d => existsSync(join(d, 'include', 'node', 'node_api.h')));
}

function findNodeGyp() {
    const candidates = [];
    try {
        candidates.push(createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js'));
    } catch { /* not a project dependency */ }
    if (process.env.npm_execpath) {
        candidates.push(join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
    }
    const prefix = dirname(dirname(process.execPath));
    candidates.push(join(prefix, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
    candidates.push(join(dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
    return candidates.find(p => existsSync(p));
}

function hasPython() {
    for (const py of [process.env.PYTHON, 'python3', 'python'].filter(Boolean)) {
        const r = spawnSync(py, ['--version'], { encoding: 'utf8' });
        if (r.status === 0) return true;
    }
    return false;
}

function newestSource() {
    let newest = statSync(join(nativeDir, 'binding.gyp')).mtimeMs;
    for (const f of readdirSync(join(nativeDir, 'src'))) {
        newest = Math.max(newest, statSync(join(nativeDir, 'src', f)).mtimeMs);
    }
    return newest;
}

function sources() {
    return readdirSync(join(nativeDir, 'src')).filter(f => f.endsWith('.cc')).map(f => join('src', f));
}

/** Loads the built addon in a fresh Node and returns its info(), or the load error. */
function probe() {
    const r = spawnSync(process.execPath, ['-e',
        `const a = require(${JSON.stringify(output)}); console.log(JSON.stringify(a.info()))`], { encoding: 'utf8' });
    if (r.status !== 0) return { error: (r.stderr || r.stdout).trim().split('\n')[0] };
    return JSON.parse(r.stdout);
}

function run(cmd, args, log) {
    const r = spawnSync(cmd, args, { cwd: nativeDir, encoding: 'utf8', env: process.env });
    log.push(`$ ${cmd} ${args.join(' ')}`, r.stdout ?? '', r.stderr ?? '', r.error ? String(r.error) : '');
    return r.status === 0;
}

if (process.env.FLOWSTUDIO_SKIP_NATIVE === '1') skip('FLOWSTUDIO_SKIP_NATIVE=1');
if (!existsSync(join(nativeDir, 'binding.gyp'))) skip('native/ sources are not in this package');
if (!force && existsSync(output) && statSync(output).mtimeMs >= newestSource()) {
    const info = probe();
    if (!info.error) done(`up to date (${info.isa}, ${info.threads} threads): ${output}`);
}

const compiler = findCompiler();
if (!compiler) skip('no C++ compiler found (install g++ or clang++, then run `npm run build:native`)');
const nodeDir = findNodeDir();
if (!nodeDir) skip(`no Node.js headers next to ${process.execPath} (include/node/node_api.h); headers are never downloaded`);

mkdirSync(dirname(logFile), { recursive: true });
const log = [];
let built = false;
const nodeGyp = findNodeGyp();
// FLOWSTUDIO_NATIVE_BUILD=direct skips node-gyp (and tests the fallback).
if (nodeGyp && process.env.FLOWSTUDIO_NATIVE_BUILD !== 'direct' && hasPython()) {
    built = run(process.execPath, [nodeGyp, 'rebuild', `--nodedir=${nodeDir}`, '--jobs=max'], log);
}
if (!built && process.platform !== 'win32') {
    // Same flags as binding.gyp, for machines without node-gyp or Python (or where it failed).
    mkdirSync(dirname(output), { recursive: true });
    const args = ['-std=c++17', '-O3', '-fPIC', '-shared', '-pthread', '-fno-math-errno',
        '-DNAPI_VERSION=8', '-DNODE_GYP_MODULE_NAME=flowstudio_native',
        `-I${join(nodeDir, 'include', 'node')}`, ...sources(), '-o', output];
    if (process.platform === 'darwin') args.push('-undefined', 'dynamic_lookup');
    built = run(compiler, args, log);
}
writeFileSync(logFile, log.join('\n'));
if (!built) skip(`the compile failed (log: ${logFile})`);
const info = probe();
if (info.error) skip(`the built addon does not load: ${info.error} (log: ${logFile})`);
done(`built for ${info.arch}, GEMM kernels ${info.isa} (best on this CPU), ${info.threads} threads: ${output}`);
