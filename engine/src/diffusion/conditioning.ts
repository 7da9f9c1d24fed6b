/** CONDITIONING values made from prompts: what CLIPTextEncode outputs, and what previews and benchmarks sample with. */
import type { Conditioning, EncodedText, TextEncoder } from './contracts.js';

/** A one-entry conditioning for `text`, with what the encoder reported about the prompt. */
export function encodePrompt(clip: TextEncoder, text: string): { conditioning: Conditioning } & Pick<EncodedText, 'unknownWords' | 'truncated'> {
    const { context, mask, unknownWords, truncated } = clip.encode(text);
    return { conditioning: { kind: 'CONDITIONING', entries: [{ context, mask, text, strength: 1 }] }, unknownWords, truncated };
}

export function disposeConditioning(conditioning: Conditioning): void {
    for (const e of conditioning.entries) {
        e.context.dispose();
        e.mask.dispose();
    }
}
