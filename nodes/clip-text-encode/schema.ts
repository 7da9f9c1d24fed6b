import { defineSchema } from '../../catalog/src/define.js';

export const schema = defineSchema({
    name: 'CLIPTextEncode',
    category: 'sampling',
    description: 'Encodes a prompt with a text encoder into conditioning for KSampler. ComfyUI weighting: (words:1.3) sets a weight, (words) is ×1.1, \\( \\) are literal parentheses. Words the encoder never saw in training are reported (they become <unk>).',
    inputs: [{ name: 'clip', type: 'CLIP', description: 'The text encoder (from CheckpointLoaderSimple or TrainDiffusion).' }],
    params: [{ name: 'text', type: 'STRING', default: '', description: 'The prompt; empty is the unconditional prompt (a usual negative).', prompt: true }],
    outputs: [{ name: 'CONDITIONING', type: 'CONDITIONING', description: 'The encoded prompt.' }],
    version: 2,
});
