/**
 * The VS Code side of ComfyUI import/export that runs without VS Code: recognising a ComfyUI
 * workflow by its shape (what offers "Open as Flow"), the CLI call the commands and the drop
 * provider make, and the workflow name a drop gets.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshName, runCli } from '../../client/src/comfyui/cli-call.js';
import { isComfyWorkflow } from '../../comfyui/src/import/detect.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const FIXTURES = path.join(REPO, 'test/fixtures/comfyui');

describe('ComfyUI in VS Code (host side)', () => {
    it('recognises ComfyUI workflows by shape, not by name', () => {
        for (const f of ['ui-features.json', 'schema1-subgraph.json', 'api-upscale.json']) {
            assert.ok(isComfyWorkflow(JSON.parse(fs.readFileSync(path.join(FIXTURES, f), 'utf8'))), f);
        }
        assert.ok(!isComfyWorkflow(JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'))));
        assert.ok(!isComfyWorkflow(JSON.parse(fs.readFileSync(path.join(FIXTURES, 'object_info.subset.json'), 'utf8'))), 'a node list is not a workflow');
        assert.ok(!isComfyWorkflow({}) && !isComfyWorkflow([]) && !isComfyWorkflow(null));
    });

    it('a drop imports through the CLI to stdout under a fresh workflow name', async () => {
        const name = freshName('Fox', ['Fox', 'Fox2']);
        assert.equal(name, 'Fox3');
        const result = await runCli(path.join(REPO, 'bin/flowstudio.js'), ['import', path.join(FIXTURES, 'api-upscale.json'), '-o', '-', '--name', name], REPO);
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stdout, /^workflow Fox3 on comfyui \{$/m);
        const failed = await runCli(path.join(REPO, 'bin/flowstudio.js'), ['import', path.join(REPO, 'package.json'), '-o', '-'], REPO);
        assert.equal(failed.code, 1);
        assert.match(failed.stderr, /package\.json: not a ComfyUI workflow/);
    });
});
