/** Prompt text: ComfyUI's weighting read exactly as comfy/sd1_clip.py reads it, the vocabulary's words with offsets, and the diagnostics. */
import * as assert from 'node:assert/strict';
import { parsePrompt, pythonFloat, splitWords } from '../../catalog/src/prompt-text.js';

/**
 * Prompts and the (text, weight) pairs ComfyUI's own escape_important → token_weights →
 * unescape_important produce for them (computed by running those functions from
 * comfy/sd1_clip.py; the random-looking rows come from a generator over the syntax's characters).
 */
const COMFYUI_CASES: [string, [string, number | string][]][] = [
    ["(red circle:1.3)", [["red circle", 1.3]]],
    ["(word)", [["word", 1.1]]],
    ["((a))", [["a", 1.2100000000000002]]],
    ["((a:1.5))", [["a", 1.5]]],
    ["\\(literal\\)", [["(literal)", 1.0]]],
    ["a (b (c:1.2) d) e", [["a ", 1.0], ["b ", 1.1], ["c", 1.2], [" d", 1.1], [" e", 1.0]]],
    ["(a:b)", [["a:b", 1.1]]],
    ["(:1.3)", [[":1.3", 1.1]]],
    ["(a:)", [["a:", 1.1]]],
    ["((a)", [["(a", 1.1]]],
    ["a) (b)", [["a) (b)", 1.0]]],
    ["(a (b:1.2) c:0.5)", [["a ", 0.5], ["b", 1.2], [" c", 0.5]]],
    ["(16:9)", [["16", 9.0]]],
    ["(a:1,3)", [["a:1,3", 1.1]]],
    ["(a:1.2 (b))", [["a:1.2 ", 1.1], ["b", 1.2100000000000002]]],
    ["(a:inf)", [["a", "Infinity"]]],
    ["(a:nan)", [["a", "NaN"]]],
    ["(a: 1.3 )", [["a", 1.3]]],
    ["(a:1_5)", [["a", 15.0]]],
    ["()", []],
    ["(a:1e-1)", [["a", 0.1]]],
    ["\\\\(x)", [["\\(x)", 1.0]]],
    ["(a\\)b:2)", [["a)b", 2.0]]],
    ["(  :éaé ", [["(  :éaé ", 1.0]]],
    [":_.\\", [[":_.\\", 1.0]]],
    ["5(.,1)xb x_xa", [["5", 1.0], [".,1", 1.1], ["xb x_xa", 1.0]]],
    ["é2.2ée \\212", [["é2.2ée \\212", 1.0]]],
    [")a1,e5ba ),", [[")a1,e5ba ),", 1.0]]],
    [" e b)  e 1", [[" e b)  e 1", 1.0]]],
    ["1 .,eeeé(e, :", [["1 .,eeeé", 1.0], ["(e, :", 1.0]]],
    [".-:,:2a)", [[".-:,:2a)", 1.0]]],
    ["a(é_é-,", [["a", 1.0], ["(é_é-,", 1.0]]],
    ["_b(\\", [["_b", 1.0], ["(\\", 1.0]]],
    ["5_(é", [["5_", 1.0], ["(é", 1.0]]],
    ["(e ", [["(e ", 1.0]]],
    ["(. e1x1a- \\1", [["(. e1x1a- \\1", 1.0]]],
    [":é(- b-e(", [[":é", 1.0], ["(- b-e(", 1.0]]],
    ["xa25)1(", [["xa25)1(", 1.0]]],
    ["\\ ,.- (", [["\\ ,.- ", 1.0], ["(", 1.0]]],
    [" :)2é,1éeé_", [[" :)2é,1éeé_", 1.0]]],
    ["\\ ", [["\\ ", 1.0]]],
    [")2  aab\\:-1", [[")2  aab\\:-1", 1.0]]],
    ["é :51:a(__12x", [["é :51:a", 1.0], ["(__12x", 1.0]]],
    ["x5é)(e", [["x5é)(e", 1.0]]],
    ["\\é21b", [["\\é21b", 1.0]]],
    ["2  ),( \\5 (é,", [["2  ),( \\5 ", 1.0], ["(é,", 1.0]]],
    ["-2 )xx 5)1\\-2é", [["-2 )xx 5)1\\-2é", 1.0]]],
    ["x)), éx b", [["x)), éx b", 1.0]]],
    [")2-,-e5", [[")2-,-e5", 1.0]]],
    ["1,, _:(_x (--:", [["1,, _:", 1.0], ["(_x (--:", 1.0]]],
    ["\\2b-5,", [["\\2b-5,", 1.0]]],
    [".\\é1e", [[".\\é1e", 1.0]]],
    [".xb\\51_,", [[".xb\\51_,", 1.0]]],
    ["2:e\\1 ,", [["2:e\\1 ,", 1.0]]],
    ["- \\.2:a", [["- \\.2:a", 1.0]]],
    [" :)-_a-ax55é", [[" :)-_a-ax55é", 1.0]]],
    [" \\__.(x1b )é", [[" \\__.", 1.0], ["x1b ", 1.1], ["é", 1.0]]],
    ["5b x\\x", [["5b x\\x", 1.0]]],
    ["e2be)éé,)(1,", [["e2be)éé,)(1,", 1.0]]],
    ["1bb2(.( .éeb", [["1bb2", 1.0], ["(.( .éeb", 1.0]]],
    [":.1_5 ).5,", [[":.1_5 ).5,", 1.0]]],
    ["_)2,é:", [["_)2,é:", 1.0]]],
    ["2ba\\a 5ab.", [["2ba\\a 5ab.", 1.0]]],
    ["a b(.-", [["a b", 1.0], ["(.-", 1.0]]],
    [",(", [[",", 1.0], ["(", 1.0]]],
    [":,)", [[":,)", 1.0]]],
    ["(: _\\(", [["(: _(", 1.0]]],
    ["(a.5", [["(a.5", 1.0]]],
];

