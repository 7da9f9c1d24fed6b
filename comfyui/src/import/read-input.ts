/**
 * What a ComfyUI file holds: the UI (LiteGraph) workflow, the API prompt, or a PNG carrying
 * either in its `workflow` / `prompt` text chunks. Shapes are told apart by content, never by
 * file name, so a `.json` that is something else is refused with the reason.
 */
import { readPngText } from '../../../engine/src/util/png.js';

export interface UiWorkflowJson {
    nodes: unknown[];
    links?: unknown[];
    groups?: unknown[];
    definitions?: { subgraphs?: unknown[] };
    version?: number;
    [key: string]: unknown;
}

export type ApiPromptJson = Record<string, { class_type: string; inputs?: Record<string, unknown>; _meta?: { title?: string } }>;

export type ComfyInput =
    | { format: 'ui'; workflow: UiWorkflowJson }
    | { format: 'api'; prompt: ApiPromptJson };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isPng(bytes: Uint8Array): boolean {
    return bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function isUiWorkflow(json: unknown): json is UiWorkflowJson {
    return isObject(json) && Array.isArray(json.nodes) && (json.links === undefined || Array.isArray(json.links));
}

export function isApiPrompt(json: unknown): json is ApiPromptJson {
    if (!isObject(json)) return false;
    const values = Object.values(json);
    return values.length > 0 && values.every(v => isObject(v) && typeof v.class_type === 'string');
}

/** Whether JSON is a ComfyUI workflow in either format (VS Code offers "Open as Flow" for these). */
export function isComfyWorkflow(json: unknown): boolean {
    return isUiWorkflow(json) || isApiPrompt(json);
}

/** Reads bytes (PNG or JSON text), text, or parsed JSON; throws an Error saying what is wrong. */
export function readComfyInput(input: Uint8Array | string | unknown): ComfyInput {
    if (input instanceof Uint8Array) {
        if (isPng(input)) return fromPng(input);
        return fromJson(parseJson(new TextDecoder().decode(input)));
    }
    if (typeof input === 'string') return fromJson(parseJson(input));
    return fromJson(input);
}

function parseJson(text: string): unknown {
    try {
        return JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
        throw new Error(`not JSON (${(e as Error).message}) and not a PNG`);
    }
}

function fromJson(json: unknown): ComfyInput {
    if (isUiWorkflow(json)) return { format: 'ui', workflow: json };
    if (isApiPrompt(json)) return { format: 'api', prompt: json };
    // Some tools wrap the prompt: { prompt: {...} } or { workflow: {...} }.
    if (isObject(json) && isUiWorkflow(json.workflow)) return { format: 'ui', workflow: json.workflow };
    if (isObject(json) && isApiPrompt(json.prompt)) return { format: 'api', prompt: json.prompt };
    throw new Error('not a ComfyUI workflow: expected the UI format (an object with a "nodes" array) or the API format (an object of { class_type, inputs } entries)');
}

function fromPng(bytes: Uint8Array): ComfyInput {
    const text = readPngText(bytes);
    // The UI workflow keeps everything (titles, notes, groups, positions); the prompt is the fallback.
    for (const key of ['workflow', 'prompt']) {
        if (text[key] === undefined) continue;
        let json: unknown;
        try {
            json = JSON.parse(text[key]);
        } catch {
            continue;
        }
        if (isUiWorkflow(json)) return { format: 'ui', workflow: json };
        if (isApiPrompt(json)) return { format: 'api', prompt: json };
    }
    const keys = Object.keys(text);
    throw new Error(`a PNG without a ComfyUI workflow: no "workflow" or "prompt" text chunk holding one${keys.length ? ` (its text chunks: ${keys.join(', ')})` : ''}`);
}
