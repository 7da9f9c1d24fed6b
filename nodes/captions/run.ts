/** Captions: sets dataset captions from a template of the class names. */
import * as tf from '@tensorflow/tfjs-core';
import { FlowError } from '../../engine/src/errors.js';
import type { Dataset } from '../../engine/src/values.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';

export const PLACEHOLDERS = ['label', 'index', 'caption'] as const;
type Placeholder = typeof PLACEHOLDERS[number];

/** A template split into literal text and placeholders; the errors quote the template. */
export function parseTemplate(template: string): Array<string | { field: Placeholder }> {
    const parts: Array<string | { field: Placeholder }> = [];
    let text = '';
    for (let i = 0; i < template.length; i++) {
        const ch = template[i];
        if ((ch === '{' || ch === '}') && template[i + 1] === ch) {
            text += ch;
            i++;
        } else if (ch === '{') {
            const end = template.indexOf('}', i);
            if (end < 0) throw new FlowError(`template "${template}" has a "{" without its "}" — write {{ for a literal brace`);
            const name = template.slice(i + 1, end);
            if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
                throw new FlowError(`template "${template}" has an unknown placeholder {${name}} — use ${PLACEHOLDERS.map(p => `{${p}}`).join(', ')} (or {{ for a literal brace)`);
            }
            if (text) parts.push(text);
            text = '';
            parts.push({ field: name as Placeholder });
            i = end;
        } else if (ch === '}') {
            throw new FlowError(`template "${template}" has a "}" without its "{" — write }} for a literal brace`);
        } else {
            text += ch;
        }
    }
    if (text) parts.push(text);
    return parts;
}

export function captionDataset(dataset: Dataset, template: string, mode: 'replace' | 'missing'): string[] {
    const parts = parseTemplate(template);
    const usesCaption = parts.some(p => typeof p !== 'string' && p.field === 'caption');
    if (usesCaption && mode === 'missing') {
        throw new FlowError('{caption} is always empty in mode "missing" (it only captions images without one) — use mode "replace" to build on existing captions');
    }
    if (usesCaption && !dataset.captions) {
        throw new FlowError('the dataset has no captions for {caption} to keep — caption it with {label} alone, or load captioned images');
    }
    const old = dataset.captions;
    return Array.from(dataset.labels, (label, i) => {
        if (mode === 'missing' && old?.[i]) return old[i];
        const fields: Record<Placeholder, string> = { label: dataset.classNames[label] ?? String(label), index: String(label), caption: old?.[i] ?? '' };
        return parts.map(p => (typeof p === 'string' ? p : fields[p.field])).join('').trim();
    });
}

export const node = defineNode(schema, {
    async run(_ctx, inputs, params) {
        const dataset = inputs.dataset;
        const captions = captionDataset(dataset, params.template, params.mode as 'replace' | 'missing');
        // A clone shares the pixel data but is disposed on its own, as the executor disposes each value it holds.
        return { dataset: { ...dataset, images: tf.clone(dataset.images), captions } };
    },
});
