import assert from 'node:assert/strict';
import type { GraphDiagnostic } from '../../../catalog/src/graph.js';
import { OPEN_GAN_WORKFLOW as HEADER, parse } from '../../helpers/language.js';

/**
 * Each case is a workflow where lines ending in `// !code` must carry that diagnostic
 * code, no other line may carry an error, and no unmarked line carries a marked code.
 */
async function expectMarked(source: string): Promise<void> {
    const { loaded } = await parse(source);
    const lines = source.split('\n');
    const marked = new Set([...source.matchAll(/\/\/ !([a-z-]+)/g)].map(m => m[1]));
    lines.forEach((line, i) => {
        const expected = [...line.matchAll(/\/\/ !([a-z-]+)/g)].map(m => m[1]);
        const actual = loaded.diagnostics.filter(d => d.range.start.line === i).map(d => d.code);
        for (const code of expected) assert.ok(actual.includes(code), `line ${i + 1} should have ${code}, has [${actual.join(', ')}]:\n${line}`);
        const errors = loaded.diagnostics.filter(d => d.range.start.line === i && d.severity === 'error');
        if (!expected.length) assert.deepEqual(errors.map(e => e.message), [], `line ${i + 1} should have no errors:\n${line}`);
        // A code under test (warnings included) appears only where it is marked.
        const stray = actual.filter(code => code !== undefined && marked.has(code) && !expected.includes(code));
        assert.deepEqual(stray, [], `line ${i + 1} should not have ${stray.join(', ')}:\n${line}`);
    });
}

/** The first diagnostic of `source` with `code` (there must be one). */
async function firstWithCode(source: string, code: string): Promise<GraphDiagnostic> {
    const { loaded } = await parse(source);
    const found = loaded.diagnostics.find(d => d.code === code);
    assert.ok(found, `no ${code} among ${JSON.stringify(loaded.diagnostics.map(d => d.code))}`);
    return found;
}

