/** DCGANGenerator: a fresh, seeded-initialized DCGAN generator (class-conditional when `classes` > 0). */
import { buildGenerator } from '../../engine/src/models/dcgan.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';

export const node = defineNode(schema, {
    async run(_ctx, _inputs, params) {
        const latentDim = params.latentDim;
        const imageSize = params.imageSize;
        const channels = params.channels;
        const classes = params.classes;
        const model = buildGenerator({ latentDim, imageSize, channels, filters: params.filters, classes });
        return { generator: { kind: 'GENERATOR', model, latentDim, imageSize, channels, classes } };
    },
});
