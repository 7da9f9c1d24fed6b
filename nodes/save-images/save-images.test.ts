/** SaveImages: numbered files, embedded workflow and prompt, no escapes. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { decodePng, readPngText } from '../../engine/src/util/png.js';
import type { Images } from '../../engine/src/values.js';
import { disposeValue } from '../../engine/src/values.js';
import { tempDir } from '../../test/engine/helpers.js';
import { runNode, useTestBackend } from '../../test/engine/node-harness.js';

describe('SaveImages node', function () {
    this.timeout(120_000);
    before(useTestBackend);

    it('SaveImages numbers files without overwriting, embeds workflow and prompt, refuses escapes', async () => {
        const dir = tempDir();
        const imgs: Images = { kind: 'IMAGE', images: tf.tidy(() => tf.randomUniform([2, 5, 6, 3], 0, 1, 'float32', 4) as tf.Tensor4D) };
        const first = await runNode('SaveImages', { prefix: 'sub/pic' }, { images: imgs }, dir);
        const second = await runNode('SaveImages', { prefix: 'sub/pic' }, { images: imgs }, dir);
        assert.deepEqual(fs.readdirSync(path.join(dir, 'out', 'sub')).sort(), ['pic_00001.png', 'pic_00002.png', 'pic_00003.png', 'pic_00004.png']);
        assert.equal(first.rec.images.length, 2);
        assert.equal(second.rec.wrote[0], path.join(dir, 'out', 'sub', 'pic_00003.png'));
        const bytes = fs.readFileSync(path.join(dir, 'out', 'sub', 'pic_00001.png'));
        const png = decodePng(bytes);
        assert.equal(png.width, 6);
        assert.equal(png.height, 5);
        const text = readPngText(bytes);
        assert.equal(text.workflow, 'workflow T { }');
        assert.equal(JSON.parse(text.prompt).workflow, 'T');
        for (const prefix of ['../escape', '/abs/x', 'a/../../b']) {
            await assert.rejects(runNode('SaveImages', { prefix }, { images: imgs }, dir), /leaves the output folder/);
        }
        disposeValue(imgs);
    });
});
