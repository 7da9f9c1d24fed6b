import { defineSchema } from '../../catalog/src/define.js';

export const schema = defineSchema({
    name: 'CheckpointLoaderSimple',
    category: 'model',
    description: 'Loads a Flow Studio checkpoint (saved by CheckpointSave): the diffusion model, its text encoder and its VAE. Names are looked up in models/checkpoints/ next to the workflow, then among the checkpoints saved under flow-output/, then as a path relative to the workflow.',
    inputs: [],
    params: [{ name: 'ckpt_name', type: 'STRING', description: 'Checkpoint file name, e.g. digits_00001_.safetensors.' }],
    outputs: [
        { name: 'MODEL', type: 'MODEL', description: 'The diffusion model.' },
        { name: 'CLIP', type: 'CLIP', description: 'Its text encoder.' },
        { name: 'VAE', type: 'VAE', description: 'Its VAE.' },
    ],
    version: 1,
});
