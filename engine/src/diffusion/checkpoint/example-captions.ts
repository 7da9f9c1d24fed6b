/**
 * The training captions a checkpoint keeps as examples (`metadata.exampleCaptions`): hover on a
 * prompt word shows a few that contain it. Bounded (a dataset's captions can be megabytes),
 * distinct, and chosen word by word first so that rare words get an example too: a caption is
 * taken when it has a word no caption taken so far has; leftover room goes to the next distinct
 * captions in dataset order.
 */
import { splitWords } from '../text/tokenizer.js';

export const MAX_EXAMPLE_CAPTIONS = 256;
export const MAX_EXAMPLE_CAPTION_LENGTH = 200;

export function exampleCaptions(captions: readonly string[], max = MAX_EXAMPLE_CAPTIONS): string[] {
    const distinct = [...new Set(captions.map(c => c.trim()).filter(c => c !== '' && c.length <= MAX_EXAMPLE_CAPTION_LENGTH))];
    const covered = new Set<string>();
    const chosen = new Set<string>();
    for (const caption of distinct) {
        if (chosen.size >= max) break;
        const words = splitWords(caption);
        if (words.some(w => !covered.has(w))) {
            chosen.add(caption);
            words.forEach(w => covered.add(w));
        }
    }
    for (const caption of distinct) {
        if (chosen.size >= max) break;
        chosen.add(caption);
    }
    return distinct.filter(c => chosen.has(c));
}
