import assert from 'node:assert/strict';
import { resolveRunRequest, runCommandArgs, runKey, taskLabel } from '../../../client/src/run/run-request.js';
import { findWorkflowNames, pickWorkflow } from '../../../client/src/run/workflow-scan.js';

const settings = { backend: 'auto' as const, outputDirectory: 'flow-output', cacheDirectory: '.flowstudio/cache' };

describe('client: flowstudio task resolution', () => {
    it('resolves paths against the workspace folder and builds the run command line', () => {
        const request = resolveRunRequest({ type: 'flowstudio', file: 'examples/digits-gan.flow', workflow: 'DigitsGan' }, '/ws', settings);
        assert.deepEqual(request, {
            file: '/ws/examples/digits-gan.flow', workflow: 'DigitsGan', backend: 'auto', noCache: false,
            outputDir: '/ws/flow-output', cacheDir: '/ws/.flowstudio/cache', cwd: '/ws',
        });
        assert.deepEqual(runCommandArgs(request), ['run', '/ws/examples/digits-gan.flow', '--json',
            '--out', '/ws/flow-output', '--cache-dir', '/ws/.flowstudio/cache', '--workflow', 'DigitsGan']);
    });

    it('lets the task override backend and cache, keeps absolute setting paths', () => {
        const request = resolveRunRequest({ type: 'flowstudio', file: '/abs/a.flow', backend: 'wasm', noCache: true }, '/ws',
            { ...settings, outputDirectory: '/data/out' });
        assert.equal(request.file, '/abs/a.flow');
        assert.equal(request.outputDir, '/data/out');
        assert.deepEqual(runCommandArgs(request).slice(-3), ['--backend', 'wasm', '--no-cache']);
    });

    it('refuses a missing file and an unknown backend with clear messages', () => {
        assert.throws(() => resolveRunRequest({ type: 'flowstudio', file: '' }, '/ws', settings), /needs a "file"/);
        assert.throws(() => resolveRunRequest({ type: 'flowstudio', file: 'a.flow', backend: 'gpu' as never }, '/ws', settings),
            /Unknown backend "gpu": use one of auto, tensorflow, wasm-native, wasm, cpu/);
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
