/** Prompt-word completion inside """ blocks: the cursor is in the string on any of its lines, and a weighting bracket before the word changes nothing. */
import assert from 'node:assert/strict';
import { completionSite } from '../../../server/src/language/lsp/completion-context.js';
import { parseAtCursor, services } from '../../helpers/language.js';

const WORKFLOW = (prompt: string) => `workflow Digits {
    digits = LoadMNIST(limit: 100, digits: [7, 8])
    trained = TrainDiffusion(dataset: digits, maxSteps: 1)
    pos = CLIPTextEncode(clip: trained.CLIP, text: ${prompt})
    neg = CLIPTextEncode(clip: trained.CLIP, text: "")
}
`;

describe('prompt completion in """ blocks', () => {
    it('the completion site is inside the string on every line of a """ block, and after it the code again', () => {
        const text = WORKFLOW('"""\n        a (hand"written:1.2),\n        ((sev<|>\n        """');
        const offset = text.indexOf('<|>');
        const site = completionSite(text.replace('<|>', ''), offset);
        assert.equal(site.kind, 'argument-value');
        assert.ok(site.kind === 'argument-value' && site.inString && site.argument === 'text');
        const after = text.replace('<|>', '').indexOf('neg = ') + 'neg = CLIPTextEncode('.length;
        assert.equal(completionSite(text.replace('<|>', ''), after).kind, 'argument-name');
    });

    it('offers the vocabulary\'s words there', async () => {
        const { document, at } = await parseAtCursor(WORKFLOW('"""\n        a handwritten,\n        ((sev<|>\n        """'));
        const list = await services().lsp.CompletionProvider!.getCompletion(document, at);
        assert.ok(list?.items.some(i => i.label === 'seven'), JSON.stringify(list?.items.map(i => i.label)));
    });
});
