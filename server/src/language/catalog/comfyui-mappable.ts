/**
 * Which built-in nodes a ComfyUI workflow may use: those that compute what a ComfyUI node does
 * (comfyui/src/node-map.ts says how they map). Until that table is merged here, the built-ins that
 * carry a ComfyUI node's name and arguments count, plus the output nodes it maps by another name.
 */
const COMFY_NAMED = new Set([
    'CheckpointLoaderSimple', 'CheckpointSave', 'CLIPTextEncode', 'ConditioningCombine', 'EmptyLatentImage', 'ImageBatch',
    'KSampler', 'KSamplerAdvanced', 'PreviewImage', 'VAEDecode', 'VAEEncode', 'SaveImages', 'Upscale',
]);

export function isComfyMappable(flowType: string): boolean {
    return COMFY_NAMED.has(flowType);
}
