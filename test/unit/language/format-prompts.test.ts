/** The formatter and """ prompts: kept exactly as written (their spaces are their value), idempotent, CRLF too. */
import assert from 'node:assert/strict';
import { formatKeepingLineEndings } from '../../../server/src/language/lsp/flow-formatter.js';
import { formatFlow } from '../../../server/src/language/lsp/format-text.js';
import { isStringLiteral, type Document, type Workflow } from '../../../server/src/language/generated/ast.js';
import { parse } from '../../helpers/language.js';

const LONG = Array.from({ length: 40 }, (_, i) => `(detail ${i}:1.${i % 10}), ((word${i}))   `).join('\n            ');

const messy = `workflow  P{
  ckpt=CheckpointLoaderSimple(ckpt_name:"tiny.safetensors")
      pos = CLIPTextEncode(clip:ckpt.CLIP,text:"""
            a photo of (red circle:1.3),   
              \\(not weighted\\) with "quotes"

            ${LONG}
            """)
  neg=CLIPTextEncode(
     text: """one line""" ,clip: ckpt.CLIP)
}
`;

const stringsOf = (text: string) => [...text.matchAll(/"""[\s\S]*?"""/g)].map(m => m[0]);

/** The parsed values of the prompts (the language server's reading). */
async function valuesOf(text: string): Promise<string[]> {
    const { document } = await parse(text);
    assert.equal(document.parseResult.parserErrors.length + document.parseResult.lexerErrors.length, 0);
    const doc = document.parseResult.value as Document;
    return (doc.elements[0] as Workflow).nodes.filter(n => n.type === 'CLIPTextEncode').map(n => {
        const value = n.args.find(a => a.name === 'text')?.value;
        return isStringLiteral(value) ? value.value : '';
    });
}

describe('formatting """ prompts', () => {
    it('keeps every """ string exactly as written, lays out the rest, and is idempotent', async () => {
        const once = formatFlow(messy)!;
        assert.deepEqual(stringsOf(once), stringsOf(messy));
        assert.match(once, /^ {4}pos = CLIPTextEncode\(clip: ckpt\.CLIP, text: """$/m);
        assert.match(once, /^ {4}neg = CLIPTextEncode\($/m);
        assert.match(once, /^ {8}text: """one line""", clip: ckpt\.CLIP,$/m);
        assert.equal(formatFlow(once), once);
        assert.deepEqual(await valuesOf(once), await valuesOf(messy));
        const [prompt] = await valuesOf(once);
        assert.ok(prompt.startsWith('a photo of (red circle:1.3),   \n  \\(not weighted\\) with "quotes"\n\n(detail 0:1.0)'), prompt.slice(0, 80));
    });

    it('keeps a CRLF file CRLF and its prompts\' values, and settles', async () => {
        const crlf = messy.replace(/\n/g, '\r\n');
        const once = formatKeepingLineEndings(crlf)!;
        assert.doesNotMatch(once.replace(/\r\n/g, ''), /\n/, 'only CRLF line breaks');
        assert.equal(formatKeepingLineEndings(once), once);
        assert.deepEqual(await valuesOf(once), await valuesOf(messy));
    });
});
