import { defineSchema } from '../../catalog/src/define.js';

export const schema = defineSchema({
    name: 'SaveGenerator',
    category: 'output',
    description: 'Saves a generator in TensorFlow.js layers format (model.json + weights) under the output folder.',
    inputs: [{ name: 'generator', type: 'GENERATOR', description: 'The generator to save.' }],
    params: [{ name: 'path', type: 'STRING', withinOutput: true, description: 'Folder name, relative to the output folder.' }],
    outputs: [],
    isOutput: true,
    version: 1,
});
