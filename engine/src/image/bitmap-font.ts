/**
 * A 5x7 bitmap font (plus a descender row) for ASCII 32..126, drawn into raw RGB images: labels of sweep grids must
 * not depend on fonts installed on the machine (there are none on CI, in containers). Each
 * glyph is eight rows of five pixels, `#` on and `.` off, written out so it can be read and fixed.
 * Characters outside ASCII lose their accents (é → e); what is left draws as `?`.
 */
import type { RawImage } from '../util/png.js';

export const GLYPH_WIDTH = 5;
/** Seven rows above the baseline and one for descenders (g, j, p, q, y). */
export const GLYPH_HEIGHT = 8;
/** Horizontal distance between glyph origins, in font pixels. */
export const ADVANCE = GLYPH_WIDTH + 1;
/** Vertical distance between lines, in font pixels. */
export const LINE_HEIGHT = GLYPH_HEIGHT + 2;

const GLYPHS: Record<string, string> = {
    ' ': '..... ..... ..... ..... ..... ..... ..... .....',
    '!': '..#.. ..#.. ..#.. ..#.. ..#.. ..... ..#.. .....',
    '"': '.#.#. .#.#. ..... ..... ..... ..... ..... .....',
    '#': '.#.#. .#.#. ##### .#.#. ##### .#.#. .#.#. .....',
    '$': '..#.. .#### #.#.. .###. ..#.# ####. ..#.. .....',
    '%': '##... ##..# ...#. ..#.. .#... #..## ...## .....',
    '&': '.##.. #..#. #.#.. .#... #.#.# #..#. .##.# .....',
    "'": '..#.. ..#.. .#... ..... ..... ..... ..... .....',
    '(': '...#. ..#.. .#... .#... .#... ..#.. ...#. .....',
    ')': '.#... ..#.. ...#. ...#. ...#. ..#.. .#... .....',
    '*': '..... ..#.. #.#.# .###. #.#.# ..#.. ..... .....',
    '+': '..... ..#.. ..#.. ##### ..#.. ..#.. ..... .....',
    ',': '..... ..... ..... ..... .##.. ..#.. .#... .....',
    '-': '..... ..... ..... ##### ..... ..... ..... .....',
    '.': '..... ..... ..... ..... ..... .##.. .##.. .....',
    '/': '..... ....# ...#. ..#.. .#... #.... ..... .....',
    '0': '.###. #...# #..## #.#.# ##..# #...# .###. .....',
    '1': '..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###. .....',
    '2': '.###. #...# ....# ...#. ..#.. .#... ##### .....',
    '3': '##### ...#. ..#.. ...#. ....# #...# .###. .....',
    '4': '...#. ..##. .#.#. #..#. ##### ...#. ...#. .....',
    '5': '##### #.... ####. ....# ....# #...# .###. .....',
    '6': '..##. .#... #.... ####. #...# #...# .###. .....',
    '7': '##### ....# ...#. ..#.. .#... .#... .#... .....',
    '8': '.###. #...# #...# .###. #...# #...# .###. .....',
    '9': '.###. #...# #...# .#### ....# ...#. .##.. .....',
    ':': '..... .##.. .##.. ..... .##.. .##.. ..... .....',
    ';': '..... .##.. .##.. ..... .##.. ..#.. .#... .....',
    '<': '...#. ..#.. .#... #.... .#... ..#.. ...#. .....',
    '=': '..... ..... ##### ..... ##### ..... ..... .....',
    '>': '.#... ..#.. ...#. ....# ...#. ..#.. .#... .....',
    '?': '.###. #...# ....# ...#. ..#.. ..... ..#.. .....',
    '@': '.###. #...# ....# .##.# #.#.# #.#.# .###. .....',
    'A': '.###. #...# #...# ##### #...# #...# #...# .....',
    'B': '####. #...# #...# ####. #...# #...# ####. .....',
    'C': '.###. #...# #.... #.... #.... #...# .###. .....',
    'D': '###.. #..#. #...# #...# #...# #..#. ###.. .....',
    'E': '##### #.... #.... ####. #.... #.... ##### .....',
    'F': '##### #.... #.... ####. #.... #.... #.... .....',
    'G': '.###. #...# #.... #.### #...# #...# .#### .....',
    'H': '#...# #...# #...# ##### #...# #...# #...# .....',
    'I': '.###. ..#.. ..#.. ..#.. ..#.. ..#.. .###. .....',
    'J': '..### ...#. ...#. ...#. ...#. #..#. .##.. .....',
    'K': '#...# #..#. #.#.. ##... #.#.. #..#. #...# .....',
    'L': '#.... #.... #.... #.... #.... #.... ##### .....',
    'M': '#...# ##.## #.#.# #.#.# #...# #...# #...# .....',
    'N': '#...# #...# ##..# #.#.# #..## #...# #...# .....',
    'O': '.###. #...# #...# #...# #...# #...# .###. .....',
    'P': '####. #...# #...# ####. #.... #.... #.... .....',
    'Q': '.###. #...# #...# #...# #.#.# #..#. .##.# .....',
    'R': '####. #...# #...# ####. #.#.. #..#. #...# .....',
    'S': '.#### #.... #.... .###. ....# ....# ####. .....',
    'T': '##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#.. .....',
    'U': '#...# #...# #...# #...# #...# #...# .###. .....',
    'V': '#...# #...# #...# #...# #...# .#.#. ..#.. .....',
    'W': '#...# #...# #...# #.#.# #.#.# #.#.# .#.#. .....',
    'X': '#...# #...# .#.#. ..#.. .#.#. #...# #...# .....',
    'Y': '#...# #...# .#.#. ..#.. ..#.. ..#.. ..#.. .....',
    'Z': '##### ....# ...#. ..#.. .#... #.... ##### .....',
    '[': '.###. .#... .#... .#... .#... .#... .###. .....',
    '\\': '..... #.... .#... ..#.. ...#. ....# ..... .....',
    ']': '.###. ...#. ...#. ...#. ...#. ...#. .###. .....',
    '^': '..#.. .#.#. #...# ..... ..... ..... ..... .....',
    '_': '..... ..... ..... ..... ..... ..... ##### .....',
    '`': '.#... ..#.. ..... ..... ..... ..... ..... .....',
    'a': '..... ..... .###. ....# .#### #...# .#### .....',
    'b': '#.... #.... #.##. ##..# #...# #...# ####. .....',
    'c': '..... ..... .###. #.... #.... #...# .###. .....',
    'd': '....# ....# .##.# #..## #...# #...# .#### .....',
    'e': '..... ..... .###. #...# ##### #.... .###. .....',
    'f': '..##. .#..# .#... ###.. .#... .#... .#... .....',
    'g': '..... ..... .#### #...# #...# .#### ....# .###.',
    'h': '#.... #.... #.##. ##..# #...# #...# #...# .....',
    'i': '..#.. ..... .##.. ..#.. ..#.. ..#.. .###. .....',
    'j': '...#. ..... ..##. ...#. ...#. ...#. #..#. .##..',
    'k': '#.... #.... #..#. #.#.. ##... #.#.. #..#. .....',
    'l': '.##.. ..#.. ..#.. ..#.. ..#.. ..#.. .###. .....',
    'm': '..... ..... ##.#. #.#.# #.#.# #...# #...# .....',
    'n': '..... ..... #.##. ##..# #...# #...# #...# .....',
    'o': '..... ..... .###. #...# #...# #...# .###. .....',
    'p': '..... ..... ####. #...# #...# ####. #.... #....',
    'q': '..... ..... .#### #...# #...# .#### ....# ....#',
    'r': '..... ..... #.##. ##..# #.... #.... #.... .....',
    's': '..... ..... .###. #.... .###. ....# ####. .....',
    't': '.#... .#... ###.. .#... .#... .#..# ..##. .....',
    'u': '..... ..... #...# #...# #...# #..## .##.# .....',
    'v': '..... ..... #...# #...# #...# .#.#. ..#.. .....',
    'w': '..... ..... #...# #...# #.#.# #.#.# .#.#. .....',
    'x': '..... ..... #...# .#.#. ..#.. .#.#. #...# .....',
    'y': '..... ..... #...# #...# #...# .#### ....# .###.',
    'z': '..... ..... ##### ...#. ..#.. .#... ##### .....',
    '{': '...#. ..#.. ..#.. .#... ..#.. ..#.. ...#. .....',
    '|': '..#.. ..#.. ..#.. ..#.. ..#.. ..#.. ..#.. .....',
    '}': '.#... ..#.. ..#.. ...#. ..#.. ..#.. .#... .....',
    '~': '..... ..... .#... #.#.# ...#. ..... ..... .....',
};

