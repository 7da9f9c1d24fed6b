import { defineSchema } from '../../catalog/src/define.js';
import { datasetIn, sizedOut } from '../shared/dataset-ports.js';

export const schema = defineSchema({
    name: 'Resize',
    category: 'preprocess',
    description: 'Resizes every image of a dataset.',
    inputs: [datasetIn],
    params: [
        { name: 'width', type: 'INT', min: 1, max: 4096, description: 'Target width in pixels.' },
        { name: 'height', type: 'INT', min: 1, max: 4096, description: 'Target height in pixels.' },
        { name: 'mode', type: 'STRING', choices: ['bilinear', 'nearest'], default: 'bilinear', description: 'Interpolation.' },
    ],
    outputs: [sizedOut],
    version: 2,
});
