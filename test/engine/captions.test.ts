/** Captions through the dataset transforms and the disk cache (each loader's own caption tests live in its node folder). */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readValue, writeValue } from '../../engine/src/cache/serialize.js';
import type { Dataset } from '../../engine/src/values.js';
import { disposeValue } from '../../engine/src/values.js';
import { DiskCache } from '../../engine/src/cache/disk-cache.js';
import { run, tempDir, writeFlow } from './helpers.js';
import { runNode, tinyDataset, useTestBackend } from './node-harness.js';

describe('dataset captions', function () {
    this.timeout(120_000);
    before(useTestBackend);

    describe('through the dataset nodes and the cache', () => {
        it('Resize, CenterCrop, Normalize and RandomFlip keep captions in image order', async () => {
            const captions = ['a', 'b', 'c', 'd'];
            const ds = tinyDataset(captions);
            let current = ds;
            for (const [type, params] of [['Resize', { width: 6, height: 6 }], ['CenterCrop', { width: 4, height: 4 }], ['Normalize', {}], ['RandomFlip', { seed: 2 }]] as const) {
                const next = (await runNode(type, params, { dataset: current })).out.dataset as Dataset;
                assert.deepEqual(next.captions, captions, type);
                assert.deepEqual([...next.labels], [...ds.labels], type);
                if (current !== ds) disposeValue(current);
                current = next;
            }
            disposeValue(current);
            const bare = (await runNode('Resize', { width: 4, height: 4 }, { dataset: tinyDataset() })).out.dataset as Dataset;
            assert.equal('captions' in bare, false);
            disposeValue(ds);
            disposeValue(bare);
        });

        it('reach the disk cache through a workflow run: Captions after SyntheticShapes, then Normalize', async () => {
            const dir = tempDir();
            const file = writeFlow(dir, 'c.flow', `workflow C {
    shapes = SyntheticShapes(count: 3, size: 8, seed: 1)
    named = Captions(dataset: shapes, template: "{caption}, a {label}")
    norm = Normalize(dataset: named)
    first = DatasetImages(dataset: norm, count: 1)
    SaveImages(images: first, prefix: "c/img")
}
`);
            const result = await run({ file });
            assert.equal(result.status, 'success', result.message);
            const cacheDir = path.join(dir, '.flowstudio', 'cache');
            const cache = new DiskCache(cacheDir);
            const entries = fs.readdirSync(cacheDir).map(key => cache.lookup(key)).filter(e => e !== undefined);
            const datasetOf = async (type: string) => (await cache.load(entries.find(e => e.type === type)!)).dataset as Dataset;
            const shapes = await datasetOf('SyntheticShapes');
            const norm = await datasetOf('Normalize');
            assert.equal(shapes.captions?.length, 3);
            assert.deepEqual(norm.captions, shapes.captions!.map((c, i) => `${c}, a ${shapes.classNames[shapes.labels[i]]}`));
            [shapes, norm].forEach(disposeValue);
        });

        it('survives the cache round trip, and datasets without captions stay without', async () => {
            const dir = tempDir();
            const ds = tinyDataset(['a red "cat"', 'ünïcode dög', '', 'line\nbreak']);
            const { stored } = await writeValue(dir, 'ds', ds);
            const back = await readValue(dir, JSON.parse(JSON.stringify(stored)), 'ds') as Dataset;
            assert.deepEqual(back.captions, ds.captions);
            assert.deepEqual(await back.images.data(), await ds.images.data());
            const plain = tinyDataset();
            const { stored: plainStored } = await writeValue(dir, 'plain', plain);
            const plainBack = await readValue(dir, JSON.parse(JSON.stringify(plainStored)), 'plain') as Dataset;
            assert.equal('captions' in plainBack, false);
            [ds, back, plain, plainBack].forEach(disposeValue);
        });
    });
});
