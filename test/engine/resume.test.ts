/**
 * Resumable training (issue 11): TrainGAN checkpoints its whole state into the cache when it is
 * cancelled (and every CHECKPOINT_INTERVAL_MS), and a re-run of the same node continues from
 * there. On the single-threaded backends a cancelled-then-resumed run ends with exactly the
 * weights of an uninterrupted one.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ProgressEvent } from '../../catalog/src/run-events.js';
import { eventsOf, run, spawnCli, tempDir, writeFlow } from './helpers.js';

const STEPS = 12;
const flow = `workflow Resume {
    digits = LoadMNIST(limit: 64)
    norm = Normalize(dataset: digits, low: -1, high: 1)
    gen = DCGANGenerator(latentDim: 8, imageSize: 28, channels: 1, filters: 4, classes: 10)
    disc = DCGANDiscriminator(imageSize: 28, channels: 1, filters: 4, classes: 10)
    trained = TrainGAN(generator: gen, discriminator: disc, dataset: norm, epochs: 100, batchSize: 16, maxSteps: ${STEPS}, previewEvery: 5, seed: 3)
    SaveGenerator(generator: trained.generator, path: "models/g")
}
`;

const weightsOf = (dir: string) => fs.readFileSync(path.join(dir, 'flow-output', 'Resume', 'models', 'g', 'weights.bin'));
const checkpoints = (dir: string) => {
    const root = path.join(dir, '.flowstudio', 'cache', '.checkpoints');
    return fs.existsSync(root) ? fs.readdirSync(root).filter(name => !name.startsWith('.')) : [];
};

for (const backend of ['cpu', 'wasm']) {
    describe(`resumable training on ${backend}`, function () {
        this.timeout(240_000);

        it('a run cancelled mid-training resumes from its checkpoint and ends with the weights of an uninterrupted run', async () => {
            const straight = tempDir();
            const uninterrupted = await run({ file: writeFlow(straight, 'r.flow', flow), backend });
            assert.equal(uninterrupted.status, 'success', uninterrupted.message);

            const dir = tempDir();
            const file = writeFlow(dir, 'r.flow', flow);
            const controller = new AbortController();
            const first = await run({
                file, backend, signal: controller.signal,
                onEvent: e => { if (e.event === 'preview' && e.node === 'trained') controller.abort(); },
            });
            assert.equal(first.status, 'cancelled');
            assert.equal(checkpoints(dir).length, 1, 'a checkpoint is in the cache after the cancel');

            const second = await run({ file, backend });
            assert.equal(second.status, 'success', second.message);
            const progress = eventsOf(second.events, 'progress').filter(e => e.node === 'trained');
            const resumedFrom = progress[0].metrics?.resumedFrom;
            assert.equal(resumedFrom, 5, 'resumes after the 5 steps done before the cancel');
            assert.equal(progress.at(-1)!.value, STEPS);
            assert.deepEqual(checkpoints(dir), [], 'the finished node leaves no checkpoint behind');
            assert.ok(weightsOf(dir).equals(weightsOf(straight)), 'bit-identical to the uninterrupted run');
        });
    });
}

describe('resumable training from the command line', function () {
    this.timeout(240_000);

    it('SIGINT during training, then a second run trains only the remaining steps', async () => {
        const dir = tempDir();
        const file = writeFlow(dir, 'r.flow', flow.replace(`maxSteps: ${STEPS}`, 'maxSteps: 40'));
        let interrupted = false;
        const first = await spawnCli(['run', file, '--json', '--backend', 'wasm'], (e, child) => {
            if (!interrupted && e.event === 'progress' && e.node === 'trained' && e.value >= 8) {
                interrupted = true;
                child.kill('SIGINT');
            }
        });
        assert.equal(first.code, 130, first.stderr);
        const stoppedAt = Math.max(...eventsOf(first.events, 'progress').filter(e => e.node === 'trained').map(e => e.value));
        const second = await spawnCli(['run', file, '--json', '--backend', 'wasm']);
        assert.equal(second.code, 0, second.stderr);
        const progress: ProgressEvent[] = eventsOf(second.events, 'progress').filter(e => e.node === 'trained');
        const resumedFrom = progress[0].metrics?.resumedFrom ?? 0;
        assert.ok(resumedFrom >= stoppedAt, `resumed from step ${resumedFrom}, the first run had reached ${stoppedAt}`);
        assert.ok(40 - resumedFrom < 40, 'the second run trained fewer steps than a fresh one');
        assert.equal(progress.at(-1)!.value, 40);
    });
});