/** Each glyph as 8 row bitmasks (bit 4 = leftmost pixel). */
const BITMAPS = new Map<string, number[]>(Object.entries(GLYPHS).map(([ch, rows]) => [ch, rows.split(' ').map(row =>
    [...row].reduce((bits, px) => (bits << 1) | (px === '#' ? 1 : 0), 0))]));

/** The rows of `ch`'s glyph (bit 4 = leftmost pixel); characters without one get `?`'s. */
export function glyphRows(ch: string): readonly number[] {
    return BITMAPS.get(ch) ?? BITMAPS.get('?')!;
}

/** Text the font can draw: accents dropped, line breaks and tabs as spaces, other characters as `?`. */
export function drawable(text: string): string {
    return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[\t\r\n]+/g, ' ')
        .replace(/[^\x20-\x7e]/gu, '?');
}

/** Width in image pixels of one line of `text` at `scale`. */
export function textWidth(text: string, scale: number): number {
    return text.length === 0 ? 0 : (text.length * ADVANCE - 1) * scale;
}

export type Rgb = readonly [number, number, number];

/**
 * Draws one line of `text` (already `drawable`) with its top-left corner at (x, y), each font
 * pixel a `scale` x `scale` square; whatever falls outside the image is clipped.
 */
export function drawText(image: RawImage, text: string, x: number, y: number, scale: number, color: Rgb): void {
    if (image.channels !== 3) throw new Error('drawText draws on RGB images');
    for (let i = 0; i < text.length; i++) {
        const rows = glyphRows(text[i]);
        const gx = x + i * ADVANCE * scale;
        for (let r = 0; r < GLYPH_HEIGHT; r++) {
            for (let c = 0; c < GLYPH_WIDTH; c++) {
                if (!(rows[r] & (1 << (GLYPH_WIDTH - 1 - c)))) continue;
                fillRect(image, gx + c * scale, y + r * scale, scale, scale, color);
            }
        }
    }
}

