/**
 * User node packs, the proof of the node-unit design (issue 9): a workspace pack with a node and a
 * new wire type is loaded, validated and run by the CLI like built-in nodes; an untrusted
 * workspace does not load it and says why; a broken pack is a clear problem, not a crash; editing
 * the pack re-runs its nodes and nothing upstream.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverPackFiles } from '../../packs/src/discover.js';
import { loadPackFile } from '../../packs/src/load-pack.js';
import { masksFlow, packWorkspace } from '../helpers/pack-workspace.js';
import { eventsOf, spawnCli } from './helpers.js';

const FLOW = masksFlow('masks/m');
const workspace = () => packWorkspace(FLOW);

describe('node packs from the workspace', function () {
    this.timeout(120_000);

    it('a trusted pack\'s nodes and wire type validate and run from the CLI, and its edit re-runs only its nodes', async () => {
        const { dir, file, pack } = workspace();
        const check = await spawnCli(['check', file, '--trust-workspace-nodes'], undefined, dir);
        assert.equal(check.code, 0, check.stdout + check.stderr);

        const first = await spawnCli(['run', file, '--json', '--trust-workspace-nodes'], undefined, dir);
        assert.equal(first.code, 0, first.stdout + first.stderr);
        const pngs = fs.readdirSync(path.join(dir, 'flow-output', 'Masks', 'masks')).filter(f => f.endsWith('.png'));
        assert.equal(pngs.length, 4);

        fs.writeFileSync(pack, fs.readFileSync(pack, 'utf8').replace("label: 'Masks'", "label: 'Masks v2'"));
        const second = await spawnCli(['run', file, '--json', '--trust-workspace-nodes'], undefined, dir);
        assert.equal(second.code, 0, second.stderr);
        const ran = eventsOf(second.events, 'node-end').map(e => e.type);
        const cached = eventsOf(second.events, 'node-cached').map(e => e.type);
        assert.deepEqual(ran.filter(t => t !== 'SaveImages').sort(), ['ImageToMask', 'MaskToImage'], 'the edited pack\'s nodes run again');
        assert.ok(cached.includes('DatasetImages') && !ran.includes('LoadMNIST'), 'what comes before them is cached');
    });

    it('an untrusted workspace does not load the pack and says how to trust it', async () => {
        const { dir, file } = workspace();
        const result = await spawnCli(['check', file], undefined, dir);
        assert.equal(result.code, 1);
        assert.match(result.stdout, /Unknown node type 'ImageToMask'.*node pack masks\.mjs is not loaded: the workspace is not trusted \(run with --trust-workspace-nodes/);
        const run = await spawnCli(['run', file, '--json'], undefined, dir);
        assert.equal(run.code, 1);
        assert.ok(!fs.existsSync(path.join(dir, 'flow-output', 'Masks')), 'nothing ran');
    });

    it('a broken pack is a clear problem naming the file, and the rest still works', async () => {
        const { dir, file, pack } = workspace();
        fs.writeFileSync(pack, 'export default { nodes: [ { schema: { name: "Broken" } } ] };');
        const result = await spawnCli(['check', file, '--trust-workspace-nodes'], undefined, dir);
        assert.equal(result.code, 1);
        assert.match(result.stdout, /Unknown node type 'ImageToMask'.*node pack masks\.mjs: nodes\[0\] \(Broken\): `inputs` must be an array/);
        assert.ok(!/at .*\.js:\d+/.test(result.stdout + result.stderr), 'no stack trace');
        fs.writeFileSync(pack, 'export default {{ syntax error');
        const syntax = await spawnCli(['check', file, '--trust-workspace-nodes'], undefined, dir);
        assert.match(syntax.stdout, /node pack masks\.mjs: it failed to load: /);
    });

    describe('a .ts pack', () => {
        it('loads with its types stripped, validates and runs from the CLI; its edit re-runs only its nodes', async () => {
            const { dir, file, pack } = packWorkspace(FLOW, 'ts');
            const check = await spawnCli(['check', file, '--trust-workspace-nodes'], undefined, dir);
            assert.equal(check.code, 0, check.stdout + check.stderr);
            const first = await spawnCli(['run', file, '--json', '--trust-workspace-nodes'], undefined, dir);
            assert.equal(first.code, 0, first.stdout + first.stderr);
            assert.equal(fs.readdirSync(path.join(dir, 'flow-output', 'Masks', 'masks')).filter(f => f.endsWith('.png')).length, 4);
            assert.deepEqual(fs.readdirSync(path.dirname(pack)), ['masks.ts'], 'nothing is written beside the pack');

            fs.writeFileSync(pack, fs.readFileSync(pack, 'utf8').replace("label: 'Masks'", "label: 'Masks v2'"));
            const second = await spawnCli(['run', file, '--json', '--trust-workspace-nodes'], undefined, dir);
            assert.equal(second.code, 0, second.stderr);
            assert.deepEqual(eventsOf(second.events, 'node-end').map(e => e.type).filter(t => t !== 'SaveImages').sort(), ['ImageToMask', 'MaskToImage']);
            assert.ok(eventsOf(second.events, 'node-cached').map(e => e.type).includes('DatasetImages'));
        });

        it('its stack frames name the pack\'s file and line, not the data: URL it is imported from', async () => {
            const { pack } = packWorkspace(FLOW, 'ts');
            const lines = fs.readFileSync(pack, 'utf8').split('\n');
            const line = lines.findIndex(l => l.includes('const { tf } = ctx;')) + 1;
            lines[line - 1] = '                throw new Error(`no ${typeof ctx}`);';
            fs.writeFileSync(pack, lines.join('\n'));
            const loaded = await loadPackFile(pack);
            assert.ok('module' in loaded, JSON.stringify(loaded));
            const run = loaded.module.nodes[0].run as unknown as (ctx: unknown) => Promise<unknown>;
            const error = await run({}).then(() => undefined, (e: Error) => e);
            assert.match(error?.stack ?? '', new RegExp(`at .*${path.basename(path.dirname(path.dirname(path.dirname(pack))))}/\\.flowstudio/nodes/masks\\.ts:${line}:\\d+`));
            assert.ok(!error!.stack!.includes('data:'));
        });

        it('a syntax error is a problem naming the file and line, with no stack trace', async () => {
            const { dir, file, pack } = packWorkspace(FLOW, 'ts');
            const source = fs.readFileSync(pack, 'utf8').split('\n');
            const line = source.findIndex(l => l.includes('const MASK_ENGINE')) + 1;
            source[line - 1] = 'const MASK_ENGINE: = {';
            fs.writeFileSync(pack, source.join('\n'));
            const result = await spawnCli(['check', file, '--trust-workspace-nodes'], undefined, dir);
            assert.equal(result.code, 1);
            assert.match(result.stdout, new RegExp(`node pack masks\\.ts: masks\\.ts:${line}:\\d+: Unexpected token`));
            assert.ok(!/at .*\.[cm]?js:\d+/.test(result.stdout + result.stderr), 'no stack trace');
        });

        it('imports a .js helper beside it and an installed package (a .d.ts beside it is no pack); a missing package or another .ts file is a clear problem', async () => {
            const { dir, file, pack } = packWorkspace(FLOW, 'ts');
            fs.writeFileSync(path.join(path.dirname(pack), 'api.d.ts'), 'export interface Mask { kind: "MASK" }\n');
            assert.deepEqual(discoverPackFiles(dir), [pack]);
            const helpers = path.join(path.dirname(pack), 'lib');
            fs.mkdirSync(helpers);
            fs.writeFileSync(path.join(helpers, 'label.mjs'), "export const LABEL = 'Masks from a helper';\n");
            const source = fs.readFileSync(pack, 'utf8');
            fs.writeFileSync(pack, `import { LABEL } from './lib/label.mjs';\n${source.replace("label: 'Masks'", 'label: LABEL')}`);
            const check = await spawnCli(['check', file, '--trust-workspace-nodes'], undefined, dir);
            assert.equal(check.code, 0, check.stdout + check.stderr);

            // A package installed in the workspace, and a comment that reads like an import.
            const pkg = path.join(dir, 'node_modules', 'mask-colors');
            fs.mkdirSync(pkg, { recursive: true });
            fs.writeFileSync(path.join(pkg, 'package.json'), '{ "name": "mask-colors", "main": "index.js" }');
            fs.writeFileSync(path.join(pkg, 'index.js'), "exports.MASK_COLOR = '#123abc';\n");
            fs.writeFileSync(pack, `// adapted from 'a-pack-nobody-installed'\nimport { MASK_COLOR } from 'mask-colors';\n${source.replace("color: '#81c784'", 'color: MASK_COLOR')}`);
            const loaded = await loadPackFile(pack);
            assert.ok('pack' in loaded, JSON.stringify(loaded));
            assert.equal(loaded.pack.types[0].color, '#123abc');
            fs.writeFileSync(pack, `import { MASK_COLOR } from 'mask-colours';\n${source.replace("color: '#81c784'", 'color: MASK_COLOR')}`);
            const missing = await spawnCli(['check', file, '--trust-workspace-nodes'], undefined, dir);
            assert.match(missing.stdout, /node pack masks\.ts: it failed to load: .*"mask-colours" from "masks\.ts"/);
            assert.ok(!missing.stdout.includes('base64'), 'the message names the file, not the data: URL');

            fs.writeFileSync(path.join(helpers, 'label.ts'), "export const LABEL: string = 'x';\n");
            fs.writeFileSync(pack, `import { LABEL } from './lib/label.ts';\n${source.replace("label: 'Masks'", 'label: LABEL')}`);
            const ts = await spawnCli(['check', file, '--trust-workspace-nodes'], undefined, dir);
            assert.equal(ts.code, 1);
            assert.match(ts.stdout, /node pack masks\.ts: masks\.ts:1: cannot import '\.\/lib\/label\.ts': a \.ts pack may import \.js\/\.mjs files, Node built-ins and packages, not other \.ts files/);
        });
    });
});
