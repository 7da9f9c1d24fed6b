import { defineSchema } from '../../catalog/src/define.js';

export const schema = defineSchema({
    name: 'LoadMNIST',
    category: 'data',
    description: 'Real handwritten digits (28x28, 1 channel, labels 0-9, captioned from a few phrasings) from the `mnist` package, bundled offline.',
    inputs: [],
    params: [
        { name: 'limit', type: 'INT', min: 1, max: 10000, default: 10000, description: 'How many digits to load (of 10,000).' },
        {
            name: 'digits', type: 'LIST', optional: true, item: { type: 'INT', min: 0, max: 9 }, minItems: 1, maxItems: 10,
            description: 'Keep only these digit classes (all ten when absent).',
        },
    ],
    outputs: [{ name: 'dataset', type: 'DATASET', description: 'Images in [0, 1], shape [n, 28, 28, 1], with labels and a caption each ("a handwritten seven", "the number 7", ...; nodes/load-mnist/captions.ts).', fixedProperties: { width: 28, height: 28, channels: 1 } }],
    version: 2,
});
