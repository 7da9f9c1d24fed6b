import { defineSchema } from '../../catalog/src/define.js';

export const schema = defineSchema({
    name: 'LoadGenerator',
    category: 'model',
    description: 'Loads a generator saved by SaveGenerator (TensorFlow.js layers format); path relative to the .flow file.',
    inputs: [],
    params: [{ name: 'path', type: 'STRING', description: 'Folder holding model.json, relative to the .flow file.' }],
    outputs: [{ name: 'generator', type: 'GENERATOR', description: 'The loaded generator.' }],
    version: 1,
});
