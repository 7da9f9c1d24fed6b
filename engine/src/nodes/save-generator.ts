/** SaveGenerator: writes a generator as model.json + weights.bin under the output folder. */
import * as path from 'node:path';
import { saveModelToDir, MODEL_FILE, WEIGHTS_FILE } from '../models/io.js';
import { strArg } from './args.js';
import { generatorInput } from './common.js';
import { confinedPath } from './output-paths.js';
import type { NodeImpl } from './types.js';

export const SaveGenerator: NodeImpl = {
    type: 'SaveGenerator',
    fingerprint: place => place.outputDir,
    async run(ctx, inputs, params) {
        const generator = generatorInput(inputs);
        const dir = confinedPath(ctx.outputDir, strArg(params, 'path'), 'SaveGenerator path');
        const { latentDim, imageSize, channels, classes } = generator;
        await saveModelToDir(generator.model, dir, { flowstudio: { kind: 'GENERATOR', latentDim, imageSize, channels, classes } });
        ctx.wrote(path.join(dir, MODEL_FILE));
        ctx.wrote(path.join(dir, WEIGHTS_FILE));
        return {};
    },
};
