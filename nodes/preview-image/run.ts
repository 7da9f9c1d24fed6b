/** PreviewImage: temporary PNGs announced by `image` events; nothing goes to the output folder. */
import * as path from 'node:path';
import { encodePng } from '../../engine/src/util/png.js';
import { writeFileAtomic } from '../../engine/src/util/fs-atomic.js';
import { toRawImages } from '../../engine/src/nodes/common.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';

export const node = defineNode(schema, {
    async run(ctx, inputs) {
        const { images } = inputs.images;
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
});
