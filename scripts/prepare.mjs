// The `prepare` step of `npm install`: link the CLI into node_modules/.bin and build.
// `npx flowstudio` re-runs `prepare` when it links this package into npm's cache, so the
// build is skipped when nothing changed since the last one (a stamp file newer than every source).
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'out', '.build-stamp');
const SOURCES = ['catalog', 'nodes', 'wire-types', 'packs', 'server', 'engine', 'cli', 'client', 'editing', 'webview', 'test', 'bench', 'scripts', 'package.json', 'tsconfig.json', 'langium-config.json'];

function newestMtime(path) {
    if (!existsSync(path)) return 0;
    const stat = statSync(path);
    if (!stat.isDirectory()) return stat.mtimeMs;
    let newest = 0;
    for (const entry of readdirSync(path)) {
        if (entry === 'node_modules' || entry === 'generated' || entry === 'build' || entry.startsWith('.')) continue;
        newest = Math.max(newest, newestMtime(join(path, entry)));
    }
    return newest;
}

await import('./link-bin.mjs');
const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const changed = Math.max(...SOURCES.map(s => newestMtime(join(root, s))));
if (built && changed < built && existsSync(join(root, 'dist', 'server', 'main.cjs'))) {
    console.log('flowstudio: build is up to date');
} else {
    execSync('npm run build', { cwd: root, stdio: 'inherit' });
    mkdirSync(dirname(stamp), { recursive: true });
    writeFileSync(stamp, new Date().toISOString() + '\n');
}