/** Fills a rectangle, clipped to the image. */
export function fillRect(image: RawImage, x: number, y: number, width: number, height: number, color: Rgb): void {
    const x0 = Math.max(0, x), y0 = Math.max(0, y);
    const x1 = Math.min(image.width, x + width), y1 = Math.min(image.height, y + height);
    for (let yy = y0; yy < y1; yy++) {
        for (let xx = x0; xx < x1; xx++) {
            const p = (yy * image.width + xx) * 3;
            image.data[p] = color[0];
            image.data[p + 1] = color[1];
            image.data[p + 2] = color[2];
        }
    }
}

/**
 * Breaks `text` into at most `maxLines` lines of at most `maxChars` characters: at spaces
 * where it can, inside a word longer than a line; text that does not fit ends in `...`.
 */
export function wrapText(text: string, maxChars: number, maxLines: number): string[] {
    const width = Math.max(1, Math.floor(maxChars));
    const words = drawable(text).split(' ').filter(Boolean);
    const lines: string[] = [];
    let line = '';
    for (let word of words) {
        while (word.length > 0) {
            const room = line ? width - line.length - 1 : width;
            if (word.length <= room) {
                line = line ? `${line} ${word}` : word;
                word = '';
            } else if (!line || word.length > width) {
                // A word longer than a line is cut where the line ends.
                const cut = Math.max(room, 0);
                if (cut > 0) line = line ? `${line} ${word.slice(0, cut)}` : word.slice(0, cut);
                lines.push(line);
                line = '';
                word = word.slice(cut);
            } else {
                lines.push(line);
                line = '';
            }
        }
    }
    if (line) lines.push(line);
    if (lines.length <= maxLines) return lines;
    const kept = lines.slice(0, Math.max(1, maxLines));
    return [...kept.slice(0, -1), ellipsize(kept[kept.length - 1], width)];
}

/** `text` cut to `maxChars` with `...` at its end (it was longer, or more followed). */
export function ellipsize(text: string, maxChars: number): string {
    const room = Math.max(0, maxChars - 3);
    return `${text.slice(0, room).trimEnd()}...`.slice(0, Math.max(maxChars, 1));
}
