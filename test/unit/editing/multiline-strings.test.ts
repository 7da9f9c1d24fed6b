/** Graph-view edits of multi-line values: written as """ blocks that read back to the same value, in the file's line breaks; the scanner reads """ strings as one token. */
import assert from 'node:assert/strict';
import type { FlowGraph } from '../../../catalog/src/graph.js';
import { tokenize } from '../../../editing/src/tokens.js';
import { applyIntent } from './helpers.js';

const FLOW = `workflow P {
    ckpt = CheckpointLoaderSimple(ckpt_name: "tiny.safetensors")
    pos = CLIPTextEncode(clip: ckpt.CLIP, text: "a photo")
    neg = CLIPTextEncode(
        clip: ckpt.CLIP,
        text: """
            blurry,
            (low quality:1.2)
            """,
    )
}
`;

function textOf(graph: FlowGraph, node: string): unknown {
    const n = graph.workflows.find(b => b.name === 'P')!.nodes.find(x => x.id === node)!;
    const arg = n.args.text;
    return arg?.kind === 'literal' ? arg.value : undefined;
}

describe('editing: multi-line strings', () => {
    it('the scanner reads a """ block (quotes, parentheses and comment markers inside) as one string token', () => {
        const text = 'x(text: """\n  a "b" (c) // d\n  """, y: 1)';
        const strings = tokenize(text).filter(t => t.kind === 'string');
        assert.deepEqual(strings.map(t => t.text), ['"""\n  a "b" (c) // d\n  """']);
        assert.deepEqual(tokenize(text).filter(t => t.kind === 'comment'), []);
    });

    it('writes a value with line breaks as a """ block one level deeper than its argument', async () => {
        const value = 'a photo of (red circle:1.3),\n  \\(literal\\) "quoted"\n\non blue';
        const r = await applyIntent(FLOW, { type: 'setParam', body: 'P', nodeId: 'pos', param: 'text', value });
        assert.ok(r.after.includes('text: """\n        a photo of (red circle:1.3),\n          \\(literal\\) "quoted"\n\n        on blue\n        """)'), r.after);
        assert.equal(textOf(r.graphAfter, 'pos'), value);
        const inList = await applyIntent(FLOW, { type: 'setParam', body: 'P', nodeId: 'neg', param: 'text', value: 'ugly\nblurry' });
        assert.ok(inList.after.includes('        text: """\n            ugly\n            blurry\n            """,\n    )'), inList.after);
        assert.equal(textOf(inList.graphAfter, 'neg'), 'ugly\nblurry');
    });

    it('leaves a block alone when its value is unchanged, and writes one-line values as JSON strings', async () => {
        const same = await applyIntent(FLOW, { type: 'setParam', body: 'P', nodeId: 'neg', param: 'text', value: 'blurry,\n(low quality:1.2)' });
        assert.deepEqual(same.edits, []);
        const one = await applyIntent(FLOW, { type: 'setParam', body: 'P', nodeId: 'neg', param: 'text', value: 'one "line"' });
        assert.ok(one.after.includes('text: "one \\"line\\"",'), one.after);
        const triple = await applyIntent(FLOW, { type: 'setParam', body: 'P', nodeId: 'pos', param: 'text', value: 'has """\nquotes' });
        assert.equal(textOf(triple.graphAfter, 'pos'), 'has """\nquotes');
    });

    it('uses the file\'s CRLF line breaks inside the block', async () => {
        const crlf = FLOW.replace(/\n/g, '\r\n');
        const r = await applyIntent(crlf, { type: 'setParam', body: 'P', nodeId: 'pos', param: 'text', value: 'a\nb' });
        assert.ok(r.after.includes('text: """\r\n        a\r\n        b\r\n        """)'), JSON.stringify(r.after));
        assert.equal(textOf(r.graphAfter, 'pos'), 'a\nb');
    });
});
