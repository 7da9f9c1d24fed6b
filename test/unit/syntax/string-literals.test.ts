/** The two string forms: JSON strings and verbatim """ blocks, their values, where each character was written, and writing values back. */
import assert from 'node:assert/strict';
import { decodeString, stringValue, tripleQuoted, writeString } from '../../../catalog/src/string-literals.js';
import { terminal } from '../../../catalog/src/syntax.js';

/** Every value character maps back to source text that spells it (escapes and line breaks aside). */
function assertMapped(literal: string): void {
    const { value, starts, ends } = decodeString(literal);
    assert.equal(starts.length, value.length);
    assert.equal(ends.length, value.length);
    for (let i = 0; i < value.length; i++) {
        const written = literal.slice(starts[i], ends[i]);
        if (written.length === 1) assert.equal(written, value[i], `${JSON.stringify(literal)} at ${i}`);
        else assert.ok(written.startsWith('\\') || /^\r\n$/.test(written), `${JSON.stringify(written)} spells ${JSON.stringify(value[i])}`);
        if (i > 0) assert.ok(starts[i] >= ends[i - 1], 'in order');
    }
}

describe('string literals', () => {
    it('JSON strings: all JSON escapes; text that is no valid JSON keeps its characters', () => {
        assert.equal(stringValue(String.raw`"a\"b\\c\n\u0041\/"`), 'a"b\\c\nA/');
        assert.equal(stringValue(String.raw`"a \(b\)"`), String.raw`a \(b\)`);
        assert.equal(stringValue('"tab\there"'), 'tab\there');
        assert.equal(stringValue('""'), '');
        for (const l of [String.raw`"a\"b\\c\n\u0041"`, String.raw`"a \(b\)"`, '"plain"']) assertMapped(l);
        assert.deepEqual(decodeString(String.raw`"x\ny"`).starts, [1, 2, 4]);
    });

    it('""" on one line: verbatim, backslashes and quotes included', () => {
        assert.equal(stringValue('"""a \\(b\\) "q" \\n"""'), 'a \\(b\\) "q" \\n');
        assert.equal(stringValue('""""""'), '');
    });

    it('""" over lines: the opening and closing lines dropped, the common indentation removed, line breaks as \\n', () => {
        const block = '"""\n        a (red circle:1.3),\n          indented\n\n        on blue\n        """';
        assert.equal(stringValue(block), 'a (red circle:1.3),\n  indented\n\non blue');
        assert.equal(stringValue(block.replace(/\n/g, '\r\n')), 'a (red circle:1.3),\n  indented\n\non blue');
        assert.equal(stringValue('"""first line\n    second\n    """'), 'first line\nsecond');
        assert.equal(stringValue('"""\n    a\n  """'), '  a', 'the closing line counts towards the indentation');
        assert.equal(stringValue('"""\n\ta\n\t\tb\n\t"""'), 'a\n\tb');
        assert.equal(stringValue('"""\n"""'), '');
        assert.equal(stringValue('"""a\nb"""'), 'a\nb');
        for (const l of [block, block.replace(/\n/g, '\r\n'), '"""first line\n    second\n    """']) assertMapped(l);
    });

    it('writes multi-line values as """ blocks that read back to the same value, whatever they hold', () => {
        const values = ['a\nb', 'a\n', '\na', '\n', '  a\nb', 'a\n  \nb', 'x\n\n\ny', '"quoted"\nend"', '\tt\n  s', 'a (b:1.2)\n\\(c\\)'];
        for (const value of values) {
            for (const indent of ['', '    ', '\t\t']) {
                const literal = tripleQuoted(value, indent)!;
                assert.equal(stringValue(literal), value, `${JSON.stringify(value)} indented ${JSON.stringify(indent)}: ${literal}`);
                const STRING = terminal('STRING', 'y');
                assert.equal(STRING.exec(literal)?.[0], literal, 'the grammar reads it as one token');
            }
        }
        assert.equal(tripleQuoted('a """ b\nc', ''), undefined);
        assert.equal(writeString('a """ b\nc'), JSON.stringify('a """ b\nc'));
        assert.equal(writeString('one line "q"'), '"one line \\"q\\""');
        assert.equal(writeString('a\nb', '    '), '"""\n    a\n    b\n    """');
    });
});
