/** The word-level prompt tokenizer: vocabulary, encoding, unknown words, checkpoint JSON. */
import * as assert from 'node:assert/strict';
import { BOS_ID, buildVocabulary, EOS_ID, PAD_ID, SPECIAL_TOKENS, splitWords, UNK_ID, Vocabulary } from '../../engine/src/diffusion/text/tokenizer.js';

const CAPTIONS = ['A handwritten seven.', 'the digit seven', 'a handwritten 7', 'The number 42, twice!', 'a red circle'];

describe('tokenizer', () => {
    it('splits lower-cased words, punctuation and single digits', () => {
        assert.deepEqual(splitWords('A Red, Circle!'), ['a', 'red', ',', 'circle', '!']);
        assert.deepEqual(splitWords('the number 42'), ['the', 'number', '4', '2']);
        assert.deepEqual(splitWords("don’t  café\t(x2)"), ["don't", 'café', '(', 'x', '2', ')']);
        assert.deepEqual(splitWords('  '), []);
    });

    it('builds a vocabulary with the special tokens first and words by frequency, the same for any caption order', () => {
        const v = buildVocabulary(CAPTIONS);
        assert.deepEqual(v.words.slice(0, 4), ['<pad>', '<unk>', '<bos>', '<eos>']);
        assert.deepEqual(SPECIAL_TOKENS, v.words.slice(0, 4));
        assert.deepEqual(v.byFrequency().slice(0, 4), [{ word: 'a', count: 3 }, { word: 'handwritten', count: 2 }, { word: 'seven', count: 2 }, { word: 'the', count: 2 }]);
        assert.equal(v.frequency('seven'), 2);
        assert.equal(v.frequency('eight'), 0);
        assert.ok(v.has('7') && v.has('4') && v.has(',') && !v.has('42') && !v.has('<pad>'));
        assert.deepEqual(buildVocabulary([...CAPTIONS].reverse()).words, v.words);
        assert.equal(v.size, v.words.length);
    });

    it('leaves words rarer than minCount out', () => {
        const v = buildVocabulary(CAPTIONS, { minCount: 2 });
        assert.deepEqual(v.words.slice(4), ['a', 'handwritten', 'seven', 'the']);
        assert.throws(() => buildVocabulary(CAPTIONS, { minCount: 0 }), /minCount must be a positive integer/);
    });

    it('encodes <bos> words <eos> and padding, with a mask of the real tokens', () => {
        const v = buildVocabulary(CAPTIONS);
        const e = v.encode('A handwritten SEVEN', 6);
        assert.deepEqual([...e.ids], [BOS_ID, v.idOf('a'), v.idOf('handwritten'), v.idOf('seven'), EOS_ID, PAD_ID]);
        assert.deepEqual([...e.mask], [1, 1, 1, 1, 1, 0]);
        assert.deepEqual(e.unknownWords, []);
        assert.equal(e.truncatedWords, 0);
        assert.equal(v.decode(e.ids), 'a handwritten seven');
        const empty = v.encode('', 3);
        assert.deepEqual([...empty.ids], [BOS_ID, EOS_ID, PAD_ID]);
        assert.throws(() => v.encode('a', 1), /maxTokens must be an integer of at least 2/);
    });

    it('reports unknown words (once each) and maps them to <unk>, never dropping them', () => {
        const v = buildVocabulary(CAPTIONS);
        const e = v.encode('a drawing of a seven drawing', 10);
        assert.deepEqual([...e.ids.slice(0, 8)], [BOS_ID, v.idOf('a'), UNK_ID, UNK_ID, v.idOf('a'), v.idOf('seven'), UNK_ID, EOS_ID]);
        assert.deepEqual(e.unknownWords, ['drawing', 'of']);
        assert.equal(v.decode(e.ids), 'a <unk> <unk> a seven <unk>');
    });

    it('truncates long prompts keeping <eos>, and says how many words it cut', () => {
        const v = buildVocabulary(CAPTIONS);
        const e = v.encode('the digit seven in a red circle', 5);
        assert.deepEqual([...e.ids], [BOS_ID, v.idOf('the'), v.idOf('digit'), v.idOf('seven'), EOS_ID]);
        assert.deepEqual([...e.mask], [1, 1, 1, 1, 1]);
        assert.equal(e.truncatedWords, 4);
        assert.deepEqual(e.unknownWords, ['in']);
    });

    it('round-trips through JSON and rejects what is not a vocabulary', () => {
        const v = buildVocabulary(CAPTIONS);
        const back = Vocabulary.fromJSON(JSON.parse(JSON.stringify(v)));
        assert.deepEqual(back.words, v.words);
        assert.deepEqual(back.byFrequency(), v.byFrequency());
        assert.deepEqual(back.encode('the number 7 !', 8), v.encode('the number 7 !', 8));
        const json = v.toJSON();
        assert.throws(() => Vocabulary.fromJSON(null), /not a vocabulary: expected an object/);
        assert.throws(() => Vocabulary.fromJSON({ ...json, format: 'x' }), /format is "x"/);
        assert.throws(() => Vocabulary.fromJSON({ ...json, version: 99 }), /version 99/);
        assert.throws(() => Vocabulary.fromJSON({ ...json, counts: json.counts.slice(1) }), /"counts" must hold/);
        assert.throws(() => Vocabulary.fromJSON({ ...json, words: ['a', ...json.words.slice(1)] }), /first words must be <pad>/);
        assert.throws(() => Vocabulary.fromJSON({ ...json, words: [...json.words.slice(0, -1), 'a'] }), /a word appears twice/);
    });

    it('encodes a prompt with its weighting read: no weighting punctuation, a weight per token', () => {
        const v = buildVocabulary(['a red circle on blue', '( )']);
        const e = v.encodePrompt('a (red circle:1.5) \\(on\\) ((blue))', 10);
        assert.equal(v.decode(e.ids), 'a red circle ( on ) blue');
        assert.deepEqual([...e.weights].map(w => Math.round(w * 1000) / 1000), [1, 1, 1.5, 1.5, 1, 1, 1, 1.21, 1, 1]);
        assert.deepEqual(v.encodePrompt('a red circle', 6).ids, v.encode('a red circle', 6).ids);
        const cut = v.encodePrompt('(a red circle on blue:0.5)', 4);
        assert.deepEqual([...cut.weights], [1, 0.5, 0.5, 1]);
        assert.equal(cut.truncatedWords, 3);
    });
});
