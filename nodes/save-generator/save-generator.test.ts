/** SaveGenerator writes a layers model that LoadGenerator reads back. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { Generator } from '../../engine/src/values.js';
import { disposeValue } from '../../engine/src/values.js';
import { tempDir } from '../../test/engine/helpers.js';
import { runNode, useTestBackend } from '../../test/engine/node-harness.js';

describe('SaveGenerator node', function () {
    this.timeout(120_000);
    before(useTestBackend);

    it('SaveGenerator and LoadGenerator round-trip a generator in layers format', async () => {
        const dir = tempDir();
        const g = (await runNode('DCGANGenerator', { latentDim: 6, imageSize: 32, channels: 3, filters: 4 })).out.generator as Generator;
        await runNode('SaveGenerator', { path: 'models/g' }, { generator: g }, dir);
        const saved = path.join(dir, 'out', 'models', 'g');
        assert.deepEqual(fs.readdirSync(saved).sort(), ['model.json', 'weights.bin']);
        assert.equal(JSON.parse(fs.readFileSync(path.join(saved, 'model.json'), 'utf8')).format, 'layers-model');
        const loaded = (await runNode('LoadGenerator', { path: 'out/models/g' }, {}, dir)).out.generator as Generator;
        assert.deepEqual([loaded.latentDim, loaded.imageSize, loaded.channels], [6, 32, 3]);
        const z = tf.randomNormal([2, 6], 0, 1, 'float32', 3);
        assert.deepEqual(await (loaded.model.predict(z) as tf.Tensor).data(), await (g.model.predict(z) as tf.Tensor).data());
        await assert.rejects(runNode('SaveGenerator', { path: '../../outside' }, { generator: g }, dir), /leaves the output folder/);
        await assert.rejects(runNode('LoadGenerator', { path: 'missing' }, {}, dir), /no saved generator at .*missing/);
        [g, loaded].forEach(disposeValue);
        z.dispose();
    });
});
