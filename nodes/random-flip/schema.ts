import { defineSchema } from '../../catalog/src/define.js';
import { datasetIn, datasetOut } from '../shared/dataset-ports.js';

export const schema = defineSchema({
    name: 'RandomFlip',
    category: 'preprocess',
    description: 'Mirrors a random half of the images horizontally (data augmentation); deterministic for a seed.',
    inputs: [datasetIn],
    params: [{ name: 'seed', type: 'INT', min: 0, default: 0, description: 'Random seed.' }],
    outputs: [datasetOut],
    version: 2,
});
