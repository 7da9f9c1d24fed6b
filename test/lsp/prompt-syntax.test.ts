/**
 * Prompt syntax over the protocol (a real `flowstudio lsp --stdio`): weighting diagnostics at
 * the characters concerned, semantic tokens for the weighting inside prompt strings, and the
 * formatter on long """ prompts (exactly as written, idempotent, CRLF kept).
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { SemanticTokens, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient } from './lsp-client.js';

const LONG = Array.from({ length: 60 }, (_, i) => `(detail ${i}:1.${i % 10}), ((word${i})), \\(literal ${i}\\)`).join(',\n        ');

const SOURCE = `workflow P {
    ckpt = CheckpointLoaderSimple(ckpt_name: "tiny.safetensors")
    pos = CLIPTextEncode(clip: ckpt.CLIP, text: """
        a photo of (red circle:1.3), (blue:1,5),
        ${LONG}
        """)
    neg = CLIPTextEncode(clip: ckpt.CLIP, text: "(16:9) b)")
    latent = EmptyLatentImage(width: 28, height: 28)
    sampled = KSampler(model: ckpt.MODEL, positive: pos, negative: neg, latent_image: latent)
    images = VAEDecode(samples: sampled, vae: ckpt.VAE)
    SaveImages(images: images)
}
`;

describe('prompt syntax over the protocol', function () {
    this.timeout(60000);
    let client: LspClient;
    let legend: { tokenTypes: string[] };
    let root: string;

    before(async () => {
        root = mkdtempSync(join(tmpdir(), 'flow-prompts-'));
        client = new LspClient(process.cwd());
        const init = await client.initialize(pathToFileURL(root).toString()) as { capabilities: { semanticTokensProvider: { legend: { tokenTypes: string[] } } } };
        legend = init.capabilities.semanticTokensProvider.legend;
    });

    after(async () => {
        await client?.shutdown();
    });

    const uriOf = (name: string) => pathToFileURL(join(root, name)).toString();

    it('publishes weighting diagnostics on the characters concerned', async () => {
        const uri = uriOf('diagnostics.flow');
        await client.open(uri, SOURCE);
        const diagnostics = await client.waitForDiagnostics(uri, d => d.some(x => String(x.code).startsWith('prompt-')));
        const doc = TextDocument.create(uri, 'flow', 1, SOURCE);
        const prompt = diagnostics.filter(d => String(d.code).startsWith('prompt-')).map(d => [d.code, d.severity, doc.getText(d.range), d.range.start.line]);
        const neg = SOURCE.split('\n').findIndex(l => l.includes('neg = '));
        assert.deepEqual(prompt, [
            ['prompt-bad-weight', 1, ':1,5', 3],
            ['prompt-weight-range', 2, '9', neg],
            ['prompt-unbalanced-paren', 1, ')', neg],
        ]);
    });

    it('highlights weighting brackets and ":" as operators and weights as numbers inside prompts', async () => {
        const uri = uriOf('tokens.flow');
        const text = 'workflow P {\n    ckpt = CheckpointLoaderSimple(ckpt_name: "x (y:2)")\n    pos = CLIPTextEncode(clip: ckpt.CLIP, text: "a (red:1.25) \\\\(b\\\\)")\n}\n';
        await client.open(uri, text);
        await client.waitForDiagnostics(uri);
        const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
        const lines = text.split('\n');
        const decoded: [string, string][] = [];
        let line = 0, char = 0;
        for (let i = 0; i < tokens.data.length; i += 5) {
            const [dLine, dChar, length, type] = tokens.data.slice(i, i + 4);
            line += dLine;
            char = dLine === 0 ? char + dChar : dChar;
            decoded.push([lines[line].slice(char, char + length), legend.tokenTypes[type]]);
        }
        const inPrompt = decoded.filter(([, type]) => type === 'operator' || type === 'number');
        assert.deepEqual(inPrompt, [['(', 'operator'], [':', 'operator'], ['1.25', 'number'], [')', 'operator']], 'only the prompt parameter, not ckpt_name, and not the escaped brackets');
    });

    it('formats a file of long """ prompts keeping them as written, idempotently, CRLF included', async () => {
        for (const [name, eol] of [['lf.flow', '\n'], ['crlf.flow', '\r\n']]) {
            const uri = uriOf(name);
            const messy = SOURCE.replace('    pos = ', '  pos  =  ').replace(/\n/g, eol);
            await client.open(uri, messy);
            const options = { tabSize: 4, insertSpaces: true };
            const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options });
            const formatted = TextDocument.applyEdits(TextDocument.create(uri, 'flow', 1, messy), edits);
            const block = (t: string) => /"""[\s\S]*?"""/.exec(t)![0];
            assert.equal(block(formatted), block(messy));
            assert.ok(formatted.includes(`    pos = CLIPTextEncode(clip: ckpt.CLIP, text: """${eol}`));
            if (eol === '\r\n') assert.doesNotMatch(formatted.replace(/\r\n/g, ''), /\n/);
            await client.change(uri, formatted, 2);
            assert.deepEqual(await client.request('textDocument/formatting', { textDocument: { uri }, options }), []);
        }
    });
});
