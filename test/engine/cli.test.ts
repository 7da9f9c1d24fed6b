/** `flowstudio run` as users run it: a spawned process, JSON Lines, exit codes, a real SIGINT. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { eventsOf, spawnCli, tempDir, tinyGanFlow, writeFlow } from './helpers.js';

describe('flowstudio run (CLI)', function () {
    this.timeout(240_000);

    it('cancels on SIGINT during training (exit 130), then a re-run completes from the cache', async () => {
        const dir = tempDir();
        const file = writeFlow(dir, 'cancel.flow', tinyGanFlow({ maxSteps: 2000 }));
        let sent = false;
        const cancelled = await spawnCli(['run', file, '--json'], (event, child) => {
            if (!sent && event.event === 'progress' && event.node === 'trained') {
                sent = true;
                child.kill('SIGINT');
            }
        });
        assert.ok(sent, `training never reported progress: ${cancelled.stderr}`);
        assert.equal(cancelled.code, 130, cancelled.stderr);
        const end = eventsOf(cancelled.events, 'run-end')[0];
        assert.equal(end.status, 'cancelled');
        assert.ok(!eventsOf(cancelled.events, 'node-end').some(e => e.node === 'trained'));
        const finishedBefore = eventsOf(cancelled.events, 'node-end').map(e => e.node);
        assert.ok(finishedBefore.includes('digits') && finishedBefore.includes('norm'));
        assert.deepEqual(fs.readdirSync(path.join(dir, '.flowstudio', 'cache')).filter(n => n.startsWith('.tmp')), [], 'no half-written entries');

        // Short training this time: the finished nodes come from the cache.
        writeFlow(dir, 'cancel.flow', tinyGanFlow({ maxSteps: 3 }));
        const resumed = await spawnCli(['run', file, '--json']);
        assert.equal(resumed.code, 0, resumed.stderr);
        const cached = eventsOf(resumed.events, 'node-cached').map(e => e.node);
        for (const id of finishedBefore) assert.ok(cached.includes(id), `${id} reused`);
        assert.equal(eventsOf(resumed.events, 'run-end')[0].status, 'success');
    });

    it('a fully cached run initializes no backend (run-start says none) and replays the saved images; a bad --backend is still refused', async () => {
        const dir = tempDir();
        const file = writeFlow(dir, 'small.flow', 'workflow Small {\n    digits = LoadMNIST(limit: 8)\n    images = DatasetImages(dataset: digits, count: 2)\n    SaveImages(images: images, prefix: "s")\n}\n');
        const first = await spawnCli(['run', file, '--json']);
        assert.equal(first.code, 0, first.stderr);
        assert.notEqual(eventsOf(first.events, 'run-start')[0].backend, 'none');
        const cached = await spawnCli(['run', file, '--json']);
        assert.equal(cached.code, 0, cached.stderr);
        assert.equal(eventsOf(cached.events, 'run-start')[0].backend, 'none');
        assert.equal(eventsOf(cached.events, 'node-start').length, 0);
        assert.equal(eventsOf(cached.events, 'node-cached').length, 3);
        assert.deepEqual(eventsOf(cached.events, 'image').map(e => path.basename(e.path)), eventsOf(first.events, 'image').map(e => path.basename(e.path)));
        const human = await spawnCli(['run', file]);
        assert.match(human.stdout, /Running Small .* from the cache: 3 nodes/);
        const bogus = await spawnCli(['run', file, '--json', '--backend', 'webgl']);
        assert.equal(bogus.code, 1);
        assert.ok(eventsOf(bogus.events, 'error').some(e => e.code === 'backend' && /unknown backend "webgl"/.test(e.message)));
    });

    it('prints diagnostics as FILE:LINE:COL and does not run a workflow with errors (exit 1)', async () => {
        const dir = tempDir();
        const file = writeFlow(dir, 'broken.flow', 'workflow W {\n    x = LoadMnist(limit: 3)\n    SaveImages(images: x)\n}\n');
        const human = await spawnCli(['run', file]);
        assert.equal(human.code, 1);
        assert.match(human.stderr, /broken\.flow:2:\d+: error: .*LoadMnist.* \[unknown-node\]/);
        assert.ok(!fs.existsSync(path.join(dir, 'flow-output')));
        const json = await spawnCli(['run', file, '--json']);
        assert.equal(json.code, 1);
        const errors = eventsOf(json.events, 'error');
        assert.ok(errors.some(e => e.code === 'unknown-node' && e.range?.start.line === 1));
        assert.equal(eventsOf(json.events, 'run-end')[0].status, 'error');
        assert.equal(eventsOf(json.events, 'run-start').length, 0);
    });

    it('runs with a human view and --out, and exits 1 with the node named on a runtime error', async () => {
        const dir = tempDir();
        const file = writeFlow(dir, 'ok.flow', tinyGanFlow({ maxSteps: 2 }));
        const out = path.join(dir, 'elsewhere');
        const ok = await spawnCli(['run', file, '--out', out, '--no-cache']);
        assert.equal(ok.code, 0, ok.stderr);
        assert.match(ok.stdout, /Running Tiny .* on /);
        assert.match(ok.stdout, /✓ trained\s+TrainGAN/);
        assert.match(ok.stdout, /4 images saved/);
        assert.equal(fs.readdirSync(path.join(out, 'tiny')).length, 4);
        assert.ok(!fs.existsSync(path.join(dir, '.flowstudio')));

        const bad = writeFlow(dir, 'nan.flow', tinyGanFlow({ lr: '1e30' }));
        const failed = await spawnCli(['run', bad]);
        assert.equal(failed.code, 1);
        assert.match(failed.stderr, /nan\.flow:6:5: error: trained \(TrainGAN\): training diverged at step 1/);
    });

    it('rejects an unknown workflow name and bad options', async () => {
        const dir = tempDir();
        const file = writeFlow(dir, 'w.flow', tinyGanFlow());
        const unknown = await spawnCli(['run', file, '--workflow', 'Nope', '--json']);
        assert.equal(unknown.code, 1);
        assert.match(eventsOf(unknown.events, 'error')[0].message, /Nope/);
        const usage = await spawnCli(['run', file, '--bogus']);
        assert.equal(usage.code, 2);
        assert.match(usage.stderr, /unknown option --bogus/);
    });
});
