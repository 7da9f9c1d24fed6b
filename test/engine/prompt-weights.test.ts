/**
 * Prompt weighting in the text encoder, against ComfyUI's encode_token_weights computed
 * independently here: z' = (z − z_empty)·w + z_empty per weighted token, other tokens untouched,
 * and bit-identical output to an unweighted prompt when every weight is 1.
 */
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { TransformerTextEncoder } from '../../engine/src/diffusion/models/networks.js';
import { buildVocabulary } from '../../engine/src/diffusion/text/tokenizer.js';
import { disposeConditioning } from '../../engine/src/diffusion/conditioning.js';
import type { Conditioning } from '../../engine/src/diffusion/contracts.js';
import { runNode } from './node-harness.js';

const CONFIG = { maxTokens: 10, dim: 16, layers: 2, heads: 2 };

describe('prompt weighting in the text encoder', () => {
    let clip: TransformerTextEncoder;
    before(async () => {
        await tf.setBackend('cpu');
        clip = TransformerTextEncoder.fresh(CONFIG, buildVocabulary(['a red circle on blue', 'a blue square', '( )']), 7);
    });
    after(() => clip.dispose());

    /** The encoder's raw output for plain words (no weighting read), as a flat array. */
    function raw(text: string): Float32Array {
        const e = clip.tokenizer.encode(text, CONFIG.maxTokens);
        return tf.tidy(() => clip.forward(tf.tensor2d(e.ids, [1, CONFIG.maxTokens], 'int32'), tf.tensor2d(e.mask, [1, CONFIG.maxTokens]))).dataSync() as Float32Array;
    }

    function encoded(text: string): Float32Array {
        const e = clip.encode(text);
        const data = e.context.dataSync() as Float32Array;
        e.context.dispose();
        e.mask.dispose();
        return data;
    }

    it('leaves a prompt without weights, or with weight 1 everywhere, bit-identical to the plain encoding', () => {
        const plain = raw('a red circle');
        assert.deepEqual(encoded('a red circle'), plain);
        assert.deepEqual(encoded('(a red circle:1)'), plain);
        assert.deepEqual(encoded('a (red:1.0) circle'), plain);
    });

    it('moves each weighted token away from the empty prompt by its weight, as ComfyUI does', () => {
        const z = raw('a red circle on blue');
        const zEmpty = raw('');
        const weights = [1, 1, 1.5, 1.5, 1, 1.1 * 1.1, 1, 1, 1, 1]; // <bos> a (red circle:1.5) on ((blue)) <eos> pad…
        const got = encoded('a (red circle:1.5) on ((blue))');
        const D = CONFIG.dim;
        for (let t = 0; t < CONFIG.maxTokens; t++) {
            for (let d = 0; d < D; d++) {
                const i = t * D + d;
                if (weights[t] === 1) assert.equal(got[i], z[i], `token ${t} is untouched`);
                else assert.ok(Math.abs(got[i] - ((z[i] - zEmpty[i]) * weights[t] + zEmpty[i])) < 1e-5, `token ${t} feature ${d}: ${got[i]}`);
            }
        }
        assert.notDeepEqual(got, z);
    });

    it('reads escaped parentheses as words and weight 0 as the empty prompt at that token', () => {
        assert.deepEqual(encoded('a \\(red\\)'), raw('a ( red )'));
        const z0 = encoded('(a:0) red');
        const zEmpty = raw('');
        for (let d = 0; d < CONFIG.dim; d++) assert.ok(Math.abs(z0[CONFIG.dim + d] - zEmpty[CONFIG.dim + d]) < 1e-6);
    });

    it('still reports unknown words and cut prompts with weights', () => {
        const e = clip.encode('(a green:1.2) circle on blue a red circle a blue');
        assert.deepEqual(e.unknownWords, ['green']);
        assert.equal(e.truncated, true);
        e.context.dispose();
        e.mask.dispose();
    });

    it('CLIPTextEncode encodes the weighted prompt and reports weighting mistakes of a wired prompt as warnings', async () => {
        const { out, rec } = await runNode('CLIPTextEncode', { text: 'a (red circle:1.5) (blue' }, { clip });
        const conditioning = out.CONDITIONING as Conditioning;
        assert.deepEqual(conditioning.entries[0].context.dataSync(), encoded('a (red circle:1.5) (blue'));
        assert.deepEqual(rec.warnings.map(w => w.code), ['prompt-unbalanced-paren']);
        assert.match(rec.warnings[0].message, /^prompt at character 20: '\(' is never closed/);
        disposeConditioning(conditioning);
    });
});
