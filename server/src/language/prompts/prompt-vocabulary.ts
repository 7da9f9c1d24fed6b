/**
 * What the language server knows of a text encoder's vocabulary: each word's count in the
 * training captions, a few example captions, and where it comes from (a checkpoint file, or a
 * training dataset in the workflow). Built by checkpoint-vocabulary.ts and dataset-vocabulary.ts;
 * read by completion, hover and the `unknown-prompt-word` check.
 */
import { suggest } from '../semantics/suggestions.js';
import { splitWords } from '../../../../catalog/src/prompt-text.js';

export interface WordCount { readonly word: string; readonly count: number }

/** Examples shown per word in hover. */
const EXAMPLES_PER_WORD = 3;
/** Suggestions are memoised per vocabulary; this bounds that memory. */
const MAX_MEMOISED = 2000;

export class PromptVocabulary {
    private readonly counts: ReadonlyMap<string, number>;
    private readonly suggestions = new Map<string, string[]>();
    private wordExamples?: Map<string, string[]>;

    /**
     * @param key identifies the source: two prompts with the same key have the same vocabulary.
     * @param label says where it comes from, in messages ("checkpoint 'digits_00001_.safetensors'").
     * @param estimated counts are estimates (a dataset not yet loaded), not the training captions' own.
     */
    constructor(
        readonly key: string,
        readonly label: string,
        readonly byFrequency: readonly WordCount[],
        readonly examples: readonly string[],
        readonly estimated = false,
    ) {
        this.counts = new Map(byFrequency.map(w => [w.word, w.count]));
    }

    get size(): number {
        return this.byFrequency.length;
    }

    has(word: string): boolean {
        return this.counts.has(word);
    }

    count(word: string): number {
        return this.counts.get(word) ?? 0;
    }

    /** Known words close to `word`, most frequent first among equally close ones. */
    suggest(word: string): string[] {
        const memo = this.suggestions.get(word);
        if (memo) return memo;
        const near = this.byFrequency.filter(w => Math.abs(w.word.length - word.length) <= Math.max(2, Math.floor(word.length / 3)) || w.word.startsWith(word));
        const found = suggest(word, near.map(w => w.word));
        if (this.suggestions.size >= MAX_MEMOISED) this.suggestions.clear();
        this.suggestions.set(word, found);
        return found;
    }

    /** Example captions that contain `word` (as a word, not a substring). */
    examplesOf(word: string): string[] {
        if (!this.wordExamples) {
            // Indexed once per vocabulary: hover must not re-split every caption.
            this.wordExamples = new Map();
            for (const caption of this.examples) {
                for (const w of new Set(splitWords(caption))) {
                    const list = this.wordExamples.get(w) ?? [];
                    if (list.length < EXAMPLES_PER_WORD) list.push(caption);
                    this.wordExamples.set(w, list);
                }
            }
        }
        return this.wordExamples.get(word) ?? [];
    }
}

/** Counts of the words of `captions`, most frequent first, ties alphabetically (the tokenizer's order). */
export function countWords(captions: Iterable<{ text: string; weight: number }>): WordCount[] {
    const counts = new Map<string, number>();
    for (const { text, weight } of captions) for (const w of splitWords(text)) counts.set(w, (counts.get(w) ?? 0) + weight);
    return [...counts].map(([word, count]) => ({ word, count: Math.round(count) }))
        .sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
}
