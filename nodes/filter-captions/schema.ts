import { defineSchema } from '../../catalog/src/define.js';

export const schema = defineSchema({
    name: 'FilterCaptions',
    category: 'preprocess',
    description: 'Keeps the images whose caption contains none of the `exclude` phrases (and, when given, at least one `include` phrase); matching ignores case. Holding combinations out of training shows whether a text-to-image model composes what it learned.',
    inputs: [{ name: 'dataset', type: 'DATASET', description: 'A captioned dataset.' }],
    params: [
        { name: 'exclude', type: 'LIST', item: { type: 'STRING' }, default: [], description: 'Drop images whose caption contains any of these phrases.' },
        { name: 'include', type: 'LIST', item: { type: 'STRING' }, optional: true, description: 'Keep only images whose caption contains one of these phrases.' },
    ],
    outputs: [{ name: 'dataset', type: 'DATASET', description: 'The kept images with their labels and captions.', propertiesOf: 'dataset' }],
    version: 1,
});
