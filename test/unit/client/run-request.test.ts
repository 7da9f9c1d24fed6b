import assert from 'node:assert/strict';
import { effectiveCacheDir, resolveRunRequest, runCommandArgs, runKey, taskLabel } from '../../../client/src/run/run-request.js';
import { findWorkflowNames, pickWorkflow } from '../../../client/src/run/workflow-scan.js';

const settings = { backend: 'auto' as const, outputDirectory: 'flow-output', cacheDirectory: '.flowstudio/cache', cacheSizeLimit: 2048 };

describe('client: flowstudio task resolution', () => {
    it('resolves paths against the workspace folder and builds the run command line', () => {
        const request = resolveRunRequest({ type: 'flowstudio', file: 'examples/digits-gan.flow', workflow: 'DigitsGan' }, '/ws', settings);
        assert.deepEqual(request, {
            file: '/ws/examples/digits-gan.flow', workflow: 'DigitsGan', backend: 'auto', noCache: false,
            outputRoot: '/ws/flow-output', cacheDir: '/ws/.flowstudio/cache', cacheSizeLimit: 2048, cwd: '/ws',
        });
        assert.deepEqual(runCommandArgs(request), ['run', '/ws/examples/digits-gan.flow', '--json', '--trust-workspace-nodes', '--workflow', 'DigitsGan',
            '--out', '/ws/flow-output/DigitsGan', '--cache-dir', '/ws/.flowstudio/cache', '--cache-size', '2048']);
        assert.equal(effectiveCacheDir(request), '/ws/.flowstudio/cache');
    });

    it("leaves outputs and cache to the engine's defaults when the settings are empty", () => {
        const request = resolveRunRequest({ type: 'flowstudio', file: 'sub/a.flow', workflow: 'A' }, '/ws',
            { ...settings, outputDirectory: '', cacheDirectory: ' ' });
        assert.equal(request.outputRoot, undefined);
        assert.equal(request.cacheDir, undefined);
        assert.deepEqual(runCommandArgs(request), ['run', '/ws/sub/a.flow', '--json', '--trust-workspace-nodes', '--workflow', 'A', '--cache-size', '2048']);
        assert.equal(effectiveCacheDir(request), '/ws/sub/.flowstudio/cache');
    });

    it('lets the task override backend and cache, keeps absolute setting paths', () => {
        const request = resolveRunRequest({ type: 'flowstudio', file: '/abs/a.flow', workflow: 'W', backend: 'wasm', noCache: true }, '/ws',
            { ...settings, outputDirectory: '/data/out' });
        assert.equal(request.file, '/abs/a.flow');
        assert.equal(request.outputRoot, '/data/out');
        assert.deepEqual(runCommandArgs(request), ['run', '/abs/a.flow', '--json', '--trust-workspace-nodes', '--workflow', 'W', '--out', '/data/out/W',
            '--cache-dir', '/ws/.flowstudio/cache', '--cache-size', '2048', '--backend', 'wasm', '--no-cache']);
    });

    it('refuses a missing file, an unknown backend and a bad cache size with clear messages', () => {
        assert.throws(() => resolveRunRequest({ type: 'flowstudio', file: '' }, '/ws', settings), /needs a "file"/);
        assert.throws(() => resolveRunRequest({ type: 'flowstudio', file: 'a.flow', backend: 'gpu' as never }, '/ws', settings),
            /Unknown backend "gpu": use one of auto, tensorflow, wasm-native, wasm, cpu/);
        assert.throws(() => resolveRunRequest({ type: 'flowstudio', file: 'a.flow' }, '/ws', { ...settings, cacheSizeLimit: 0 }),
            /flowstudio.cacheSizeLimit must be a size in MiB greater than 0/);
    });

    it('passes the engine settings: the default engine and server from settings, the task\'s engine as an override', () => {
        const fromSettings = resolveRunRequest({ type: 'flowstudio', file: 'a.flow', workflow: 'W' }, '/ws',
            { ...settings, outputDirectory: '', cacheDirectory: '', engine: 'comfyui', comfyuiServer: ' http://10.0.0.5:8188 ' });
        assert.deepEqual(runCommandArgs(fromSettings), ['run', '/ws/a.flow', '--json', '--trust-workspace-nodes', '--workflow', 'W', '--cache-size', '2048',
            '--default-engine', 'comfyui', '--server', 'http://10.0.0.5:8188']);
        const overridden = resolveRunRequest({ type: 'flowstudio', file: 'a.flow', workflow: 'W', engine: 'local' }, '/ws',
            { ...settings, outputDirectory: '', cacheDirectory: '', engine: 'local', comfyuiServer: '' });
        assert.deepEqual(runCommandArgs(overridden).slice(-2), ['--engine', 'local']);
        assert.throws(() => resolveRunRequest({ type: 'flowstudio', file: 'a.flow', engine: 'gpu' as 'local' }, '/ws', settings), /Unknown engine "gpu": use one of local, comfyui/);
    });

    it('labels tasks and keys runs per workflow', () => {
        assert.equal(taskLabel({ type: 'flowstudio', file: 'x/digits-gan.flow', workflow: 'DigitsGan' }), 'run DigitsGan');
        assert.equal(taskLabel({ type: 'flowstudio', file: 'x/digits-gan.flow', noCache: true }), 'run digits-gan (no cache)');
        assert.notEqual(runKey({ file: '/a.flow', workflow: 'A' }), runKey({ file: '/a.flow', workflow: 'B' }));
    });
});

describe('client: workflow scan', () => {
    it('finds workflows, ignoring comments, strings and subgraphs', () => {
        const text = [
            'import "lib/workflow Fake {.flow"',
            '/* workflow Commented { } */',
            '// workflow AlsoCommented {',
            'subgraph Block { }',
            '/** doc */',
            'workflow First {',
            '  SaveImages(images: x, prefix: "workflow Inner {")',
            '}',
            'workflow\tSecond{ }',
        ].join('\n');
        assert.deepEqual(findWorkflowNames(text), ['First', 'Second']);
    });

    it('picks the requested workflow or the first, and explains what is wrong', () => {
        assert.equal(pickWorkflow(['A', 'B'], undefined, 'f.flow'), 'A');
        assert.equal(pickWorkflow(['A', 'B'], 'B', 'f.flow'), 'B');
        assert.throws(() => pickWorkflow(['A', 'B'], 'C', 'f.flow'), /f\.flow has no workflow "C"; it declares: A, B\./);
        assert.throws(() => pickWorkflow([], undefined, 'lib.flow'), /lib\.flow declares no workflow/);
    });
});
