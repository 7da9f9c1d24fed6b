import { defineSchema } from '../../catalog/src/define.js';

export const schema = defineSchema({
    name: 'SaveImages',
    category: 'output',
    description: 'Saves one PNG per image as <prefix>_00001.png, counting up and never overwriting, under the output folder. Each PNG embeds the .flow source and the resolved arguments.',
    inputs: [{ name: 'images', type: 'IMAGE', description: 'Images to save.' }],
    params: [{ name: 'prefix', type: 'STRING', default: 'flow', withinOutput: true, description: 'File name prefix; may contain sub-folders but never leave the output folder.' }],
    outputs: [],
    isOutput: true,
    version: 1,
});
