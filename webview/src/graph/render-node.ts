/**
 * One node's DOM: header (name, type, category color, run badge and progress), slot rows
 * with typed ports, widget rows, diagnostics, and the reserved metrics / thumbnail areas.
 * Interaction is delegated by `app.ts` through `data-*` attributes.
 */
import { TYPE_COLORS, categoryColor as packCategoryColor, type PortType } from '../../../catalog/src/schema.js';
import type { NodeRunState } from './contract.js';
import { h, hx } from './dom.js';
import type { ViewNode, ViewPort, ViewWidget } from './view-model.js';
import { displayValue } from './widget-values.js';

const FALLBACK_COLOR = '#5a5a5a';

export function categoryColor(category: ViewNode['category']): string {
    if (category === 'subgraph') return '#4a5568';
    return category === 'unknown' ? FALLBACK_COLOR : packCategoryColor(category);
}

/** Colours of the wire types the host's catalogs declare (pack types included), by name. */
let catalogTypeColors: ReadonlyMap<string, string> = new Map();

export function setCatalogTypeColors(colors: ReadonlyMap<string, string>): void {
    catalogTypeColors = colors;
}

export function typeColor(type: PortType | 'LIST' | string): string {
    return catalogTypeColors.get(type) ?? (TYPE_COLORS as Record<string, string>)[type] ?? FALLBACK_COLOR;
}

export interface NodeRenderOptions {
    connectedInputs: ReadonlySet<string>;
    connectedOutputs: ReadonlySet<string>;
    expandable: boolean;
    expanded: boolean;
    /** Size override for expanded instances. */
    size?: { width: number; height: number };
    /**
     * False draws the header only: far zoomed out nothing else is visible, and skipping the
     * rows makes the first paint of large graphs much cheaper (wires are placed from geometry, not from the DOM).
     */
    detail: boolean;
}

/**
 * Everything `renderNode` draws, as a string: equal signatures mean the element of an
 * earlier render can be kept (redraws after a text edit touch only changed nodes).
 */
export function nodeSignature(node: ViewNode, options: NodeRenderOptions): string {
    const g = node.graphNode;
    return JSON.stringify([
        node.id, node.title, g.type, g.name, node.category, node.readonly, node.thumbnail, node.metrics, Boolean(node.subgraph),
        node.inputs.map(p => [p.name, p.type, p.y, p.required, p.widget && [p.widget.value, p.widget.defaulted, p.widget.reference, p.widget.spec.type]]),
        node.outputs.map(p => [p.name, p.type, p.y]),
        node.diagnostics.map(d => [d.severity, d.message]),
        [...options.connectedInputs].sort(), [...options.connectedOutputs].sort(),
        options.expandable, options.expanded, options.size?.width ?? node.width, options.size?.height ?? node.height, options.detail,
    ]);
}

export function renderNode(node: ViewNode, options: NodeRenderOptions): HTMLElement {
    const g = node.graphNode;
    const diagClass = node.diagnostics.some(d => d.severity === 'error') ? ' has-error'
        : node.diagnostics.some(d => d.severity === 'warning') ? ' has-warning' : '';
    const el = h('div', {
        class: `node${diagClass}${node.readonly ? ' readonly' : ''}${options.expanded ? ' expanded' : ''}`,
        'data-node-id': node.id,
        tabindex: node.readonly ? -1 : 0,
        role: 'group',
        'aria-label': `${g.type} node ${g.name ?? g.id}${node.diagnostics.length ? `, ${node.diagnostics.length} problem(s)` : ''}`,
    });
    el.style.width = `${options.size?.width ?? node.width}px`;
    el.style.height = `${options.size?.height ?? node.height}px`;
    el.style.setProperty('--cat', categoryColor(node.category));

    const badge = h('span', { class: 'run-badge', 'aria-live': 'polite' });
    const bar = h('div', {});
    const parts: RunParts = { badge, bar };
    runParts.set(el, parts);
    const header = h('div', { class: 'node-header', title: g.type },
        h('span', { class: 'node-title', text: node.title }),
        h('span', { class: 'node-type', text: g.name ? g.type : '' }),
        badge,
        options.expandable && h('button', {
            'data-action': 'expand', 'aria-expanded': String(options.expanded),
            'aria-label': options.expanded ? 'Collapse subgraph' : 'Expand subgraph',
            title: options.expanded ? 'Collapse' : 'Expand subgraph', text: options.expanded ? '▾' : '▸',
        }),
        !node.readonly && h('button', { 'data-action': 'rename', 'aria-label': `Rename ${g.id}`, title: 'Rename (F2)', text: '✎' }),
        !node.readonly && h('button', { 'data-action': 'delete', 'aria-label': `Delete ${g.id}`, title: 'Delete (Del)', text: '✕' }),
        h('div', { class: 'progress' }, bar),
    );
    el.append(header);
    if (!options.detail) return el;

    const body = h('div', { class: 'node-body' });
    const slots = node.inputs.filter(p => !p.widget);
    const slotRows = Math.max(slots.length, node.outputs.length);
    for (let i = 0; i < slotRows; i++) {
        const input = slots[i], output = node.outputs[i];
        body.append(h('div', { class: 'row' },
            input && portEl(input, 'in', options.connectedInputs.has(input.name)),
            input && h('span', { class: `label${input.required ? ' required' : ''}`, text: input.name, title: `${input.name}: ${input.type}` }),
            output && h('span', { class: 'label out-label', text: output.name, title: `${output.name}: ${output.type}` }),
            output && portEl(output, 'out', options.connectedOutputs.has(output.name)),
        ));
    }
    for (const port of node.inputs) {
        if (!port.widget) continue;
        const w = port.widget;
        // A toggle is its own label (the toolkit names the checkbox after its text).
        const toggle = w.spec.type === 'BOOLEAN' && w.reference === undefined && !node.readonly;
        body.append(h('div', { class: 'row widget-row', 'data-row': port.name },
            portEl(port, 'in', options.connectedInputs.has(port.name)),
            toggle
                ? hx('vscode-checkbox', { 'data-widget': w.name, checked: w.value === true, title: w.spec.description ?? w.name, text: w.name })
                : h('span', { class: 'label', text: port.name, title: w.spec.description ?? port.name }),
            !toggle && widgetEl(w, node.readonly),
        ));
    }
    for (const d of node.diagnostics) {
        body.append(h('div', { class: `row diag ${d.severity}`, title: d.message, role: 'note' },
            h('span', { class: 'label', text: `${d.severity === 'error' ? '✖' : '⚠'} ${d.message}` })));
    }
    if (node.metrics) body.append(parts.metrics = h('div', { class: 'row metrics', 'data-slot': 'metrics' }));
    el.append(body);
    if (node.thumbnail) el.append(parts.thumb = h('div', { class: 'thumb', 'data-slot': 'thumb', text: 'no image yet' }));
    return el;
}

