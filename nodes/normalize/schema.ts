import { defineSchema } from '../../catalog/src/define.js';
import { datasetIn, datasetOut } from '../shared/dataset-ports.js';

export const schema = defineSchema({
    name: 'Normalize',
    category: 'preprocess',
    description: 'Maps pixel values from [0, 1] linearly to [low, high] (GANs with tanh outputs want [-1, 1]).',
    inputs: [datasetIn],
    params: [
        { name: 'low', type: 'FLOAT', default: -1, description: 'Value that black maps to.' },
        { name: 'high', type: 'FLOAT', default: 1, description: 'Value that white maps to.' },
    ],
    outputs: [datasetOut],
    version: 2,
});