const weightOf = (w: number) => (Number.isNaN(w) ? 'NaN' : w === Infinity ? 'Infinity' : w);

describe('prompt text', () => {
    describe('weighting, as ComfyUI reads it', () => {
        for (const [prompt, expected] of COMFYUI_CASES) {
            it(JSON.stringify(prompt), () => {
                const got = parsePrompt(prompt).segments;
                assert.deepEqual(got.map(s => s.text), expected.map(e => e[0]));
                got.forEach((s, i) => {
                    const want = expected[i][1];
                    if (typeof want === 'number') assert.ok(Math.abs(s.weight - want) < 1e-12, `${s.weight} vs ${want}`);
                    else assert.equal(weightOf(s.weight), want);
                });
            });
        }
    });

    it('gives each segment the span of its content in the original text', () => {
        const text = 'a (red circle:1.3), ((blue)) \\(x\\)';
        const { segments } = parsePrompt(text);
        assert.deepEqual(segments.map(s => [s.text, text.slice(s.start, s.end)]), [
            ['a ', 'a '], ['red circle', 'red circle'], [', ', ', '], ['blue', 'blue'], [' (x)', ' \\(x\\)'],
        ]);
    });

    it('records the groups ComfyUI weights, with their brackets and written weights', () => {
        const text = '(a (b:1.25) c)';
        const { groups } = parsePrompt(text);
        assert.deepEqual(groups.map(g => ({ ...g, weight: Math.round(g.weight * 1e9) / 1e9 })), [
            { start: 0, end: 14, weight: 1.1 },
            { start: 3, end: 11, weight: 1.25, colon: 5, weightStart: 6, weightEnd: 10 },
        ]);
        const spaced = parsePrompt('(a: 1.5 )').groups[0];
        assert.deepEqual([spaced.weightStart, spaced.weightEnd], [4, 7]);
        assert.deepEqual(parsePrompt('a) (b)').groups, [], 'after a stray ) nothing is a group');
    });

    describe('words', () => {
        it('are the vocabulary words with offsets in the original text, without weighting punctuation', () => {
            const text = '(Red circle:1.3), ((blue)) on white';
            assert.deepEqual(parsePrompt(text).words.map(w => [w.word, text.slice(w.start, w.end), Math.round(w.weight * 100) / 100]), [
                ['red', 'Red', 1.3], ['circle', 'circle', 1.3], [',', ',', 1], ['blue', 'blue', 1.21], ['on', 'on', 1], ['white', 'white', 1],
            ]);
        });

        it('count an escaped parenthesis as the word "(" spanning its backslash', () => {
            const text = 'a \\(b\\)';
            assert.deepEqual(parsePrompt(text).words.map(w => [w.word, text.slice(w.start, w.end)]), [['a', 'a'], ['(', '\\('], ['b', 'b'], [')', '\\)']]);
        });

        it('keep the offsets of the text as written when normalisation changes it', () => {
            const text = 'ＲＥＤ ﬁsh cafe\u0301 don’t ½';
            const words = parsePrompt(text).words;
            assert.deepEqual(words.map(w => w.word), ['red', 'fish', 'café', "don't", '1', '⁄', '2']);
            assert.deepEqual(words.map(w => text.slice(w.start, w.end)), ['ＲＥＤ', 'ﬁsh', 'cafe\u0301', 'don’t', '½', '½', '½']);
        });

        it('split plain text (captions) the way the tokenizer always has', () => {
            assert.deepEqual(splitWords('A Red, Circle!'), ['a', 'red', ',', 'circle', '!']);
            assert.deepEqual(splitWords('the number 42'), ['the', 'number', '4', '2']);
            assert.deepEqual(splitWords("don’t  café\t(x2)"), ["don't", 'café', '(', 'x', '2', ')']);
            assert.deepEqual(splitWords('ÉCOLE'), [('ÉCOLE').normalize('NFKC').toLowerCase()]);
            assert.deepEqual(splitWords('  '), []);
        });
    });

    describe('problems', () => {
        const problems = (text: string) => parsePrompt(text).problems.map(p => [p.code, p.severity, text.slice(p.start, p.end)]);

        it('none in well-formed prompts, plain text with colons included', () => {
            for (const ok of ['(red circle:1.3), ((blue)) \\(literal\\)', '(photo 4:3 wide)', 'time 10:30', '(a:0)', '(a:3)', '(a:.5)', '(a (b:1.2) c:0.8)', '']) {
                assert.deepEqual(problems(ok), [], ok);
            }
        });

        it('unbalanced brackets are errors at the bracket', () => {
            assert.deepEqual(problems('a (b c'), [['prompt-unbalanced-paren', 'error', '(']]);
            assert.deepEqual(problems('a) (b)'), [['prompt-unbalanced-paren', 'error', ')']]);
            assert.deepEqual(problems('((a)'), [['prompt-unbalanced-paren', 'error', '(']]);
            assert.match(parsePrompt('a (b').problems[0].message, /never closed.*\\\(/);
        });

        it('weights ComfyUI would read as text are errors; a weight before a nested group is a warning', () => {
            assert.deepEqual(problems('(a:1,3)'), [['prompt-bad-weight', 'error', ':1,3']]);
            assert.deepEqual(problems('(a:1.3.)'), [['prompt-bad-weight', 'error', ':1.3.']]);
            assert.deepEqual(problems('(a:)'), [['prompt-bad-weight', 'error', ':']]);
            assert.deepEqual(problems('(:1.3)'), [['prompt-bad-weight', 'error', ':1.3']]);
            assert.deepEqual(problems('(a:1.2 (b))'), [['prompt-bad-weight', 'warning', ':1.2 (b)']]);
            assert.match(parsePrompt('(a:1,3)').problems[0].message, /weighs 1\.1/);
        });

        it('weights outside 0..3 are warnings, non-finite ones errors', () => {
            assert.deepEqual(problems('(16:9)'), [['prompt-weight-range', 'warning', '9']]);
            assert.deepEqual(problems('(a:-0.5)'), [['prompt-weight-range', 'warning', '-0.5']]);
            assert.deepEqual(problems('(a:inf)'), [['prompt-weight-range', 'error', 'inf']]);
            assert.deepEqual(problems('(a:nan)'), [['prompt-weight-range', 'error', 'nan']]);
        });
    });

    it('reads numbers as Python float() does', () => {
        assert.equal(pythonFloat(' 1.5 '), 1.5);
        assert.equal(pythonFloat('1_5'), 15);
        assert.equal(pythonFloat('1.'), 1);
        assert.equal(pythonFloat('.5e1'), 5);
        assert.equal(pythonFloat('-Infinity'), -Infinity);
        assert.ok(Number.isNaN(pythonFloat('NaN')!));
        for (const bad of ['', '.', '1_', '_1', '1e', '1,3', 'e5', '0x10', '1.2.3']) assert.equal(pythonFloat(bad), undefined, bad);
    });
});