function portEl(port: ViewPort, side: 'in' | 'out', connected: boolean): HTMLElement {
    const el = h('span', {
        class: `port ${side}${port.widget ? ' widget-port' : ''}${connected ? ' connected' : ''}`,
        'data-port': side, 'data-name': port.name, 'data-type': port.type,
        title: `${port.name}: ${port.type}`, 'aria-hidden': 'true',
    });
    el.style.setProperty('--port-color', typeColor(port.type));
    return el;
}

function widgetEl(w: ViewWidget, readonly: boolean): HTMLElement {
    if (w.reference !== undefined) {
        return h('span', { class: 'widget-value reference', text: `← ${w.reference}`, title: `wired from ${w.reference}` });
    }
    return h('span', {
        class: `widget-value${w.defaulted ? ' defaulted' : ''}`,
        'data-widget': readonly ? undefined : w.name,
        role: readonly ? undefined : 'button',
        tabindex: readonly ? undefined : 0,
        'aria-label': `${w.name}: ${displayValue(w.value)}${w.defaulted ? ' (default)' : ''}${readonly ? '' : ', press Enter to edit'}`,
        title: w.defaulted ? `${displayValue(w.value)} (default)` : displayValue(w.value),
        text: displayValue(w.value),
    });
}

/** The elements of a node that show its run state, kept by `renderNode` so updates need no queries. */
interface RunParts { badge: HTMLElement; bar: HTMLElement; metrics?: HTMLElement; thumb?: HTMLElement }

const runParts = new WeakMap<HTMLElement, RunParts>();

/** Updates the run-state parts of a node element from `renderNode` in place (frequent progress events). */
export function applyRunStateToElement(el: HTMLElement, state: NodeRunState | undefined): void {
    // Called for every node on every redraw: write only what changed, so unchanged nodes cost no layout.
    const status = state ? `run-${state.status}` : undefined;
    for (const c of RUN_CLASSES) if (c !== status && el.classList.contains(c)) el.classList.remove(c);
    if (status && !el.classList.contains(status)) el.classList.add(status);
    const parts = runParts.get(el);
    if (!parts) return;
    const { badge, bar, metrics, thumb } = parts;
    const pct = state?.status === 'running' && state.progress !== undefined ? ` ${Math.round(state.progress * 100)}%` : '';
    setText(badge, state ? `${state.status}${pct}` : '');
    const title = state ? state.message ?? (state.ms !== undefined ? `${state.ms} ms` : state.status) : '';
    if (badge.title !== title) badge.title = title;
    const width = `${Math.round((state?.progress ?? 0) * 100)}%`;
    if (bar.style.width !== width) bar.style.width = width;
    if (metrics) {
        setText(metrics, state?.metrics
            ? Object.entries(state.metrics).map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(4)}`).join('  ')
            : '');
    }
    if (thumb && state?.imageUri) {
        let img = thumb.querySelector('img');
        if (!img) {
            thumb.textContent = '';
            img = h('img', { alt: `latest image of ${el.dataset.nodeId}` });
            thumb.append(img);
        }
        if (img.getAttribute('src') !== state.imageUri) img.src = state.imageUri;
    }
}

const RUN_CLASSES = ['run-queued', 'run-running', 'run-cached', 'run-done', 'run-error'];

function setText(el: HTMLElement, text: string): void {
    if (el.textContent !== text) el.textContent = text;
}
