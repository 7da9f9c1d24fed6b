/**
 * Which built-in nodes a ComfyUI workflow may use: those that compute what a ComfyUI node does,
 * as comfyui/src/node-map.ts maps them (SaveImages → SaveImage, the ComfyUI-named diffusion
 * nodes, ...). The others run only on the local engine.
 */
import { comfyEquivalent } from '../../../../comfyui/src/node-map.js';

export function isComfyMappable(flowType: string): boolean {
    return comfyEquivalent(flowType) !== undefined;
}
