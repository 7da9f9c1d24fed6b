/**
 * Saves a sweep's comparison grids: the images each combination reported (saved ones, else
 * previews), composed by engine/src/image/xy-grid.ts with the swept values as row and column
 * labels, written as numbered PNGs under `<output folder>/sweeps/` (atomic, never overwriting,
 * never outside the output folder) with the .flow source (`workflow`) and the sweep's
 * description (`sweep`: axes, values, the cells' files and where they are in the image).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunPlace } from '../../../catalog/src/executor.js';
import type { ImageEvent, SweepGridInfo } from '../../../catalog/src/run-events.js';
import { composeXYGrid } from '../../../engine/src/image/xy-grid.js';
import { confinedPath, nextCounter, numberedName } from '../../../engine/src/nodes/output-paths.js';
import { writeNewFile } from '../../../engine/src/util/fs-atomic.js';
import { decodePng, encodePng, type RawImage } from '../../../engine/src/util/png.js';
import type { ArgValues } from './set-values.js';

/** Where grids go, relative to the run's output folder. */
export const SWEEP_PREFIX = 'sweeps/sweep';
/** A single axis with more values than this is one column (labels beside), not one row. */
export const MAX_SINGLE_ROW = 6;

export interface CombinationImages {
    /** The value index of each axis. */
    picks: number[];
    images: ImageEvent[];
}

export interface SavedGrid { path: string; width: number; height: number; info: SweepGridInfo }

export interface SweepGridRequest extends RunPlace {
    flowSource: string;
    axes: ArgValues[];
    combinations: CombinationImages[];
}

export async function saveSweepGrids(request: SweepGridRequest): Promise<SavedGrid[]> {
    const { axes } = request;
    // One axis: a strip of a few values, or a column of many (a long row would be unreadably wide).
    const single = axes.length === 1;
    const rowsAxis = !single || axes[0].values.length > MAX_SINGLE_ROW ? axes[0] : undefined;
    const columnsAxis = single ? (rowsAxis ? undefined : axes[0]) : axes[1];
    const pageAxes = axes.slice(2);
    const target = confinedPath(request.outputDir, SWEEP_PREFIX, 'the sweep grid');
    const dir = path.dirname(target);
    const base = path.basename(target);
    const byPicks = new Map(request.combinations.map(c => [c.picks.join(','), c.images]));
    const saved: SavedGrid[] = [];
    let counter = nextCounter(dir, base, '.png');
    for (const pagePicks of combinationIndices(pageAxes.map(a => a.values.length))) {
        const rowCount = rowsAxis?.values.length ?? 1;
        const columnCount = columnsAxis?.values.length ?? 1;
        const files: string[][][] = [];
        const cells: RawImage[][][] = [];
        for (let r = 0; r < rowCount; r++) {
            files.push([]);
            cells.push([]);
            for (let c = 0; c < columnCount; c++) {
                const picks = [...(rowsAxis ? [r] : []), ...(columnsAxis ? [c] : []), ...pagePicks];
                const images = cellImages(byPicks.get(picks.join(',')) ?? []);
                files[r].push(images.map(i => i.path));
                cells[r].push(images.map(i => readRgb(i.path)));
            }
        }
        const page = pageAxes.map((a, k) => `${a.arg}=${a.labels[pagePicks[k]]}`).join(', ');
        const title = `${request.workflow}${page ? ` | ${page}` : ''}`;
        const grid = composeXYGrid({
            title,
            ...(rowsAxis ? { rowAxis: axisName(rowsAxis) } : {}),
            ...(columnsAxis ? { columnAxis: axisName(columnsAxis) } : {}),
            rowLabels: rowsAxis ? rowsAxis.labels.map(l => `${rowsAxis.arg}=${l}`) : [''],
            columnLabels: columnsAxis ? columnsAxis.labels.map(l => `${columnsAxis.arg}=${l}`) : [''],
            cells,
        });
        const info: SweepGridInfo = {
            ...(rowsAxis ? { rows: axisName(rowsAxis) } : {}), ...(columnsAxis ? { columns: axisName(columnsAxis) } : {}),
            rowCount, columnCount, ...(page ? { page } : {}),
        };
        const description = {
            workflow: request.workflow, file: path.basename(request.flowFile),
            axes: axes.map(a => ({ node: a.node, arg: a.arg, values: a.labels })), ...info,
            cells: files.map(row => row.map(list => list.map(f => path.relative(request.outputDir, f).split(path.sep).join('/')))),
            layout: grid.layout,
        };
        const png = encodePng(grid.image, { workflow: request.flowSource, sweep: JSON.stringify(description) });
        const { file, n } = writeNewFile(dir, k => numberedName(base, k, '.png'), counter, png);
        counter = n + 1;
        saved.push({ path: file, width: grid.image.width, height: grid.image.height, info });
    }
    return saved;
}

/** Every combination of the axes' value indices, the last axis varying fastest. */
export function combinationIndices(sizes: readonly number[]): number[][] {
    let out: number[][] = [[]];
    for (const size of sizes) out = out.flatMap(prefix => Array.from({ length: size }, (_, i) => [...prefix, i]));
    return out;
}

function axisName(axis: ArgValues): string {
    return `${axis.node}.${axis.arg}`;
}

/** A combination's cell shows what it saved; with nothing saved, what it previewed. */
function cellImages(images: ImageEvent[]): ImageEvent[] {
    const saved = images.filter(i => i.saved && !i.grid);
    return saved.length ? saved : images.filter(i => !i.grid);
}

function readRgb(file: string): RawImage {
    const { width, height, rgba } = decodePng(fs.readFileSync(file));
    const data = new Uint8Array(width * height * 3);
    for (let i = 0, p = 0; i < width * height; i++, p += 4) {
        data[i * 3] = rgba[p];
        data[i * 3 + 1] = rgba[p + 1];
        data[i * 3 + 2] = rgba[p + 2];
    }
    return { width, height, channels: 3, data };
}
