/**
 * ComfyUI's `/ws` messages as this version sends them (server.py, execution.py, main.py of
 * v0.3.64): JSON `{ type, data }` text frames, and binary frames that start with a 32-bit
 * big-endian event type. Pure parsing; the executor decides what each means for a run.
 */

export type ComfyMessage =
    | { type: 'status'; data: { status?: { exec_info?: { queue_remaining?: number } } } }
    | { type: 'execution_start'; data: { prompt_id: string } }
    | { type: 'execution_cached'; data: { prompt_id: string; nodes: string[] } }
    | { type: 'executing'; data: { prompt_id: string; node: string | null } }
    | { type: 'progress'; data: { prompt_id: string; node: string | null; value: number; max: number } }
    /** Every started node's state (value/max, running/finished) each time one changes. */
    | { type: 'progress_state'; data: { prompt_id: string; nodes: Record<string, { value: number; max: number; state: string }> } }
    | { type: 'executed'; data: { prompt_id: string; node: string; output: ExecutedOutput | null } }
    | { type: 'execution_error'; data: { prompt_id: string; node_id: string; node_type: string; exception_message: string; exception_type: string; traceback?: string[] } }
    | { type: 'execution_interrupted'; data: { prompt_id: string; node_id: string; node_type: string } }
    | { type: 'execution_success'; data: { prompt_id: string } }
    | { type: 'other'; data: unknown; name: string };

/** What an output node returned for the UI: `images` for SaveImage/PreviewImage. */
export interface ExecutedOutput {
    images?: Array<{ filename: string; subfolder: string; type: string }>;
    [key: string]: unknown;
}

const KNOWN = new Set(['status', 'execution_start', 'execution_cached', 'executing', 'progress', 'progress_state', 'executed', 'execution_error', 'execution_interrupted', 'execution_success']);

/** A text frame; undefined when it is not a ComfyUI message. */
export function parseTextMessage(text: string): ComfyMessage | undefined {
    let value: { type?: unknown; data?: unknown };
    try {
        value = JSON.parse(text);
    } catch {
        return undefined;
    }
    if (typeof value?.type !== 'string') return undefined;
    if (!KNOWN.has(value.type)) return { type: 'other', name: value.type, data: value.data };
    return value as ComfyMessage;
}

/** The id of the prompt a message is about, when it is about one. */
export function promptIdOf(message: ComfyMessage): string | undefined {
    const data = message.data as { prompt_id?: unknown } | null;
    return typeof data?.prompt_id === 'string' ? data.prompt_id : undefined;
}

export interface PreviewFrame {
    /** The node it belongs to, when the server said (metadata frames only). */
    node?: string;
    promptId?: string;
    extension: 'png' | 'jpg';
    image: Buffer;
}

/**
 * Binary frames: 1 = preview image (4-byte image type, 1 JPEG / 2 PNG, then the image),
 * 4 = preview with metadata (4-byte JSON length, JSON with node_id/prompt_id, then the image).
 * Others (3: progress text) are not previews: undefined.
 */
export function parsePreviewFrame(frame: Buffer): PreviewFrame | undefined {
    if (frame.length < 8) return undefined;
    const event = frame.readUInt32BE(0);
    if (event === 1) {
        const kind = frame.readUInt32BE(4);
        return { extension: kind === 2 ? 'png' : 'jpg', image: frame.subarray(8) };
    }
    if (event === 4) {
        const length = frame.readUInt32BE(4);
        if (frame.length < 8 + length) return undefined;
        let meta: { node_id?: unknown; prompt_id?: unknown; image_type?: unknown } = {};
        try {
            meta = JSON.parse(frame.toString('utf8', 8, 8 + length));
        } catch {
            return undefined;
        }
        return {
            ...(typeof meta.node_id === 'string' ? { node: meta.node_id } : {}),
            ...(typeof meta.prompt_id === 'string' ? { promptId: meta.prompt_id } : {}),
            extension: meta.image_type === 'image/png' ? 'png' : 'jpg',
            image: frame.subarray(8 + length),
        };
    }
    return undefined;
}
