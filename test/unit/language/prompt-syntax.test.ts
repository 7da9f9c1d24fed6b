/** Prompt weighting diagnostics on prompt parameters, at the characters concerned, through every string form. */
import assert from 'node:assert/strict';
import { parse } from '../../helpers/language.js';

const PROMPT_CODES = ['prompt-unbalanced-paren', 'prompt-bad-weight', 'prompt-weight-range'];

/** Prompt diagnostics of a workflow whose CLIPTextEncode text is `literal`, as [code, severity, marked text]. */
async function promptDiagnostics(literal: string, param = 'text', type = 'CLIPTextEncode'): Promise<[string, string, string][]> {
    const source = `workflow P {\n    ckpt = CheckpointLoaderSimple(ckpt_name: "tiny.safetensors")\n    pos = ${type}(clip: ckpt.CLIP, ${param}: ${literal})\n}\n`;
    const { loaded, document } = await parse(source);
    const text = document.textDocument;
    return loaded.diagnostics
        .filter(d => PROMPT_CODES.includes(String(d.code)))
        .map(d => [String(d.code), d.severity, text.getText().slice(text.offsetAt(d.range.start), text.offsetAt(d.range.end))]);
}

describe('prompt syntax diagnostics', () => {
    it('none for well-formed prompts', async () => {
        assert.deepEqual(await promptDiagnostics('"a (red circle:1.3), ((blue)), photo 4:3"'), []);
        assert.deepEqual(await promptDiagnostics('"""\n        a (red circle:1.3),\n        \\(literal\\)\n        """'), []);
    });

    it('marks an unbalanced bracket, an unreadable weight and an extreme weight where they are written', async () => {
        assert.deepEqual(await promptDiagnostics('"a (red circle:1,3) (b"'), [
            ['prompt-bad-weight', 'error', ':1,3'],
            ['prompt-unbalanced-paren', 'error', '('],
        ]);
        assert.deepEqual(await promptDiagnostics('"(16:9) b)"'), [
            ['prompt-weight-range', 'warning', '9'],
            ['prompt-unbalanced-paren', 'error', ')'],
        ]);
    });

    it('maps offsets through JSON escapes and through a """ block\'s indentation and line breaks', async () => {
        assert.deepEqual(await promptDiagnostics(String.raw`"say \"hi\" \u0028x:7)"`), [['prompt-weight-range', 'warning', '7']]);
        assert.deepEqual(await promptDiagnostics('"""\r\n        a red\r\n        circle:1.5)\r\n        """'), [['prompt-unbalanced-paren', 'error', ')']]);
        assert.deepEqual(await promptDiagnostics('"""\n        (a red\n        circle:5)\n        """'), [['prompt-weight-range', 'warning', '5']]);
    });

    it('checks only prompt parameters', async () => {
        const source = 'workflow P {\n    SaveImages(images: x, prefix: "a (b")\n}\n';
        const { loaded } = await parse(source);
        assert.deepEqual(loaded.diagnostics.filter(d => PROMPT_CODES.includes(String(d.code))), []);
    });

    it('unknown-prompt-word reads words with the weighting syntax and marks them in a """ block where they are', async () => {
        const source = `workflow Digits {
    digits = LoadMNIST(limit: 100, digits: [7, 8])
    resized = Resize(dataset: digits, width: 32, height: 32)
    trained = TrainDiffusion(dataset: resized, maxSteps: 1)
    pos = CLIPTextEncode(clip: trained.CLIP, text: """
        a handwritten (sevn:1.2),
          ((eight)) \\(seven\\)
        """)
}
`;
        const { loaded, document } = await parse(source);
        const text = document.textDocument;
        const unknown = loaded.diagnostics.filter(d => d.code === 'unknown-prompt-word').map(d => text.getText().slice(text.offsetAt(d.range.start), text.offsetAt(d.range.end)));
        assert.deepEqual(unknown, ['sevn', ',', '\\(', '\\)'], 'no weighting punctuation; the escaped parentheses are words (MNIST captions have none)');
    });
});
