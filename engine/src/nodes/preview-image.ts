/** PreviewImage: temporary PNGs announced by `image` events; nothing goes to the output folder. */
import * as path from 'node:path';
import { encodePng } from '../util/png.js';
import { writeFileAtomic } from '../util/fs-atomic.js';
import { imagesInput, toRawImages } from './common.js';
import type { NodeImpl } from './types.js';

export const PreviewImage: NodeImpl = {
    type: 'PreviewImage',
    async run(ctx, inputs) {
        const { images } = imagesInput(inputs);
        const args = ctx.producerArgs('images');
        const stem = ctx.node.id.replace(/[^\w.-]+/g, '_');
        const raws = await toRawImages(images);
        raws.forEach((raw, i) => {
            const file = path.join(ctx.tempDir, `${stem}_${String(i + 1).padStart(5, '0')}.png`);
            writeFileAtomic(file, encodePng(raw));
            ctx.wrote(file);
            ctx.image({ path: file, width: raw.width, height: raw.height, saved: false, ...(args ? { args } : {}) });
        });
        return {};
    },
};
