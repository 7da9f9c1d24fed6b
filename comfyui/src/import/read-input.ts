/**
 * What a ComfyUI file holds: the UI (LiteGraph) workflow, the API prompt, or a PNG carrying
 * either in its `workflow` / `prompt` text chunks. Shapes are told apart by content, never by
 * file name, so a `.json` that is something else is refused with the reason.
 */
import { readPngText } from '../../../engine/src/util/png.js';
import { isApiPrompt, isObject, isPng, isUiWorkflow, type ApiPromptJson, type UiWorkflowJson } from './detect.js';

export type { ApiPromptJson, UiWorkflowJson } from './detect.js';

export type ComfyInput =
    | { format: 'ui'; workflow: UiWorkflowJson }
    | { format: 'api'; prompt: ApiPromptJson };

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
