/**
 * Which built-in nodes a ComfyUI workflow may use: those that compute what a ComfyUI node does,
 * as comfyui/src/node-map.ts lists them (the same table the API prompt maps them with).
 */
import { comfyEquivalent } from '../../../../comfyui/src/node-map.js';

export function isComfyMappable(flowType: string): boolean {
    return comfyEquivalent(flowType) !== undefined;
}
