/** DCGANGenerator: a fresh, seeded-initialized DCGAN generator (class-conditional when `classes` > 0). */
import { buildGenerator } from '../models/dcgan.js';
import { intArg } from './args.js';
import type { NodeImpl } from './types.js';

export const DCGANGenerator: NodeImpl = {
    type: 'DCGANGenerator',
    async run(_ctx, _inputs, params) {
        const latentDim = intArg(params, 'latentDim');
        const imageSize = intArg(params, 'imageSize');
        const channels = intArg(params, 'channels');
        const classes = intArg(params, 'classes');
        const model = buildGenerator({ latentDim, imageSize, channels, filters: intArg(params, 'filters'), classes });
        return { generator: { kind: 'GENERATOR', model, latentDim, imageSize, channels, classes } };
    },
};
