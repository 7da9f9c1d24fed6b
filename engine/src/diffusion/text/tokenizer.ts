/**
 * The word-level tokenizer of the text encoder: a vocabulary built from a dataset's captions,
 * saved in the checkpoint, and the encoding of prompts against it. Word-level because the
 * captions are small, closed-vocabulary datasets (digits, shapes, folders someone captioned),
 * where a word is the unit a prompt's meaning and its IntelliSense are about.
 *
 * Words (catalog/src/prompt-text.ts) are lower-cased; punctuation marks are words of their own;
 * every digit is a word (so any number is spelled from ten tokens the vocabulary always has seen
 * if it has seen the digits). Ids 0..3 are `<pad>`, `<unk>`, `<bos>` and `<eos>`; the other words follow by
 * descending frequency. Pure TypeScript: the language server uses it without TensorFlow.js.
 */
import { parsePrompt, splitWords } from '../../../../catalog/src/prompt-text.js';
import { FlowError } from '../../errors.js';

export const PAD = '<pad>';
export const UNK = '<unk>';
export const BOS = '<bos>';
export const EOS = '<eos>';
export const SPECIAL_TOKENS: readonly string[] = [PAD, UNK, BOS, EOS];
export const PAD_ID = 0;
export const UNK_ID = 1;
export const BOS_ID = 2;
export const EOS_ID = 3;

const FORMAT = 'flowstudio-vocabulary';
const FORMAT_VERSION = 1;

/** The word rule is the prompt language's: the vocabulary and the editor must agree on what a word is. */
export { splitWords } from '../../../../catalog/src/prompt-text.js';

export interface EncodedPrompt {
    /** [maxTokens]: `<bos>`, the words, `<eos>`, then `<pad>` (0). */
    ids: Int32Array;
    /** [maxTokens]: 1 for `<bos>`, words and `<eos>`, 0 for padding. */
    mask: Float32Array;
    /** Words of the prompt the vocabulary lacks (each once, in prompt order); they are encoded as `<unk>`. */
    unknownWords: string[];
    /** Words cut off because the prompt is longer than maxTokens allows. */
    truncatedWords: number;
}

/** A prompt encoded with ComfyUI's weighting read: the weighting punctuation is gone, each token has its weight. */
export interface WeightedPrompt extends EncodedPrompt {
    /** [maxTokens]: each word's weight; 1 for `<bos>`, `<eos>` and padding (as ComfyUI gives its special tokens). */
    weights: Float32Array;
}

/** How a vocabulary is stored in a checkpoint (JSON). */
export interface VocabularyJSON {
    format: typeof FORMAT;
    version: number;
    /** By id, the special tokens first. */
    words: string[];
    /** How often each word occurs in the captions it was built from (0 for the special tokens). */
    counts: number[];
}

export interface WordFrequency { word: string; count: number }

export class Vocabulary {
    private readonly ids = new Map<string, number>();

    private constructor(readonly words: readonly string[], private readonly counts: readonly number[]) {
        words.forEach((word, id) => this.ids.set(word, id));
    }

    get size(): number {
        return this.words.length;
    }

    /** The id of a word as `splitWords` returns it; `<unk>`'s id when it is unknown. */
    idOf(word: string): number {
        return this.ids.get(word) ?? UNK_ID;
    }

    has(word: string): boolean {
        const id = this.ids.get(word);
        return id !== undefined && id >= SPECIAL_TOKENS.length;
    }

    /** How often `word` occurs in the training captions (0 when unknown). */
    frequency(word: string): number {
        const id = this.ids.get(word);
        return id === undefined ? 0 : this.counts[id];
    }

    /** The known words, most frequent first (the order prompt completion offers them in). */
    byFrequency(): WordFrequency[] {
        return this.words.slice(SPECIAL_TOKENS.length).map((word, i) => ({ word, count: this.counts[i + SPECIAL_TOKENS.length] }));
    }

    /**
     * Plain `text` (a caption: no weighting syntax) as `maxTokens` ids: `<bos>`, its words,
     * `<eos>`, padding. Unknown words become `<unk>` and are listed; a prompt too long keeps its
     * first words and still ends in `<eos>`.
     */
    encode(text: string, maxTokens: number): EncodedPrompt {
        return this.encodeWords(splitWords(text), maxTokens);
    }

