/** The nesting guard reads """ strings as the lexer does: their brackets never count, and deep nesting after one is still refused (fuzz failure: a stack overflow). */
import assert from 'node:assert/strict';
import { guardNesting, MAX_NESTING } from '../../../server/src/language/parser/nesting-guard.js';
import { parse } from '../../helpers/language.js';

describe('nesting guard and """ strings', () => {
    it('ignores brackets inside a """ block over lines', () => {
        assert.equal(guardNesting(`x = N(t: """\n${'('.repeat(MAX_NESTING + 5)}\n"quoted" \\\n""")`), undefined);
    });

    it('guards deep nesting after a """ block, so parsing never overflows the stack', async () => {
        // Read as `"`-strings, the quotes would pair across the brackets and hide them (the fuzzer's case).
        const text = `workflow W {\n    n = KSampler(cfg: """\n        (red:1.3)\n        """, s: "", t: "a", end: ${'['.repeat(1600)}1${']'.repeat(1600)}, u: "")\n}\n`;
        const guarded = guardNesting(text);
        assert.ok(guarded && guarded.regions.length === 1);
        assert.ok(guarded.regions[0].start > text.indexOf('end:'));
        const { loaded } = await parse(text);
        assert.ok(loaded.diagnostics.some(d => /Nesting deeper than/.test(d.message)), JSON.stringify(loaded.diagnostics.map(d => d.message)));
    });
});
