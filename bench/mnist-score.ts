/**
 * MNIST score of generated digits (Inception-Score-like, out of 10): trains a small CNN on
 * 80% of the `mnist` package's digits, checks it on the other 20%, then scores a folder of PNGs
 * as exp(E_x KL(p(y|x) || p(y))) — high when each image is a confident digit and all ten
 * digits appear equally. Real held-out digits are scored too, as the reference. The score cannot
 * see a generator that draws each digit one way only, so the mean distance between images of the
 * same class is printed next to it, with real digits' as the reference.
 *
 *   node out/bench/mnist-score.js FOLDER... [--match REGEX] [--expect REGEX] [--backend NAME] [--epochs N]
 *
 * `--match` keeps the PNGs whose file name matches (e.g. `^sample_` to skip grids).
 * `--expect` scores prompt accuracy: PNGs are collected from the folder's sub-folders too, and the
 * regex's first group, matched against each file's path below the folder, is the digit asked for
 * (a numeral or a word: `^(\d)/` for `7/seven_00001.png`); the share of images the classifier
 * reads as that digit is printed, overall and per digit. The trained
 * classifier is kept in the system temp folder, keyed by its settings, so later scores are fast.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { initBackend } from '../engine/src/backends/index.js';
import { loadModelFromDir, saveModelToDir } from '../engine/src/models/io.js';
import { mnistDigits } from '../nodes/load-mnist/run.js';
import { decodePng } from '../engine/src/util/png.js';
import { createRng, permutation } from '../engine/src/util/rng.js';

const PIXELS = 784;

type Split = Array<[digit: number, index: number]>;

/** The first 80% of each digit for training, the rest held out. */
function splitMnist(): { train: Split; test: Split } {
    const train: Split = [];
    const test: Split = [];
    mnistDigits().forEach((digit, d) => {
        const cut = Math.floor(digit.length * 0.8);
        for (let i = 0; i < digit.length; i++) (i < cut ? train : test).push([d, i]);
    });
    return { train, test };
}

/** Pixels and labels of `items`, in a fixed shuffled order. */
function pack(items: Split): [Float32Array, Int32Array] {
    const order = permutation(items.length, createRng(7));
    const x = new Float32Array(items.length * PIXELS);
    const y = new Int32Array(items.length);
    order.forEach((src, dst) => {
        const [d, i] = items[src];
        const raw = mnistDigits()[d].raw;
        for (let p = 0; p < PIXELS; p++) x[dst * PIXELS + p] = raw[i * PIXELS + p];
        y[dst] = d;
    });
    return [x, y];
}

function classifier(): tfl.LayersModel {
    const seed = (n: number) => tfl.initializers.glorotUniform({ seed: n });
    const m = tfl.sequential();
    m.add(tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu', kernelInitializer: seed(1) }));
    m.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
    m.add(tfl.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu', kernelInitializer: seed(2) }));
    m.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
    m.add(tfl.layers.flatten());
    m.add(tfl.layers.dropout({ rate: 0.25, seed: 5 }));
    m.add(tfl.layers.dense({ units: 128, activation: 'relu', kernelInitializer: seed(3) }));
    m.add(tfl.layers.dropout({ rate: 0.25, seed: 6 }));
    m.add(tfl.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: seed(4) }));
    return m;
}

/** exp(mean KL(p(y|x) || p(y))) over the rows of `probs` [n, 10]. */
export function inceptionScore(probs: Float32Array, n: number): number {
    const marginal = new Float64Array(10);
    for (let i = 0; i < n; i++) for (let k = 0; k < 10; k++) marginal[k] += probs[i * 10 + k] / n;
    let kl = 0;
    for (let i = 0; i < n; i++) {
        for (let k = 0; k < 10; k++) {
            const p = probs[i * 10 + k];
            if (p > 1e-12) kl += p * (Math.log(p) - Math.log(marginal[k] + 1e-12));
        }
    }
    return Math.exp(kl / n);
}

/**
 * Mean RMS pixel distance between two images of the same predicted class (pixels in [0, 1]):
 * the Inception-style score cannot see a generator that draws every 3 the same way; this can.
 */
export function withinClassDistance(pixels: Float32Array, classes: Int32Array, size = PIXELS): number {
    let total = 0;
    let pairs = 0;
    for (let i = 0; i < classes.length; i++) {
        for (let j = i + 1; j < classes.length && pairs < 200_000; j++) {
            if (classes[i] !== classes[j]) continue;
            let sq = 0;
            for (let p = 0; p < size; p++) {
                const d = pixels[i * size + p] - pixels[j * size + p];
                sq += d * d;
            }
            total += Math.sqrt(sq / size);
            pairs++;
        }
    }
    return pairs ? total / pairs : 0;
}

const DIGIT_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** PNG paths below `dir` (relative, '/'-separated), recursively when `deep`. */
function pngsUnder(dir: string, deep: boolean, prefix = ''): string[] {
    const out: string[] = [];
    for (const e of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const rel = prefix ? `${prefix}/${e.name}` : e.name;
        if (e.isDirectory() && deep) out.push(...pngsUnder(dir, deep, rel));
        else if (e.isFile() && e.name.toLowerCase().endsWith('.png')) out.push(rel);
    }
    return out;
}

