/**
 * What a checkpoint keeps besides its weights, in pure code: the example captions TrainDiffusion
 * records (bounded, distinct, every word covered while room lasts), the header-only reader the
 * language server uses (checkpoints/src, with its cache by mtime and size), and the caption
 * phrases SyntheticShapes draws from (the server's vocabulary for it must cover every caption).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exampleCaptions } from '../../engine/src/diffusion/checkpoint/example-captions.js';
import { splitWords } from '../../engine/src/diffusion/text/tokenizer.js';
import { CheckpointInfoCache } from '../../checkpoints/src/info-cache.js';
import { readSafetensorsHeader } from '../../checkpoints/src/safetensors-header.js';
import { drawShape } from '../../nodes/synthetic-shapes/run.js';
import { SHAPE_BACKGROUNDS, SHAPE_COLORS, SHAPE_KINDS, SHAPE_POSITIONS, SHAPE_SIZES } from '../../nodes/synthetic-shapes/caption-words.js';
import { createRng } from '../../engine/src/util/rng.js';
import { writeTinyCheckpoint } from '../lsp/tiny-checkpoint.js';

describe('checkpoint metadata (example captions, header-only reading)', function () {
    this.timeout(60000);

    it('example captions are distinct, bounded, and give every word an example while room lasts', () => {
        const captions = [...Array.from({ length: 1000 }, (_, i) => `a common caption ${i % 7}`), 'a rare zebra', 'a common caption 1', '  ', 'x'.repeat(500)];
        const examples = exampleCaptions(captions, 10);
        assert.equal(new Set(examples).size, examples.length);
        assert.ok(examples.length <= 10);
        assert.ok(examples.includes('a rare zebra'), 'the rare word has its example');
        const covered = new Set(examples.flatMap(splitWords));
        for (const word of new Set(captions.filter(c => c.trim() && c.length <= 200).flatMap(splitWords))) assert.ok(covered.has(word), word);
        assert.ok(!examples.some(e => e.length > 200), 'over-long captions are left out');
    });

    it('the header reader sees metadata and vocabulary without the weights, and re-reads only a changed file', async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckpt-meta-'));
        const file = path.join(dir, 'tiny.safetensors');
        await writeTinyCheckpoint(file, ['a red circle', 'a blue square']);
        const header = readSafetensorsHeader(file);
        assert.equal(header.metadata.format, 'flowstudio-checkpoint');
        let now = 0;
        const cache = new CheckpointInfoCache(1000, () => now);
        const first = cache.read(file);
        assert.deepEqual(first.info?.metadata.exampleCaptions, ['a red circle', 'a blue square']);
        assert.equal(cache.read(file), first, 'cached');
        now = 5000;
        assert.equal(cache.read(file), first, 'unchanged file, same entry after a re-stat');
        fs.writeFileSync(file, 'damaged');
        now = 10000;
        const damaged = cache.read(file);
        assert.match(damaged.error ?? '', /too short|impossible/);
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it('every SyntheticShapes caption is made of the phrases caption-words.ts lists', () => {
        const phrases = new Set<string>([...SHAPE_SIZES, ...SHAPE_COLORS, ...SHAPE_KINDS]);
        const pattern = new RegExp(`^a (\\w+) (\\w+) (\\w+) (${SHAPE_POSITIONS.join('|')}) on a (${SHAPE_BACKGROUNDS.join('|')}) background$`);
        const rng = createRng(3);
        for (let i = 0; i < 3000; i++) {
            const size = 8 + (i % 5) * 8;
            const { caption } = drawShape(new Float32Array(size * size * 3), 0, size, rng);
            const m = pattern.exec(caption);
            assert.ok(m && [m[1], m[2], m[3]].every(w => phrases.has(w)), caption);
        }
    });
});
