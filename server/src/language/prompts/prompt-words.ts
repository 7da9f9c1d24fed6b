/**
 * The words of a prompt as the vocabulary counts them, read with ComfyUI's weighting (so `(`,
 * `:1.3` are no words), and the words of a caption: both from catalog/src/prompt-text.ts, the
 * rule the engine's tokenizer uses too.
 */
export { parsePrompt, splitWords, type PromptWord } from '../../../../catalog/src/prompt-text.js';
