/**
 * A checkpoint's text-encoder vocabulary from its header (`clip.config.vocabulary`: words by id,
 * the special tokens first, with their counts in the training captions) and its example
 * captions (`metadata.exampleCaptions`). Read defensively: a header this server cannot make
 * sense of gives no vocabulary (so no prompt warnings), never an exception.
 */
import type { CheckpointInfo } from '../../../../checkpoints/src/metadata.js';
import { PromptVocabulary, type WordCount } from './prompt-vocabulary.js';

/** `<pad>`, `<unk>`, `<bos>`, `<eos>`: never words of a prompt. */
const SPECIAL = /^<\w+>$/;

export function vocabularyOfCheckpoint(info: CheckpointInfo, file: string, name: string): PromptVocabulary | undefined {
    const vocabulary = (info.parts.clip?.config as { vocabulary?: { words?: unknown; counts?: unknown } } | undefined)?.vocabulary;
    const words = vocabulary?.words, counts = vocabulary?.counts;
    if (!Array.isArray(words) || !Array.isArray(counts) || words.length !== counts.length) return undefined;
    const known: WordCount[] = [];
    words.forEach((word, i) => {
        const count = counts[i];
        if (typeof word === 'string' && !SPECIAL.test(word) && typeof count === 'number') known.push({ word, count });
    });
    known.sort((a, b) => b.count - a.count);
    const examples = Array.isArray(info.metadata?.exampleCaptions) ? info.metadata.exampleCaptions.filter((c): c is string => typeof c === 'string') : [];
    return new PromptVocabulary(`checkpoint:${file}`, `checkpoint '${name}'`, known, examples);
}
