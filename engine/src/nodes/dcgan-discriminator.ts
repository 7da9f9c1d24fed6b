/** DCGANDiscriminator: a fresh, seeded-initialized DCGAN discriminator (class-conditional when `classes` > 0). */
import { buildDiscriminator } from '../models/dcgan.js';
import { intArg } from './args.js';
import type { NodeImpl } from './types.js';

export const DCGANDiscriminator: NodeImpl = {
    type: 'DCGANDiscriminator',
    async run(_ctx, _inputs, params) {
        const imageSize = intArg(params, 'imageSize');
        const channels = intArg(params, 'channels');
        const classes = intArg(params, 'classes');
        const model = buildDiscriminator({ imageSize, channels, filters: intArg(params, 'filters'), classes });
        return { discriminator: { kind: 'DISCRIMINATOR', model, imageSize, channels, classes } };
    },
};
