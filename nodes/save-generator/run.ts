/** SaveGenerator: writes a generator as model.json + weights.bin under the output folder. */
import * as path from 'node:path';
import { saveModelToDir, MODEL_FILE, WEIGHTS_FILE } from '../../engine/src/models/io.js';
import { confinedPath } from '../../engine/src/nodes/output-paths.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';

export const node = defineNode(schema, {
    async run(ctx, inputs, params) {
        const generator = inputs.generator;
        const dir = confinedPath(ctx.outputDir, params.path, 'SaveGenerator path');
        const { latentDim, imageSize, channels, classes } = generator;
        await saveModelToDir(generator.model, dir, { flowstudio: { kind: 'GENERATOR', latentDim, imageSize, channels, classes } });
        ctx.wrote(path.join(dir, MODEL_FILE));
        ctx.wrote(path.join(dir, WEIGHTS_FILE));
        return {};
    },
});
