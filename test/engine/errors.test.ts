/** Bad inputs: each a clear error naming the node and its source line, outputs of earlier nodes intact. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { eventsOf, run, tempDir, writeFlow, type CollectedRun } from './helpers.js';

/** A workflow that first saves 4 real digits, then runs `tail` (which may fail). */
function flow(tail: string): string {
    return `workflow Bad {
    digits = LoadMNIST(limit: 32)
    real = DatasetImages(dataset: digits, count: 4)
    SaveImages(images: real, prefix: "real")
${tail}
}
`;
}

const GAN = (dataset: string, extra = '') => `    norm = Normalize(dataset: ${dataset})
    gen = DCGANGenerator(latentDim: 8, imageSize: 28, channels: 1, filters: 4)
    disc = DCGANDiscriminator(imageSize: 28, channels: 1, filters: 4)
    trained = TrainGAN(generator: gen, discriminator: disc, dataset: norm, batchSize: 8, maxSteps: 3, previewEvery: 0${extra})
    samples = SampleGAN(generator: trained.generator, count: 2)
    SaveImages(images: samples, prefix: "fake")`;

function failure(result: CollectedRun, node: string, line: number, message: RegExp, code?: string): void {
    assert.equal(result.status, 'error');
    const errors = eventsOf(result.events, 'error');
    assert.equal(errors.length, 1, JSON.stringify(errors));
    const [error] = errors;
    assert.equal(error.node, node);
    assert.match(error.message, message);
    assert.equal(error.range?.start.line, line, 'the range points at the failing statement');
    assert.ok(error.uri?.startsWith('file://'));
    if (code) assert.equal(error.code, code);
    assert.equal(eventsOf(result.events, 'run-end')[0].status, 'error');
}

function realSaved(dir: string): void {
    const real = path.join(dir, 'flow-output', 'Bad', 'real_00004.png');
    assert.ok(fs.existsSync(real), 'the images saved before the failure are intact');
}

describe('engine errors', function () {
    this.timeout(120_000);

    it('a missing image folder', async () => {
        const dir = tempDir();
        const file = writeFlow(dir, 'bad.flow', flow('    pics = LoadImages(path: "no/such/folder")\n    p = DatasetImages(dataset: pics)\n    SaveImages(images: p)'));
        const result = await run({ file });
        failure(result, 'pics', 4, /image folder .*no\/such\/folder does not exist/, 'not-found');
        realSaved(dir);
    });

    it('a corrupt PNG, named by its path', async () => {
        const dir = tempDir();
        fs.mkdirSync(path.join(dir, 'imgs', 'a'), { recursive: true });
        fs.writeFileSync(path.join(dir, 'imgs', 'a', 'broken.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
        const file = writeFlow(dir, 'bad.flow', flow('    pics = LoadImages(path: "imgs")\n    p = DatasetImages(dataset: pics)\n    SaveImages(images: p)'));
        const result = await run({ file });
        failure(result, 'pics', 4, /cannot decode .*imgs\/a\/broken\.png/, 'corrupt-image');
        realSaved(dir);
    });

    it('an empty dataset', async () => {
        const dir = tempDir();
        fs.mkdirSync(path.join(dir, 'empty'));
        const file = writeFlow(dir, 'bad.flow', flow('    pics = LoadImages(path: "empty")\n    p = DatasetImages(dataset: pics)\n    SaveImages(images: p)'));
        const result = await run({ file });
        failure(result, 'pics', 4, /no PNG or JPEG images in .*empty/, 'empty-dataset');
        realSaved(dir);
    });

    it('a generator and a discriminator of different sizes or classes: warned in the text, refused when run', async () => {
        const dir = tempDir();
        const mismatched = GAN('digits').replace('DCGANDiscriminator(imageSize: 28', 'DCGANDiscriminator(imageSize: 32');
        const file = writeFlow(dir, 'bad.flow', flow(mismatched));
        const result = await run({ file });
        failure(result, 'trained', 7, /the generator makes 28x28x1 images but the discriminator expects 32x32x1 — give both the same imageSize and channels/, 'size-mismatch');
        realSaved(dir);

        const classes = GAN('digits').replace('filters: 4)\n    disc', 'filters: 4, classes: 10)\n    disc');
        const second = tempDir();
        const result2 = await run({ file: writeFlow(second, 'bad.flow', flow(classes)) });
        failure(result2, 'trained', 7, /the generator is conditioned on 10 classes but the discriminator on 0/, 'class-mismatch');
        realSaved(second);
    });

    it('a size mismatch between dataset and models says what to do', async () => {
        const dir = tempDir();
        const file = writeFlow(dir, 'bad.flow', flow(`    big = Resize(dataset: digits, width: 32, height: 32)\n${GAN('big')}`));
        const result = await run({ file });
        failure(result, 'trained', 8, /dataset images are 32x32 but DCGANGenerator\(imageSize: 28\) — add Resize or change imageSize/, 'size-mismatch');
        realSaved(dir);
    });

    it('an output prefix that escapes the output folder: said before the run when the text shows it', async () => {
        const dir = tempDir();
        const file = writeFlow(dir, 'bad.flow', flow('    SaveImages(images: real, prefix: "../../escaped")'));
        const result = await run({ file });
        assert.equal(result.status, 'error');
        const [error] = eventsOf(result.events, 'error');
        assert.equal(error.code, 'path-escape');
        assert.equal(error.range?.start.line, 4);
        assert.equal(eventsOf(result.events, 'node-start').length, 0, 'nothing ran');
        assert.ok(!fs.existsSync(path.join(path.dirname(dir), 'escaped_00001.png')));
    });

    it('an output prefix that escapes the output folder through a subgraph input: the engine refuses it', async () => {
        const dir = tempDir();
        const file = writeFlow(dir, 'bad.flow', `subgraph Save {
    input images: IMAGE
    input where: STRING
    SaveImages(images: images, prefix: where)
}
${flow('    s = Save(images: real, where: "../../escaped")')}`);
        const result = await run({ file });
        failure(result, 's/SaveImages#1', 9, /leaves the output folder/, 'path-escape');
        assert.ok(!fs.existsSync(path.join(dir, 'escaped_00001.png')) && !fs.existsSync(path.join(path.dirname(dir), 'escaped_00001.png')));
        realSaved(dir);
    });

    it('a NaN loss stops training naming the node and the step', async () => {
        const dir = tempDir();
        const file = writeFlow(dir, 'bad.flow', flow(GAN('digits', ', learningRate: 1e30')));
        const result = await run({ file });
        failure(result, 'trained', 7, /training diverged at step \d+ \(epoch 1\).*lower learningRate/, 'nan-loss');
        assert.ok(!result.executed.includes('trained'));
        realSaved(dir);
    });
});
