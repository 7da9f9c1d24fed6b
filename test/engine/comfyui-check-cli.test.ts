/**
 * `flowstudio check` with ComfyUI's nodes: the saved node list of the workspace around the file
 * (found upward), `--object-info FILE`, `--server URL`, `--default-engine` and `--engine`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SUBSET = path.join(REPO, 'test/fixtures/comfyui/object_info.subset.json');

const FLOW = `workflow Invert on comfyui {
    img = EmptyImage(width: 64, height: 64)
    SaveImage(images: ImageInvert(image: img))
}

workflow Digits {
    d = LoadMNIST(limit: 4)
    SaveImages(images: DatasetImages(dataset: d, count: 4), prefix: "x")
}
`.replace('SaveImage(images: ImageInvert(image: img))', 'inv = ImageInvert(image: img)\n    SaveImage(images: inv)')
    .replace('SaveImages(images: DatasetImages(dataset: d, count: 4), prefix: "x")', 'i = DatasetImages(dataset: d, count: 4)\n    SaveImages(images: i, prefix: "x")');

function check(args: string[]): { status: number | null; out: string } {
    const r = spawnSync(process.execPath, [path.join(REPO, 'bin/flowstudio.js'), 'check', ...args], { encoding: 'utf8', timeout: 60_000 });
    return { status: r.status, out: r.stdout + r.stderr };
}

describe('flowstudio check with ComfyUI nodes', function () {
    this.timeout(120_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flow-check-comfy-'));
    const sub = path.join(dir, 'flows');
    fs.mkdirSync(sub);
    const file = path.join(sub, 'both.flow');
    fs.writeFileSync(file, FLOW);

    it('without a node list: one warning for the ComfyUI workflow, no errors', () => {
        const r = check([file]);
        assert.equal(r.status, 0, r.out);
        assert.match(r.out, /both\.flow:1:20: warning: Workflow 'Invert' runs on ComfyUI, but no ComfyUI node list is loaded.*\[no-comfyui-nodes\]/);
        assert.match(r.out, /0 error\(s\), 1 warning\(s\)/);
    });

    it('--object-info FILE, or the workspace\'s saved list found above the file, checks the ComfyUI workflow', () => {
        assert.match(check([file, '--object-info', SUBSET]).out, /0 error\(s\), 0 warning\(s\)/);
        fs.mkdirSync(path.join(dir, '.flowstudio', 'comfyui'), { recursive: true });
        fs.copyFileSync(SUBSET, path.join(dir, '.flowstudio', 'comfyui', 'object_info.json'));
        const r = check([file]);
        assert.equal(r.status, 0, r.out);
        assert.match(r.out, /0 error\(s\), 0 warning\(s\)/);
    });

    it('--engine checks every workflow for that engine; --default-engine only those that name none', () => {
        const all = check([file, '--engine', 'comfyui']);
        assert.equal(all.status, 1);
        assert.match(all.out, /both\.flow:8:9: error: 'LoadMNIST' runs only on the local engine .*workflow 'Digits' runs on a ComfyUI server \(comfyui\)\. \[wrong-engine\]/);
        const local = check([file, '--engine', 'local']);
        assert.match(local.out, /both\.flow:2:11: error: 'EmptyImage' is a ComfyUI node; workflow 'Invert' runs on the local engine \(local\)\. \[wrong-engine\]/);
        const byDefault = check([file, '--default-engine', 'comfyui']);
        assert.match(byDefault.out, /'LoadMNIST' runs only on the local engine .*\(add `on local` after the workflow's name/);
        assert.doesNotMatch(byDefault.out, /EmptyImage/);
        const bad = check([file, '--engine', 'mars']);
        assert.equal(bad.status, 2);
        assert.match(bad.out, /--engine mars: the engines are local, comfyui/);
    });

    it('an unreachable --server falls back to the saved list and says nothing per node', () => {
        const r = check([file, '--server', 'http://127.0.0.1:9']);
        assert.equal(r.status, 0, r.out);
        assert.match(r.out, /0 error\(s\), 0 warning\(s\)/);
        fs.rmSync(path.join(dir, '.flowstudio'), { recursive: true });
        const none = check([file, '--server', 'http://127.0.0.1:9']);
        assert.match(none.out, /no ComfyUI node list is loaded \(ComfyUI node list from http:\/\/127\.0\.0\.1:9\/object_info: cannot connect/);
    });
});
