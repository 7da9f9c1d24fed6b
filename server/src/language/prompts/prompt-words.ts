/**
 * TEMPORARY until `catalog/src/prompt-text.ts` (prompt-syntax) lands: the words of a prompt as
 * the vocabulary counts them (the tokenizer's rule, engine/src/diffusion/text/tokenizer.ts),
 * with their offsets in the original text. Same signature as `parsePrompt(text).words`.
 */
export interface PromptWord { word: string; start: number; end: number; weight: number }

const WORD = /\p{L}[\p{L}\p{M}]*(?:['’][\p{L}\p{M}]+)*|\p{N}|[^\s\p{L}\p{M}\p{N}]/gu;

export function parsePrompt(text: string): { words: PromptWord[] } {
    const words: PromptWord[] = [];
    for (const m of text.matchAll(WORD)) {
        words.push({ word: m[0].normalize('NFKC').toLowerCase().replace(/’/g, "'"), start: m.index!, end: m.index! + m[0].length, weight: 1 });
    }
    return { words };
}

/** The words of a caption, as the vocabulary counts them. */
export function splitWords(text: string): string[] {
    return parsePrompt(text).words.map(w => w.word);
}
