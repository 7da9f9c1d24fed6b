import { defineSchema } from '../../catalog/src/define.js';
import { datasetIn, sizedOut } from '../shared/dataset-ports.js';

export const schema = defineSchema({
    name: 'CenterCrop',
    category: 'preprocess',
    description: 'Crops the center of every image to width x height (no larger than the image).',
    inputs: [datasetIn],
    params: [
        { name: 'width', type: 'INT', min: 1, max: 4096, description: 'Crop width in pixels.' },
        { name: 'height', type: 'INT', min: 1, max: 4096, description: 'Crop height in pixels.' },
    ],
    outputs: [sizedOut],
    version: 2,
});
