/**
 * Telling ComfyUI files apart by content, with no dependencies (the VS Code extension imports
 * this to offer "Open as Flow" without loading the importer).
 */
export interface UiWorkflowJson {
    nodes: unknown[];
    links?: unknown[];
    groups?: unknown[];
    definitions?: { subgraphs?: unknown[] };
    version?: number;
    [key: string]: unknown;
}

export type ApiPromptJson = Record<string, { class_type: string; inputs?: Record<string, unknown>; _meta?: { title?: string } }>;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isPng(bytes: Uint8Array): boolean {
    return bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function isUiWorkflow(json: unknown): json is UiWorkflowJson {
    return isObject(json) && Array.isArray(json.nodes) && (json.links === undefined || Array.isArray(json.links));
}

export function isApiPrompt(json: unknown): json is ApiPromptJson {
    if (!isObject(json)) return false;
    const values = Object.values(json);
    return values.length > 0 && values.every(v => isObject(v) && typeof v.class_type === 'string');
}

/** Whether JSON is a ComfyUI workflow in either format. */
export function isComfyWorkflow(json: unknown): boolean {
    return isUiWorkflow(json) || isApiPrompt(json);
}
