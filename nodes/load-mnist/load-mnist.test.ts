/** LoadMNIST: real digits, balanced, filtered; captions from templates. */
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../../engine/src/values.js';
import { disposeValue } from '../../engine/src/values.js';
import { DIGIT_WORDS, fillDigitTemplate, HELD_OUT_TEMPLATES, TRAINING_TEMPLATES } from './captions.js';
import { minMax, runNode, useTestBackend } from '../../test/engine/node-harness.js';

describe('LoadMNIST node', function () {
    this.timeout(120_000);
    before(useTestBackend);

    it('LoadMNIST loads real digits in [0, 1], balanced, filtered by digits', async () => {
        const { out } = await runNode('LoadMNIST', { limit: 50 });
        const ds = out.dataset as Dataset;
        assert.deepEqual(ds.images.shape, [50, 28, 28, 1]);
        assert.deepEqual([...ds.labels.slice(0, 10)], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        const [lo, hi] = await minMax(ds.images);
        assert.equal(lo, 0);
        assert.ok(hi > 0.9 && hi <= 1);
        const mean = (await tf.mean(ds.images).data())[0];
        assert.ok(mean > 0.05 && mean < 0.3, `mean ink ${mean}`); // digits: mostly dark background
        const { out: some } = await runNode('LoadMNIST', { limit: 20, digits: [3, 7] });
        assert.deepEqual(new Set((some.dataset as Dataset).labels), new Set([3, 7]));
        disposeValue(ds);
        disposeValue(some.dataset);
    });

    describe('captions', () => {
        it('captions every digit from the training templates, naming its label, the same way every run', async () => {
            const a = (await runNode('LoadMNIST', { limit: 60 })).out.dataset as Dataset;
            const b = (await runNode('LoadMNIST', { limit: 60 })).out.dataset as Dataset;
            assert.equal(a.captions?.length, 60);
            assert.deepEqual(a.captions, b.captions);
            const used = new Set<string>();
            a.captions!.forEach((caption, i) => {
                const digit = a.labels[i];
                const template = TRAINING_TEMPLATES.find(t => fillDigitTemplate(t, digit) === caption);
                assert.ok(template, `"${caption}" is no training template filled for ${digit}`);
                used.add(template);
                assert.ok(caption.includes(DIGIT_WORDS[digit]) || caption.endsWith(` ${digit}`), caption);
            });
            assert.ok(used.size >= 3, `only ${used.size} templates used`);
            [a, b].forEach(disposeValue);
        });

        it('gives an image the same caption whatever else is loaded', async () => {
            const all = (await runNode('LoadMNIST', { limit: 40 })).out.dataset as Dataset;
            const sevens = (await runNode('LoadMNIST', { limit: 4, digits: [7] })).out.dataset as Dataset;
            const fromAll = all.captions!.filter((_, i) => all.labels[i] === 7);
            assert.deepEqual(sevens.captions, fromAll);
            [all, sevens].forEach(disposeValue);
        });

        it('keeps held-out phrasings out of training', () => {
            for (let d = 0; d < 10; d++) {
                const train = new Set(TRAINING_TEMPLATES.map(t => fillDigitTemplate(t, d)));
                for (const t of HELD_OUT_TEMPLATES) assert.ok(!train.has(fillDigitTemplate(t, d)));
            }
            assert.equal(fillDigitTemplate('a drawing of {a word}', 8), 'a drawing of an eight');
            assert.equal(fillDigitTemplate('number {word} written by hand', 7), 'number seven written by hand');
        });
    });
});
