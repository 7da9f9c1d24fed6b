/**
 * CLIPTextEncode: one conditioning entry from a prompt, its weighting (`(red:1.3)`) read as
 * ComfyUI reads it; unknown and cut-off words and weighting mistakes are warnings, never dropped
 * silently (the editor shows the mistakes too, but a prompt can arrive through a wire).
 */
import { parsePrompt } from '../../catalog/src/prompt-text.js';
import { encodePrompt } from '../../engine/src/diffusion/conditioning.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';

export const node = defineNode(schema, {
    async run(ctx, inputs, params) {
        for (const problem of parsePrompt(params.text).problems) {
            ctx.warn(`prompt at character ${problem.start + 1}: ${problem.message}`, { code: problem.code });
        }
        const encoded = encodePrompt(inputs.clip, params.text);
        if (encoded.unknownWords.length > 0) {
            const list = encoded.unknownWords.map(w => `"${w}"`).join(', ');
            ctx.warn(`the text encoder never saw ${list} in training: ${encoded.unknownWords.length === 1 ? 'it is' : 'they are'} encoded as <unk>`, { code: 'unknown-prompt-word', items: [...encoded.unknownWords] });
        }
        if (encoded.truncated) ctx.warn('the prompt is longer than the text encoder takes: its end was cut', { code: 'prompt-truncated' });
        return { CONDITIONING: encoded.conditioning };
    },
});
