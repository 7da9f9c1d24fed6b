/**
 * The comparison grid of a sweep (an "XY plot"): one cell per combination of the swept values,
 * rows for the first axis and columns for the second, with the values written beside the rows
 * and above the columns in the built-in bitmap font, and an optional title line. Small images
 * are enlarged by a whole factor (nearest neighbour) so that labels fit and pixels stay exact.
 * Pure: raw images in, a raw image and where everything went out.
 */
import type { RawImage } from '../util/png.js';
import { ADVANCE, drawable, drawText, ellipsize, fillRect, LINE_HEIGHT, textWidth, wrapText, type Rgb } from './bitmap-font.js';

export interface XYGridSpec {
    /** One line above everything (workflow, and the values of extra axes). */
    title?: string;
    /** What the rows and columns vary, e.g. `sampler.cfg` (written in the corner). */
    rowAxis?: string;
    columnAxis?: string;
    rowLabels: string[];
    columnLabels: string[];
    /** cells[row][column]: the images of that combination (several are tiled; none: an empty cell). */
    cells: RawImage[][][];
}

export interface Rect { x: number; y: number; width: number; height: number }

export interface XYGridLayout {
    /** Where each cell's images start, and by how much they were enlarged: cells[row][column]. */
    cells: Array<Array<Rect & { scale: number }>>;
    /** The band of column labels (above the cells) and of row labels (left of them). */
    columnBand: Rect;
    rowBand: Rect;
    titleBand?: Rect;
}

export interface XYGrid { image: RawImage; layout: XYGridLayout }

const BACKGROUND: Rgb = [255, 255, 255];
const INK: Rgb = [24, 24, 24];
const FAINT: Rgb = [120, 120, 120];
const EMPTY: Rgb = [232, 232, 232];
const MARGIN = 8;
const GAP = 16;
const PAD = 4;
/** Cells smaller than this are enlarged (by a whole factor, at most MAX_ENLARGE). */
const MIN_CELL = 128;
const MAX_ENLARGE = 8;
const FONT_SCALE = 2;
const COLUMN_LABEL_LINES = 4;
const ROW_LABEL_CHARS = 18;