    /** A prompt as `encode` does, its weighting (`(red:1.3)`) read as ComfyUI reads it (catalog/src/prompt-text.ts). */
    encodePrompt(text: string, maxTokens: number): WeightedPrompt {
        const words = parsePrompt(text).words;
        const encoded = this.encodeWords(words.map(w => w.word), maxTokens);
        const weights = new Float32Array(maxTokens).fill(1);
        const kept = words.length - encoded.truncatedWords;
        for (let i = 0; i < kept; i++) weights[i + 1] = words[i].weight;
        return { ...encoded, weights };
    }

    private encodeWords(words: readonly string[], maxTokens: number): EncodedPrompt {
        if (!Number.isInteger(maxTokens) || maxTokens < 2) throw new FlowError(`maxTokens must be an integer of at least 2 (<bos> and <eos>), got ${maxTokens}`);
        const room = maxTokens - 2;
        const ids = new Int32Array(maxTokens);
        const mask = new Float32Array(maxTokens);
        const unknown = new Set<string>();
        ids[0] = BOS_ID;
        const kept = Math.min(words.length, room);
        for (let i = 0; i < kept; i++) {
            // splitWords never yields "<pad>" and the like, so a found id is a real word's.
            const id = this.ids.get(words[i]);
            if (id === undefined) unknown.add(words[i]);
            ids[i + 1] = id ?? UNK_ID;
        }
        // Words past the cut are unknown too when the vocabulary lacks them: report them either way.
        for (let i = kept; i < words.length; i++) if (!this.has(words[i])) unknown.add(words[i]);
        ids[kept + 1] = EOS_ID;
        mask.fill(1, 0, kept + 2);
        return { ids, mask, unknownWords: [...unknown], truncatedWords: words.length - kept };
    }

    /** The words of `ids` up to `<eos>`, without `<bos>` and padding (what the model was given). */
    decode(ids: ArrayLike<number>): string {
        const words: string[] = [];
        for (const id of Array.from(ids)) {
            if (id === EOS_ID) break;
            if (id === BOS_ID || id === PAD_ID) continue;
            words.push(this.words[id] ?? UNK);
        }
        return words.join(' ');
    }

    toJSON(): VocabularyJSON {
        return { format: FORMAT, version: FORMAT_VERSION, words: [...this.words], counts: [...this.counts] };
    }

    static fromJSON(json: unknown): Vocabulary {
        const bad = (why: string) => new FlowError(`not a vocabulary: ${why}`, 'bad-checkpoint');
        if (typeof json !== 'object' || json === null) throw bad('expected an object');
        const { format, version, words, counts } = json as Partial<VocabularyJSON>;
        if (format !== FORMAT) throw bad(`format is ${JSON.stringify(format)}, expected "${FORMAT}"`);
        if (version !== FORMAT_VERSION) throw bad(`version ${version} is not ${FORMAT_VERSION} (written by another Flow Studio version)`);
        if (!Array.isArray(words) || !words.every(w => typeof w === 'string')) throw bad('"words" must be an array of strings');
        if (!Array.isArray(counts) || counts.length !== words.length || !counts.every(c => Number.isInteger(c) && c >= 0)) {
            throw bad('"counts" must hold a non-negative integer for each word');
        }
        if (SPECIAL_TOKENS.some((t, i) => words[i] !== t)) throw bad(`the first words must be ${SPECIAL_TOKENS.join(', ')}`);
        if (new Set(words).size !== words.length) throw bad('a word appears twice');
        return new Vocabulary(words, counts);
    }

    /** These words with their counts, in this order, after the special tokens. */
    static fromCounts(counted: readonly WordFrequency[]): Vocabulary {
        return new Vocabulary([...SPECIAL_TOKENS, ...counted.map(c => c.word)], [...SPECIAL_TOKENS.map(() => 0), ...counted.map(c => c.count)]);
    }
}

/**
 * The vocabulary of `captions`: every word occurring at least `minCount` times (rarer words
 * will encode as `<unk>`), most frequent first, ties alphabetically so the ids are the same for
 * the same captions in any order.
 */
export function buildVocabulary(captions: Iterable<string>, options: { minCount?: number } = {}): Vocabulary {
    const minCount = options.minCount ?? 1;
    if (!Number.isInteger(minCount) || minCount < 1) throw new FlowError(`minCount must be a positive integer, got ${minCount}`);
    const counts = new Map<string, number>();
    for (const caption of captions) {
        for (const word of splitWords(caption)) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    const counted = [...counts]
        .filter(([, count]) => count >= minCount)
        .map(([word, count]) => ({ word, count }))
        .sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
    return Vocabulary.fromCounts(counted);
}
