import { defineSchema } from '../../catalog/src/define.js';
import { datasetOut } from '../shared/dataset-ports.js';

export const schema = defineSchema({
    name: 'Captions',
    category: 'preprocess',
    description: 'Captions every image from a template of its class name (for text-to-image training on datasets labelled by class): {label} is the class name, {index} the class number, {caption} the existing caption; {{ and }} are literal braces.',
    inputs: [{ name: 'dataset', type: 'DATASET', description: 'Images to caption.' }],
    params: [
        { name: 'template', type: 'STRING', default: 'a photo of a {label}', description: 'The caption, with {label}, {index} and {caption} filled in per image.' },
        {
            name: 'mode', type: 'STRING', choices: ['replace', 'missing'], default: 'replace',
            description: 'replace: caption every image; missing: only images without a caption (keeping the others).',
        },
    ],
    outputs: [{ ...datasetOut, description: 'The same images and labels with their captions.' }],
    version: 1,
});
