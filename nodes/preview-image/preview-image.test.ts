/** PreviewImage writes temporary PNGs only. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { Images } from '../../engine/src/values.js';
import { disposeValue } from '../../engine/src/values.js';
import { tempDir } from '../../test/engine/helpers.js';
import { runNode, useTestBackend } from '../../test/engine/node-harness.js';

describe('PreviewImage node', function () {
    this.timeout(120_000);
    before(useTestBackend);

    it('PreviewImage writes temp PNGs only', async () => {
        const dir = tempDir();
        const imgs: Images = { kind: 'IMAGE', images: tf.zeros([1, 4, 4, 1]) as tf.Tensor4D };
        const { rec } = await runNode('PreviewImage', {}, { images: imgs }, dir);
        assert.equal(rec.images.length, 1);
        assert.ok(rec.images[0].startsWith(path.join(dir, 'tmp')));
        assert.ok(!fs.existsSync(path.join(dir, 'out')));
        disposeValue(imgs);
    });
});
