/** Display and validation of widget values typed in the view (pure, shared by tests). */
import { inRange, type ParamValue, type ScalarValue } from '../../../catalog/src/schema.js';
import type { WidgetSpec } from './view-model.js';
import { TERMINALS } from '../../../catalog/src/syntax.js';

/** A number literal exactly as the grammar reads one. */
const NUMBER = new RegExp(`^${TERMINALS.NUMBER}$`);

/** A STRING edited in a text area (a prompt, ComfyUI's `multiline`): its text is taken as typed, line breaks included. */
export function isMultiline(spec: Pick<WidgetSpec, 'type' | 'multiline' | 'prompt'>): boolean {
    return spec.type === 'STRING' && Boolean(spec.multiline || spec.prompt);
}

export function displayValue(value: ParamValue | undefined): string {
    if (value === undefined) return '—';
    if (Array.isArray(value)) return `[${value.map(v => displayValue(v)).join(', ')}]`;
    if (typeof value === 'string') return JSON.stringify(value);
    return String(value);
}

export type Parsed = { value: ParamValue } | { error: string };

/** Parses what the user typed into a widget's text field, checking type, range and choices. */
export function parseWidgetInput(spec: WidgetSpec, text: string): Parsed {
    if (spec.type === 'LIST') {
        const inner = text.trim().replace(/^\[/, '').replace(/\]$/, '').trim();
        if (!inner) return checkListLength(spec, []);
        const items: ScalarValue[] = [];
        for (const part of inner.split(',')) {
            const r = parseScalar({ ...(spec.item ?? { type: 'STRING' }) } as WidgetSpec, part.trim());
            if ('error' in r) return { error: `item "${part.trim()}": ${r.error}` };
            items.push(r.value as ScalarValue);
        }
        return checkListLength(spec, items);
    }
    if (isMultiline(spec)) return { value: text };
    return parseScalar(spec, text);
}

function checkListLength(spec: WidgetSpec, items: ScalarValue[]): Parsed {
    if (spec.minItems !== undefined && items.length < spec.minItems) return { error: `needs at least ${spec.minItems} item(s)` };
    if (spec.maxItems !== undefined && items.length > spec.maxItems) return { error: `takes at most ${spec.maxItems} item(s)` };
    return { value: items };
}

function parseScalar(spec: WidgetSpec, raw: string): Parsed {
    let value: ScalarValue;
    switch (spec.type) {
        case 'INT':
        case 'FLOAT': {
            const text = raw.trim();
            if (!NUMBER.test(text)) return { error: `"${raw}" is not a number` };
            value = Number(text);
            if (spec.type === 'INT' && !Number.isInteger(value)) return { error: `${text} is not an integer` };
            const range = checkRange(spec, value);
            if (range) return { error: range };
            break;
        }
        case 'BOOLEAN': {
            if (raw.trim() !== 'true' && raw.trim() !== 'false') return { error: 'expected true or false' };
            value = raw.trim() === 'true';
            break;
        }
        default: {
            const t = raw.trim();
            // Accept both bare text and a quoted JSON string.
            if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) {
                try { value = JSON.parse(t) as string; } catch { return { error: 'invalid string escape' }; }
            } else value = raw;
        }
    }
    if (spec.choices && !spec.choices.includes(value)) return { error: `must be one of ${spec.choices.map(c => JSON.stringify(c)).join(', ')}` };
    return { value };
}

export function checkRange(spec: Pick<WidgetSpec, 'min' | 'max' | 'exclusiveMin'>, n: number): string | undefined {
    if (inRange(spec, n)) return undefined;
    return spec.max !== undefined && n > spec.max ? `must be <= ${spec.max}` : `must be ${spec.exclusiveMin ? '>' : '>='} ${spec.min}`;
}

/** ArrowUp/ArrowDown in number fields: one step (1 for INT, a tenth of the magnitude for FLOAT), clamped. */
export function stepValue(spec: WidgetSpec, current: number, direction: 1 | -1): number {
    const step = spec.type === 'INT' ? 1 : current === 0 ? 0.1 : Math.pow(10, Math.floor(Math.log10(Math.abs(current))) - 1);
    let next = Number((current + direction * step).toPrecision(12));
    if (spec.max !== undefined) next = Math.min(spec.max, next);
    if (spec.min !== undefined && checkRange(spec, next)) next = spec.exclusiveMin ? current : spec.min;
    return next;
}
