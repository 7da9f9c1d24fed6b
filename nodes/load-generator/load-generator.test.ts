/** LoadGenerator on what it cannot load: one clear line. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FlowError } from '../../engine/src/errors.js';
import type { Generator } from '../../engine/src/values.js';
import { disposeValue } from '../../engine/src/values.js';
import { tempDir } from '../../test/engine/helpers.js';
import { runNode, useTestBackend } from '../../test/engine/node-harness.js';

describe('LoadGenerator node', function () {
    this.timeout(120_000);
    before(useTestBackend);

    it('LoadGenerator on a model with an unknown layer: one line with a code and a hint, not TensorFlow.js\'s advice', async () => {
        const dir = tempDir();
        const g = (await runNode('DCGANGenerator', { latentDim: 4, imageSize: 28, channels: 1, filters: 2 })).out.generator as Generator;
        await runNode('SaveGenerator', { path: 'models/custom' }, { generator: g }, dir);
        disposeValue(g);
        const file = path.join(dir, 'out', 'models', 'custom', 'model.json');
        const json = JSON.parse(fs.readFileSync(file, 'utf8'));
        json.modelTopology.config.layers[1].class_name = 'MyFancyLayer';
        fs.writeFileSync(file, JSON.stringify(json));
        const error = await runNode('LoadGenerator', { path: 'out/models/custom' }, {}, dir).then(() => undefined, e => e as FlowError);
        assert.ok(error, 'loading fails');
        assert.equal(error.code, 'unknown-layer');
        assert.match(error.message, /uses the layer MyFancyLayer, which TensorFlow\.js does not know — LoadGenerator loads models saved by SaveGenerator/);
        assert.ok(!error.message.includes('\n'), 'one line');
    });
});
