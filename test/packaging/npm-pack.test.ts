/**
 * The CLI as `npm install -g` installs it: `npm pack` the repository, install the tarball into a
 * temporary global prefix, then check and run a workflow from a folder that has nothing to do
 * with the repository (no node_modules above it). Proves the package carries its bundles, .wasm
 * binaries and MNIST data, and that `flowstudio` lands on the PATH.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const TINY = `workflow Tiny {
    digits = LoadMNIST(limit: 8, digits: [7])
    images = DatasetImages(dataset: digits, count: 8)
    grid = ImageGrid(images: images, columns: 4)
    SaveImages(images: grid, prefix: "sevens/grid")
}
`;

describe('npm pack → npm install -g (the CLI outside the repository)', function () {
    this.timeout(240_000);
    let work: string;
    let bin: string;
    let project: string;

    before(function () {
        work = mkdtempSync(join(tmpdir(), 'flowstudio-pack-'));
        // `npm pack` runs prepack (build + packed digits); the suite has built already, so do only the part it has not.
        if (!existsSync(join(ROOT, 'dist', 'cli', 'data', 'mnist-digits.bin'))) {
            execFileSync(process.execPath, [join(ROOT, 'scripts', 'pack-mnist.mjs')], { stdio: 'ignore' });
        }
        execFileSync(NPM, ['pack', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, stdio: 'ignore' });
        const tarball = readdirSync(work).find(f => f.endsWith('.tgz'));
        assert.ok(tarball, 'npm pack wrote no tarball');
        const prefix = join(work, 'prefix');
        execFileSync(NPM, ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', join(work, tarball)], {
            cwd: work, stdio: 'ignore', env: { ...process.env, npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr' },
        });
        bin = join(prefix, 'bin', 'flowstudio');
        project = join(work, 'elsewhere');
        execFileSync('mkdir', ['-p', project]);
        writeFileSync(join(project, 'tiny.flow'), TINY);
    });

    after(() => { if (work) rmSync(work, { recursive: true, force: true }); });

    it('installs a flowstudio command on the prefix PATH, without the repository', () => {
        assert.ok(existsSync(bin), `${bin} missing`);
        const installed = join(dirname(dirname(bin)), 'lib', 'node_modules', 'flowstudio');
        assert.ok(existsSync(join(installed, 'dist', 'cli', 'main.js')), 'the CLI bundle is not in the package');
        assert.ok(!existsSync(join(installed, 'out')), 'loose compiled files were packed');
        assert.ok(!existsSync(join(installed, 'node_modules')), 'the package installed dependencies; its bundles should need none');
    });

    it('checks a workflow from an unrelated folder', () => {
        const result = spawnSync(bin, ['check', 'tiny.flow'], { cwd: project, encoding: 'utf8' });
        assert.equal(result.status, 0, result.stderr + result.stdout);
        assert.match(result.stdout + result.stderr, /1 file\(s\) checked: 0 error\(s\)/);
    });

    it('runs it: MNIST digits from the packed data, a PNG in the output folder', () => {
        const result = spawnSync(bin, ['run', 'tiny.flow'], { cwd: project, encoding: 'utf8' });
        assert.equal(result.status, 0, result.stderr + result.stdout);
        const out = join(project, 'flow-output', 'Tiny', 'sevens');
        assert.deepEqual(readdirSync(out).filter(f => f.endsWith('.png')), ['grid_00001.png']);
    });
});