describe('diagnostics', () => {
    it('accepts a valid workflow without diagnostics', async () => {
        const { loaded } = await parse(HEADER + '}\n');
        assert.deepEqual(loaded.diagnostics, []);
    });

    it('syntax-error', async () => {
        await expectMarked(HEADER + '    x = Upscale(images: samples,, factor: 2) // !syntax-error\n}\n');
    });

    it('syntax-error points at the end of the line that misses a token, once per line, without follow-up noise', async () => {
        const { loaded } = await parse('workflow W {\n    a = LoadMNIST(limit: 5\n    b = Normalize(dataset: a)\n    SaveImages(images: DatasetImages(dataset: b)\n}\n');
        const syntax = loaded.diagnostics.filter(d => d.code === 'syntax-error');
        assert.deepEqual(syntax.map(d => [d.range.start.line, d.range.start.character]), [[1, 26], [3, 36]]);
        assert.match(syntax[0].message, /expected '\)'/);
        assert.deepEqual(loaded.diagnostics.filter(d => d.code !== 'syntax-error' && d.range.start.line === 3), []);
        const { loaded: value } = await parse('workflow W {\n    a = LoadMNIST(limit: )\n}\n');
        assert.match(value.diagnostics[0].message, /expected a value/);
    });

    it('unknown-node with did-you-mean', async () => {
        const d = await firstWithCode(HEADER + '    x = Upscal(images: samples)\n    SaveImages(images: x)\n}\n', 'unknown-node');
        assert.equal(d.range.start.line, 8);
        assert.match(d.message, /Did you mean 'Upscale'/);
    });

    it('unknown-argument with did-you-mean', async () => {
        const d = await firstWithCode(HEADER + '    x = Upscale(images: samples, factr: 2)\n    SaveImages(images: x)\n}\n', 'unknown-argument');
        assert.equal(d.range.start.line, 8);
        assert.match(d.message, /Did you mean 'factor'/);
    });

    it('missing-input for absent required inputs and parameters', async () => {
        await expectMarked(HEADER + '    r = Resize(dataset: norm, width: 4) // !missing-input\n    t = TrainGAN(generator: gen, discriminator: disc) // !missing-input\n    SaveGenerator(generator: t.generator, path: "g")\n    SaveImages(images: SampleGAN(generator: gen))\n}\n'.replace('    SaveImages(images: SampleGAN(generator: gen))\n', ''));
    });

    it('type-mismatch names both port types', async () => {
        const d = await firstWithCode(HEADER + '    bad = TrainGAN(generator: disc, discriminator: disc, dataset: norm)\n    SaveGenerator(generator: bad.generator, path: "x")\n}\n', 'type-mismatch');
        assert.equal(d.range.start.line, 8);
        assert.match(d.message, /GENERATOR/);
        assert.match(d.message, /DISCRIMINATOR/);
    });

    it('out-of-range, wrong-value-type, invalid-choice (with the choices listed)', async () => {
        await expectMarked(`workflow W {
    a = LoadMNIST(limit: 0) // !out-of-range
    b = LoadMNIST(limit: 2.5) // !wrong-value-type
    c = LoadMNIST(digits: [3, 10]) // !out-of-range
    d = Resize(dataset: a, width: 8, height: 8, mode: "cubic") // !invalid-choice
    e = DCGANGenerator(imageSize: 30, channels: 1) // !invalid-choice
    f = TrainGAN(generator: e, discriminator: g, dataset: d, learningRate: 0) // !out-of-range
    g = DCGANDiscriminator(imageSize: 28, channels: "one") // !wrong-value-type
    h = Normalize(dataset: b, low: true) // !wrong-value-type
    SaveGenerator(generator: f.generator, path: "x")
    SaveImages(images: DatasetImages(dataset: c)) // !syntax-error
    i = DatasetImages(dataset: h, count: 2000) // !out-of-range
    SaveImages(images: i)
}
`);
        const { loaded } = await parse('workflow W {\n    d = Resize(dataset: x, width: 8, height: 8, mode: "cubic")\n}\n');
        const choice = loaded.diagnostics.find(d => d.code === 'invalid-choice')!;
        assert.match(choice.message, /"bilinear", "nearest"/);
    });

    it('duplicate-name on the second declaration', async () => {
        await expectMarked(HEADER + '    norm = Normalize(dataset: digits) // !duplicate-name\n}\n');
    });

    it('undefined-reference with did-you-mean', async () => {
        const d = await firstWithCode(HEADER + '    x = Upscale(images: smaples)\n    SaveImages(images: x)\n}\n', 'undefined-reference');
        assert.equal(d.range.start.line, 8);
        assert.match(d.message, /Did you mean 'samples'/);
    });

    it('unknown-output lists the outputs', async () => {
        const d = await firstWithCode(HEADER + '    s = SampleGAN(generator: trained.gen)\n    SaveImages(images: s)\n}\n', 'unknown-output');
        assert.equal(d.range.start.line, 8);
        assert.match(d.message, /generator, discriminator/);
    });

    it('cycle names the nodes in it', async () => {
        const { loaded } = await parse(`workflow W {
    a = Upscale(images: c)
    b = Upscale(images: a)
    c = Upscale(images: b)
    SaveImages(images: c)
}
`);
        const cycles = loaded.diagnostics.filter(d => d.code === 'cycle');
        assert.deepEqual(cycles.map(c => c.range.start.line).sort(), [1, 2, 3]);
        assert.match(cycles[0].message, /a -> c -> b -> a|a -> .* -> a/);
    });

    it('unused-node is a warning on nodes that reach no output', async () => {
        const { loaded } = await parse(HEADER + '    extra = Upscale(images: samples)\n}\n');
        const d = loaded.diagnostics.find(d => d.code === 'unused-node')!;
        assert.equal(d.severity, 'warning');
        assert.equal(d.range.start.line, 8);
        assert.equal(loaded.diagnostics.filter(d => d.code === 'unused-node').length, 1);
    });

    it('model-mismatch (warning): a generator and a discriminator that cannot train together, followed through TrainGAN outputs', async () => {
        const source = `workflow W {
    digits = LoadMNIST(limit: 100)
    norm = Normalize(dataset: digits)
    gen = DCGANGenerator(latentDim: 8, imageSize: 28, channels: 1, classes: 10)
    disc = DCGANDiscriminator(imageSize: 32, channels: 1)
    trained = TrainGAN(generator: gen, discriminator: disc, dataset: norm) // !model-mismatch
    samples = SampleGAN(generator: trained.generator)
    SaveImages(images: samples)
}
`;
        const { loaded } = await parse(source);
        assert.deepEqual(loaded.diagnostics.filter(d => d.code !== 'model-mismatch'), []);
        const d = loaded.diagnostics.find(d => d.code === 'model-mismatch')!;
        assert.equal(d.message, "TrainGAN 'trained': the generator 'gen' and the discriminator 'disc' do not match (imageSize 28 vs 32, classes 10 vs 0); give both the same imageSize and classes.");
        assert.equal(d.severity, 'warning', 'the engine refuses it when run; the rest of the workflow may still run');
        assert.equal(d.range.start.line, 5);
        assert.equal(d.range.start.character, source.split('\n')[5].indexOf('disc, dataset'), 'on the discriminator reference');
        // through a TrainGAN output (propertiesOf), defaults filled in; a match is silent
        await expectMarked(`workflow W {
    digits = LoadMNIST(limit: 100)
    norm = Normalize(dataset: digits)
    gen = DCGANGenerator(latentDim: 8, imageSize: 28, channels: 1)
    disc = DCGANDiscriminator(imageSize: 28, channels: 1)
    disc3 = DCGANDiscriminator(imageSize: 28, channels: 3)
    first = TrainGAN(generator: gen, discriminator: disc, dataset: norm)
    second = TrainGAN(generator: first.generator, discriminator: first.discriminator, dataset: norm)
    third = TrainGAN(generator: second.generator, discriminator: disc3, dataset: norm) // !model-mismatch
    samples = SampleGAN(generator: third.generator)
    SaveImages(images: samples)
}
`);
    });

    it('model-mismatch (warning): a dataset whose images cannot match the generator (MNIST is 28 x 28 x 1; Resize fixes sizes)', async () => {
        await expectMarked(`workflow W {
    digits = LoadMNIST(limit: 100)
    norm = Normalize(dataset: digits, low: -1, high: 1)
    gen = DCGANGenerator(latentDim: 8, imageSize: 32, channels: 1)
    disc = DCGANDiscriminator(imageSize: 32, channels: 1)
    bad = TrainGAN(generator: gen, discriminator: disc, dataset: norm) // !model-mismatch
    big = Resize(dataset: norm, width: 32, height: 32)
    good = TrainGAN(generator: gen, discriminator: disc, dataset: big)
    rgb = DCGANGenerator(latentDim: 8, imageSize: 28, channels: 3)
    rgbDisc = DCGANDiscriminator(imageSize: 28, channels: 3)
    gray = TrainGAN(generator: rgb, discriminator: rgbDisc, dataset: norm) // !model-mismatch
    shapes = SyntheticShapes(count: 16, size: 28)
    colour = TrainGAN(generator: rgb, discriminator: rgbDisc, dataset: shapes)
    s1 = SampleGAN(generator: bad.generator)
    s2 = SampleGAN(generator: good.generator)
    s3 = SampleGAN(generator: gray.generator)
    s4 = SampleGAN(generator: colour.generator)
    SaveImages(images: s1)
    SaveImages(images: s2)
    SaveImages(images: s3)
    SaveImages(images: s4)
}
`);
        const d = await firstWithCode(`workflow W {
    digits = LoadMNIST(limit: 100)
    gen = DCGANGenerator(latentDim: 8, imageSize: 32, channels: 1)
    disc = DCGANDiscriminator(imageSize: 32, channels: 1)
    trained = TrainGAN(generator: gen, discriminator: disc, dataset: digits)
    samples = SampleGAN(generator: trained.generator)
    SaveImages(images: samples)
}
`, 'model-mismatch');
        assert.match(d.message, /do not match \(width 32 vs 28, height 32 vs 28\).*LoadMNIST 'digits' always has width 28, height 28; a Resize after it changes its size\./);
    });

    it('path-escape: an output path that would leave the output folder is an error before the run', async () => {
        await expectMarked(`workflow W {
    digits = LoadMNIST(limit: 4)
    images = DatasetImages(dataset: digits)
    SaveImages(images: images, prefix: "../outside") // !path-escape
    SaveImages(images: images, prefix: "/etc/x") // !path-escape
    SaveImages(images: images, prefix: "a/../../b") // !path-escape
    SaveImages(images: images, prefix: "inside/../ok")
    SaveImages(images: images, prefix: "sub/dir/name")
}
`);
    });

    it('model-mismatch (warning): SampleGAN labels beyond the generator\'s classes, or for an unconditional generator', async () => {
        await expectMarked(`workflow W {
    digits = LoadMNIST(limit: 100)
    norm = Normalize(dataset: digits)
    gen = DCGANGenerator(latentDim: 8, imageSize: 28, channels: 1, classes: 10)
    disc = DCGANDiscriminator(imageSize: 28, channels: 1, classes: 10)
    trained = TrainGAN(generator: gen, discriminator: disc, dataset: norm)
    ok = SampleGAN(generator: trained.generator, labels: [0, 9])
    SaveImages(images: ok)
    bad = SampleGAN(generator: trained.generator, labels: [3, 10]) // !model-mismatch
    SaveImages(images: bad)
    plain = DCGANGenerator(latentDim: 8, imageSize: 28, channels: 1)
    none = SampleGAN(generator: plain, labels: [1]) // !model-mismatch
    SaveImages(images: none)
}
`);
        const { loaded } = await parse(`workflow W {
    gen = DCGANGenerator(latentDim: 8, imageSize: 28, channels: 1, classes: 10)
    some = SampleGAN(generator: gen, labels: [3, 10])
    SaveImages(images: some)
    plain = DCGANGenerator(latentDim: 8, imageSize: 28, channels: 1)
    none = SampleGAN(generator: plain, labels: [1])
    SaveImages(images: none)
}
`);
        assert.deepEqual(loaded.diagnostics.filter(d => d.code === 'model-mismatch').map(d => d.message), [
            "Value 10 of 'labels' is out of range: 'gen' has classes 10 (0..9).",
            "'labels' needs a generator with classes; 'plain' has classes 0. Remove 'labels', or give the models classes.",
        ]);
    });

    it('a subgraph port typed halfway is a syntax error, not a crash of the validator', async () => {
        // Langium catches a crashing check, logs it and drops its diagnostic: watch the log.
        const logged: unknown[] = [];
        const original = console.error;
        console.error = (...args: unknown[]) => { logged.push(args[0]); };
        try {
            const { loaded } = await parse('subgraph S {\n    input x: \n    output y: \n}\n');
            assert.ok(loaded.diagnostics.some(d => d.code === 'syntax-error'));
        } finally {
            console.error = original;
        }
        assert.deepEqual(logged, []);
    });

    it('import-not-found', async () => {
        await expectMarked('import "nowhere/blocks.flow" // !import-not-found\n' + HEADER + '}\n');
    });

    it('a widget parameter takes a reference of its scalar type (subgraph input) but not a data output', async () => {
        await expectMarked(`subgraph S {
    input images: IMAGE
    input factor: INT = 2
    input name: STRING = "x"
    up = Upscale(images: images, factor: factor)
    bad = Upscale(images: images, factor: name) // !type-mismatch
    worse = Upscale(images: images, factor: up) // !type-mismatch
    output result: IMAGE = up
    output other: IMAGE = worse
    output third: IMAGE = bad
}
`);
    });

    it('checks subgraph instances like built-in nodes', async () => {
        await expectMarked(`subgraph Twice {
    input images: IMAGE
    input factor: INT = 2
    up = Upscale(images: images, factor: factor)
    output result: IMAGE = up
}
workflow W {
    shapes = SyntheticShapes(count: 4, size: 8)
    s = DatasetImages(dataset: shapes)
    big = Twice(images: s, factor: 4)
    bad = Twice(images: shapes) // !type-mismatch
    worse = Twice(images: s, factor: "x") // !wrong-value-type
    SaveImages(images: big.result)
    SaveImages(images: bad.nope) // !unknown-output
    SaveImages(images: worse)
}
`);
    });
});
