/**
 * How LoadMNIST captions its digits. Training sees only TRAINING_TEMPLATES; HELD_OUT_TEMPLATES
 * are phrasings no caption ever uses, so a benchmark can tell a model that understands "seven"
 * from one that memorised whole captions.
 *
 * Placeholders: `{word}` the digit as a word ("seven"), `{a word}` the same with its article
 * ("an eight"), `{digit}` the numeral ("7").
 */

export const DIGIT_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'] as const;

export const TRAINING_TEMPLATES: readonly string[] = [
    'a handwritten {word}',
    'the digit {word}',
    'a handwritten {digit}',
    'a photo of the number {word}',
    'the number {digit}',
    'an image of the digit {digit}',
];

export const HELD_OUT_TEMPLATES: readonly string[] = [
    'a drawing of {a word}',
    'number {word} written by hand',
    'a sketch of the digit {digit}',
    'a picture of a handwritten {word}',
];

/** `template` with its placeholders filled for `digit` (0..9). */
export function fillDigitTemplate(template: string, digit: number): string {
    const word = DIGIT_WORDS[digit];
    const article = word.startsWith('e') ? 'an' : 'a'; // "an eight"; no other digit word starts with a vowel sound
    return template.replaceAll('{a word}', `${article} ${word}`).replaceAll('{word}', word).replaceAll('{digit}', String(digit));
}

/**
 * The training caption of the `index`-th image of class `digit` in the package. It depends on
 * the image, not on where it lands in a dataset, so `limit` and `digits` never re-caption an
 * image; a hash (not `index % n`) keeps consecutive images from cycling through the templates.
 */
export function mnistCaption(digit: number, index: number): string {
    let h = Math.imul((digit * 100_003 + index) ^ 0x9e3779b9, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return fillDigitTemplate(TRAINING_TEMPLATES[(h >>> 0) % TRAINING_TEMPLATES.length], digit);
}