export function composeXYGrid(spec: XYGridSpec): XYGrid {
    const rows = spec.rowLabels.length;
    const columns = spec.columnLabels.length;
    if (rows === 0 || columns === 0 || spec.cells.length !== rows || spec.cells.some(r => r.length !== columns)) {
        throw new Error(`an XY grid needs ${rows} x ${columns} cells`);
    }
    // Each cell tiles its images; every cell gets the size of the largest.
    const tiles = spec.cells.map(r => r.map(images => tileLayout(images)));
    const natural = { width: 1, height: 1 };
    for (const t of tiles.flat()) {
        natural.width = Math.max(natural.width, t.width);
        natural.height = Math.max(natural.height, t.height);
    }
    const scale = Math.min(MAX_ENLARGE, Math.max(1, Math.ceil(MIN_CELL / Math.max(natural.width, natural.height))));
    const cellW = natural.width * scale;
    const cellH = natural.height * scale;

    const fs = FONT_SCALE;
    const lineH = LINE_HEIGHT * fs;
    const charW = ADVANCE * fs;
    const columnChars = Math.max(1, Math.floor(cellW / charW));
    const columnLines = spec.columnLabels.map(l => wrapText(l, columnChars, COLUMN_LABEL_LINES));
    const rowChars = Math.min(ROW_LABEL_CHARS, Math.max(...spec.rowLabels.map(l => drawable(l).length), cornerText(spec).reduce((m, l) => Math.max(m, l.length), 0), 4));
    const rowLines = spec.rowLabels.map(l => wrapText(l, rowChars, Math.max(1, Math.floor((cellH - PAD) / lineH))));
    const corner = cornerText(spec).map(l => ellipsize2(l, rowChars));

    const rowBandW = textWidth('x'.repeat(rowChars), fs) + 2 * PAD;
    const columnBandH = Math.max(Math.max(...columnLines.map(l => l.length)), corner.length) * lineH + 2 * PAD;
    const titleLines = spec.title ? wrapText(spec.title, Math.floor((rowBandW + columns * (cellW + GAP)) / charW), 2) : [];
    const titleH = titleLines.length ? titleLines.length * lineH + PAD : 0;

    const width = MARGIN * 2 + rowBandW + GAP + columns * cellW + (columns - 1) * GAP;
    const height = MARGIN * 2 + titleH + columnBandH + GAP + rows * cellH + (rows - 1) * GAP;
    const image: RawImage = { width, height, channels: 3, data: new Uint8Array(width * height * 3).fill(BACKGROUND[0]) };

    const top = MARGIN + titleH;
    titleLines.forEach((line, i) => drawText(image, line, MARGIN, MARGIN + i * lineH, fs, INK));
    corner.forEach((line, i) => drawText(image, line, MARGIN + PAD, top + PAD + i * lineH, fs, FAINT));
    const cellsX = MARGIN + rowBandW + GAP;
    const cellsY = top + columnBandH + GAP;
    columnLines.forEach((lines, c) => lines.forEach((line, i) =>
        drawText(image, line, cellsX + c * (cellW + GAP), top + PAD + i * lineH, fs, INK)));
    rowLines.forEach((lines, r) => lines.forEach((line, i) =>
        drawText(image, line, MARGIN + PAD, cellsY + r * (cellH + GAP) + PAD + i * lineH, fs, INK)));

    const cells: XYGridLayout['cells'] = [];
    for (let r = 0; r < rows; r++) {
        cells.push([]);
        for (let c = 0; c < columns; c++) {
            const x = cellsX + c * (cellW + GAP);
            const y = cellsY + r * (cellH + GAP);
            const images = spec.cells[r][c];
            if (images.length === 0) {
                fillRect(image, x, y, cellW, cellH, EMPTY);
                drawText(image, 'no image', x + PAD, y + PAD, 1, FAINT);
            }
            const t = tiles[r][c];
            images.forEach((img, i) => blit(image, img, x + t.positions[i].x * scale, y + t.positions[i].y * scale, scale));
            cells[r].push({ x, y, width: cellW, height: cellH, scale });
        }
    }
    return {
        image,
        layout: {
            cells,
            columnBand: { x: cellsX, y: top, width: columns * cellW + (columns - 1) * GAP, height: columnBandH },
            rowBand: { x: MARGIN, y: cellsY, width: rowBandW, height: rows * cellH + (rows - 1) * GAP },
            ...(titleH ? { titleBand: { x: MARGIN, y: MARGIN, width: width - 2 * MARGIN, height: titleH } } : {}),
        },
    };
}

/** The corner names the axes: `Y: sampler.cfg` (rows) and `X: pos.text` (columns). */
function cornerText(spec: XYGridSpec): string[] {
    return [
        ...(spec.rowAxis ? [`Y: ${drawable(spec.rowAxis)}`] : []),
        ...(spec.columnAxis ? [`X: ${drawable(spec.columnAxis)}`] : []),
    ];
}

function ellipsize2(text: string, maxChars: number): string {
    return text.length <= maxChars ? text : ellipsize(text, maxChars);
}

/** Several images of one combination (a batch) tile a near-square block, 2 pixels apart. */
function tileLayout(images: RawImage[]): { width: number; height: number; positions: Array<{ x: number; y: number }> } {
    if (images.length === 0) return { width: 1, height: 1, positions: [] };
    const cols = Math.ceil(Math.sqrt(images.length));
    const tileW = Math.max(...images.map(i => i.width));
    const tileH = Math.max(...images.map(i => i.height));
    const positions = images.map((_, i) => ({ x: (i % cols) * (tileW + 2), y: Math.floor(i / cols) * (tileH + 2) }));
    const rowsUsed = Math.ceil(images.length / cols);
    return { width: cols * tileW + (cols - 1) * 2, height: rowsUsed * tileH + (rowsUsed - 1) * 2, positions };
}

/** Copies `src` (gray or RGB) with each pixel as a `scale` x `scale` square. */
function blit(dst: RawImage, src: RawImage, x: number, y: number, scale: number): void {
    for (let sy = 0; sy < src.height; sy++) {
        for (let sx = 0; sx < src.width; sx++) {
            const p = (sy * src.width + sx) * src.channels;
            const color: Rgb = src.channels === 3 ? [src.data[p], src.data[p + 1], src.data[p + 2]] : [src.data[p], src.data[p], src.data[p]];
            fillRect(dst, x + sx * scale, y + sy * scale, scale, scale, color);
        }
    }
}
