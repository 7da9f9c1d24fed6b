import { defineSchema } from '../../catalog/src/define.js';

export const schema = defineSchema({
    name: 'CheckpointSave',
    category: 'output',
    description: 'Saves a model with its text encoder and VAE as one Flow Studio checkpoint, <filename_prefix>_00001_.safetensors under the output folder (counting up, never overwriting; atomic), with metadata on how it was trained (docs/checkpoint-format.md). CheckpointLoaderSimple loads it by name.',
    inputs: [
        { name: 'model', type: 'MODEL', description: 'The diffusion model.' },
        { name: 'clip', type: 'CLIP', description: 'Its text encoder.' },
        { name: 'vae', type: 'VAE', description: 'Its VAE.' },
    ],
    params: [{ name: 'filename_prefix', type: 'STRING', default: 'checkpoints/flow', withinOutput: true, description: 'File name prefix under the output folder; may contain sub-folders but never leave it.' }],
    outputs: [],
    isOutput: true,
    version: 1,
});
