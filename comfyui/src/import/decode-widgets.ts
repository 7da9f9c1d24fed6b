/**
 * The UI format stores a node's widget values by position (`widgets_values`), in the order
 * of the node's widget inputs, with UI-only values between them: seed widgets are followed by
 * their `control_after_generate` mode ("fixed", "randomize", ..., or a boolean in old files),
 * image uploads by the upload button's "image". Decoding needs the node's widget order (the
 * ComfyUI pack's, or the built-in's through node-map, or the sockets newer frontends list).
 */
import type { RawNode } from './raw-graph.js';
import type { WidgetSlot } from './targets.js';

export const CONTROL_VALUES = ['fixed', 'increment', 'decrement', 'randomize'];
/** What upload buttons store (LoadImage's "image"). */
const UPLOAD_VALUES: ReadonlyArray<string | null> = ['image', 'video', 'audio', 'file', null];

export interface DecodedWidgets {
    /** ComfyUI input name → value. */
    values: Map<string, unknown>;
    /** Values left over after every known widget (reported, never silently dropped). */
    extra: unknown[];
    /** Widgets the node lists no value for (their defaults apply). */
    missing: string[];
}

/** The widget order when no schema knows the node: its widget sockets, in order (newer frontends list them all). */
export function widgetsFromSockets(node: RawNode): WidgetSlot[] {
    return node.inputs.filter(i => i.widget).map(i => ({ comfy: i.widget!, control: false, upload: false }));
}

export function decodeWidgets(node: RawNode, widgets: readonly WidgetSlot[]): DecodedWidgets {
    const values = new Map<string, unknown>();
    if (node.named) {
        for (const [k, v] of Object.entries(node.named)) values.set(k, v);
        return { values, extra: [], missing: [] };
    }
    const raw = node.widgets ?? [];
    if (!Array.isArray(raw)) {
        // A few custom nodes save their widgets by name.
        for (const [k, v] of Object.entries(raw)) values.set(k, v);
        return { values, extra: [], missing: [] };
    }
    const missing: string[] = [];
    let i = 0;
    widgets.forEach((w, k) => {
        if (i >= raw.length) {
            missing.push(w.comfy);
            return;
        }
        values.set(w.comfy, raw[i++]);
        // Skip a UI-only value only while there are more values than widgets left to fill.
        const surplus = () => raw.length - i > widgets.length - k - 1;
        if (w.control && i < raw.length && surplus() && (CONTROL_VALUES.includes(raw[i] as string) || typeof raw[i] === 'boolean')) i++;
        else if (w.upload && i < raw.length && surplus() && UPLOAD_VALUES.includes(raw[i] as string | null)) i++;
    });
    return { values, extra: raw.slice(i), missing };
}
