/**
 * The preview grids training and sampling nodes show while they run: a grid of images (in
 * [0, 1]), doubled when small so a thumbnail stays legible, written as a PNG into the run's
 * temporary folder and announced with a `preview` event.
 */
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { toRawImages } from '../../engine/src/nodes/common.js';
import type { NodeContext } from '../../engine/src/nodes/types.js';
import { writeFileAtomic } from '../../engine/src/util/fs-atomic.js';
import { encodePng } from '../../engine/src/util/png.js';
import { makeGrid } from '../image-grid/run.js';

/** Images no larger than this are shown at twice their size. */
const SMALL = 32;

export async function emitPreviewGrid(ctx: NodeContext, images: tf.Tensor4D, step: number, columns: number): Promise<void> {
    const grid = tf.tidy(() => {
        const sheet = makeGrid(images, columns, 2);
        return images.shape[1] <= SMALL ? tf.image.resizeNearestNeighbor(sheet, [sheet.shape[1] * 2, sheet.shape[2] * 2]) as tf.Tensor4D : sheet;
    });
    try {
        const [raw] = await toRawImages(grid);
        const file = path.join(ctx.tempDir, `${ctx.node.id.replace(/[^\w.-]+/g, '_')}-preview-${String(step).padStart(6, '0')}.png`);
        writeFileAtomic(file, encodePng(raw));
        ctx.preview({ path: file, step, width: raw.width, height: raw.height });
    } finally {
        grid.dispose();
    }
}
