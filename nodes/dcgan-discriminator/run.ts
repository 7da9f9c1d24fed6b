/** DCGANDiscriminator: a fresh, seeded-initialized DCGAN discriminator (class-conditional when `classes` > 0). */
import { buildDiscriminator } from '../../engine/src/models/dcgan.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';

export const node = defineNode(schema, {
    async run(_ctx, _inputs, params) {
        const imageSize = params.imageSize;
        const channels = params.channels;
        const classes = params.classes;
        const model = buildDiscriminator({ imageSize, channels, filters: params.filters, classes });
        return { discriminator: { kind: 'DISCRIMINATOR', model, imageSize, channels, classes } };
    },
});
