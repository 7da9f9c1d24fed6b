/** CLIPTextEncode: one conditioning entry from a prompt; unknown and cut-off words are warnings, never dropped silently. */
import { encodePrompt } from '../../engine/src/diffusion/conditioning.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';

export const node = defineNode(schema, {
    async run(ctx, inputs, params) {
        const encoded = encodePrompt(inputs.clip, params.text);
        if (encoded.unknownWords.length > 0) {
            const list = encoded.unknownWords.map(w => `"${w}"`).join(', ');
            ctx.warn(`the text encoder never saw ${list} in training: ${encoded.unknownWords.length === 1 ? 'it is' : 'they are'} encoded as <unk>`, { code: 'unknown-prompt-word', items: [...encoded.unknownWords] });
        }
        if (encoded.truncated) ctx.warn('the prompt is longer than the text encoder takes: its end was cut', { code: 'prompt-truncated' });
        return { CONDITIONING: encoded.conditioning };
    },
});
