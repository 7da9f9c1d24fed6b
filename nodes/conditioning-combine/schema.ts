import { defineSchema } from '../../catalog/src/define.js';

export const schema = defineSchema({
    name: 'ConditioningCombine',
    category: 'sampling',
    description: 'Combines two conditionings (ComfyUI: the lists are concatenated; KSampler averages their predictions by strength).',
    inputs: [
        { name: 'conditioning_1', type: 'CONDITIONING', description: 'First conditioning.' },
        { name: 'conditioning_2', type: 'CONDITIONING', description: 'Second conditioning.' },
    ],
    params: [],
    outputs: [{ name: 'CONDITIONING', type: 'CONDITIONING', description: 'Both lists of entries.' }],
    version: 1,
});