/** The digit `expect`'s first group names in `rel`, or -1. */
export function expectedDigit(rel: string, expect: RegExp): number {
    const m = expect.exec(rel);
    if (!m || m[1] === undefined) return -1;
    const word = DIGIT_WORDS.indexOf(m[1].toLowerCase());
    return word >= 0 ? word : /^\d$/.test(m[1]) ? Number(m[1]) : -1;
}

function loadFolder(dir: string, match: RegExp, deep = false): { x: tf.Tensor4D; files: string[] } {
    const files = pngsUnder(dir, deep).filter(rel => match.test(path.basename(rel))).map(rel => path.join(dir, rel));
    if (files.length === 0) throw new Error(`no PNG files matching ${match} in ${dir}`);
    const images = files.map(file => {
        const { width, height, rgba } = decodePng(fs.readFileSync(file));
        const gray = new Float32Array(width * height);
        for (let p = 0; p < gray.length; p++) gray[p] = rgba[p * 4] / 255;
        return tf.tidy(() => {
            const t = tf.tensor4d(gray, [1, height, width, 1]);
            return (width === 28 && height === 28 ? t : tf.image.resizeBilinear(t, [28, 28])) as tf.Tensor4D;
        });
    });
    const x = tf.concat(images, 0);
    tf.dispose(images);
    return { x, files };
}

function printPromptAccuracy(dir: string, files: string[], classes: Int32Array, expect: RegExp): void {
    const asked = new Array(10).fill(0);
    const right = new Array(10).fill(0);
    files.forEach((file, i) => {
        const digit = expectedDigit(path.relative(dir, file).split(path.sep).join('/'), expect);
        if (digit < 0) return;
        asked[digit]++;
        if (classes[i] === digit) right[digit]++;
    });
    const total = asked.reduce((a, b) => a + b, 0);
    if (total === 0) {
        console.log(`${dir}: no file path matched --expect ${expect}`);
        return;
    }
    const correct = right.reduce((a, b) => a + b, 0);
    const perDigit = asked.map((n, d) => (n ? `${d}:${(100 * right[d] / n).toFixed(0)}%` : '')).filter(Boolean).join(' ');
    console.log(`${dir}: prompt accuracy ${(100 * correct / total).toFixed(1)}% (${correct}/${total} read as the digit asked for; ${perDigit})`);
}

async function main(): Promise<void> {
    const args = process.argv.slice(2);
    const flag = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args.splice(i, 2)[1] : undefined; };
    const backend = await initBackend(flag('--backend'));
    const epochs = Number(flag('--epochs') ?? 8);
    const match = new RegExp(flag('--match') ?? '');
    const expectFlag = flag('--expect');
    const expect = expectFlag ? new RegExp(expectFlag) : undefined;
    const folders = args;
    const split = splitMnist();
    const cached = path.join(os.tmpdir(), `flowstudio-mnist-classifier-v1-e${epochs}`);
    let model: tfl.LayersModel;
    if (fs.existsSync(path.join(cached, 'model.json'))) {
        model = (await loadModelFromDir(cached)).model;
        console.log(`classifier: loaded from ${cached}`);
    } else {
        model = classifier();
        model.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
        const train = pack(split.train); // only to train: a cached classifier does not need it
        const xTrain = tf.tensor4d(train[0], [train[1].length, 28, 28, 1]);
        const yTrain = tf.tensor1d(train[1], 'float32');
        const t0 = Date.now();
        await model.fit(xTrain, yTrain, { epochs, batchSize: 64, shuffle: false, verbose: 0 });
        console.log(`classifier: ${epochs} epochs on ${train[1].length} digits in ${((Date.now() - t0) / 1000).toFixed(1)}s (${backend.name})`);
        await saveModelToDir(model, cached);
        tf.dispose([xTrain, yTrain]);
    }
    const test = pack(split.test);
    const xTest = tf.tensor4d(test[0], [test[1].length, 28, 28, 1]);
    const testProbs = model.predict(xTest) as tf.Tensor2D;
    const predicted = await tf.argMax(testProbs, 1).data() as Int32Array;
    const accuracy = predicted.reduce((a: number, p: number, i: number) => a + (p === test[1][i] ? 1 : 0), 0) / predicted.length;
    const realScore = inceptionScore(await testProbs.data() as Float32Array, test[1].length);
    console.log(`classifier held-out accuracy ${(accuracy * 100).toFixed(2)}%`);
    const realSpread = withinClassDistance(test[0].subarray(0, 500 * PIXELS), test[1].subarray(0, 500));
    console.log(`real held-out digits (${test[1].length}): MNIST score ${realScore.toFixed(3)}; within-class distance ${realSpread.toFixed(3)} (first 500)`);
    for (const dir of folders) {
        const { x, files } = loadFolder(dir, match, expect !== undefined);
        const probs = model.predict(x) as tf.Tensor2D;
        const score = inceptionScore(await probs.data() as Float32Array, files.length);
        const classes = await tf.argMax(probs, 1).data() as Int32Array;
        const counts = new Array(10).fill(0);
        classes.forEach((c: number) => counts[c]++);
        const spread = withinClassDistance(await x.data() as Float32Array, classes);
        console.log(`${dir} (${files.length} images): MNIST score ${score.toFixed(3)}; predicted classes ${counts.join(' ')}; ` +
            `within-class distance ${spread.toFixed(3)} (real digits ${realSpread.toFixed(3)}; 0 = every image of a class alike)`);
        if (expect) printPromptAccuracy(dir, files, classes, expect);
        tf.dispose([x, probs]);
    }
}

main().catch(e => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
});
