/** The Captions node: templates, modes, and what it refuses. */
import * as assert from 'node:assert/strict';
import type { Dataset } from '../../engine/src/values.js';
import { disposeValue } from '../../engine/src/values.js';
import { runNode, tinyDataset, useTestBackend } from '../../test/engine/node-harness.js';

describe('Captions node', function () {
    this.timeout(120_000);
    before(useTestBackend);

    it('captions every image from its class name, number and caption in mode replace', async () => {
        const ds = tinyDataset(['old a', '', 'old c', 'old d']);
        const run = async (params: Record<string, string>) => (await runNode('Captions', params, { dataset: ds })).out.dataset as Dataset;
        const plain = await run({});
        assert.deepEqual(plain.captions, ['a photo of a cat', 'a photo of a dog', 'a photo of a owl', 'a photo of a dog']);
        assert.deepEqual([...plain.labels], [...ds.labels]);
        assert.deepEqual(await plain.images.data(), await ds.images.data());
        const all = await run({ template: '{{{index}}} {caption}, {label}' });
        assert.deepEqual(all.captions, ['{0} old a, cat', '{1} , dog', '{2} old c, owl', '{1} old d, dog']);
        // The output is disposed on its own: the input's images stay usable.
        disposeValue(plain);
        disposeValue(all);
        assert.equal((await ds.images.data()).length, 4 * 8 * 8 * 3);
        disposeValue(ds);
    });

    it('fills only empty or absent captions in mode missing', async () => {
        const ds = tinyDataset(['kept', '', 'also kept', '']);
        const out = (await runNode('Captions', { template: 'a {label}', mode: 'missing' }, { dataset: ds })).out.dataset as Dataset;
        assert.deepEqual(out.captions, ['kept', 'a dog', 'also kept', 'a dog']);
        const bare = tinyDataset();
        const filled = (await runNode('Captions', { template: 'a {label}', mode: 'missing' }, { dataset: bare })).out.dataset as Dataset;
        assert.deepEqual(filled.captions, ['a cat', 'a dog', 'a owl', 'a dog']);
        [ds, out, bare, filled].forEach(disposeValue);
    });

    it('refuses unknown placeholders, stray braces and a {caption} that cannot have one', async () => {
        const ds = tinyDataset();
        const fails = (params: Record<string, string>, message: RegExp) => assert.rejects(runNode('Captions', params, { dataset: ds }), message);
        await fails({ template: 'a {colour} {label}' }, /unknown placeholder \{colour\} — use \{label\}, \{index\}, \{caption\}/);
        await fails({ template: 'a {label' }, /has a "\{" without its "\}"/);
        await fails({ template: 'a label}' }, /has a "\}" without its "\{"/);
        await fails({ template: '{caption} {label}' }, /dataset has no captions for \{caption\}/);
        await fails({ template: '{caption} {label}', mode: 'missing' }, /always empty in mode "missing"/);
        disposeValue(ds);
    });
});
