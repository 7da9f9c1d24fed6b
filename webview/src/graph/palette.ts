/**
 * The searchable "add node" palette, built from the catalog and the known subgraphs.
 * Keyboard: type to filter, Up/Down to choose, Enter to add, Escape to close.
 */
import { isAssignable, type NodeSchema, type PortType } from '../../../catalog/src/schema.js';
import { h, hx } from './dom.js';
import { categoryColor } from './render-node.js';
import type { ModelContext } from './view-model.js';

export interface PaletteEntry {
    type: string;
    category: string;
    description: string;
    /** Types the entry's inputs accept (to filter when adding from a dragged output). */
    accepts: Array<PortType | 'LIST'>;
}

/** `catalog`: the shown workflow's engine's node types (`bodyCatalog`), by default every known one. */
export function paletteEntries(context: ModelContext, excludeSubgraph?: string, catalog: ReadonlyMap<string, NodeSchema> = context.catalog): PaletteEntry[] {
    const entries: PaletteEntry[] = [...catalog.values()].map(s => ({
        type: s.name, category: s.category, description: s.description,
        accepts: [...s.inputs.map(i => i.type), ...s.params.map(p => p.type)],
    }));
    for (const s of context.subgraphs.values()) {
        if (s.name === excludeSubgraph) continue;
        entries.push({ type: s.name, category: 'subgraph', description: s.doc ?? `Subgraph from ${s.uri.split('/').pop()}`, accepts: s.inputs.map(i => i.type) });
    }
    return entries;
}

/** Entries matching the query (every word in name, category or description), best first. */
export function filterEntries(entries: readonly PaletteEntry[], query: string, accepting?: PortType): PaletteEntry[] {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const scored = entries
        .filter(e => !accepting || e.accepts.some(t => isAssignable(accepting, t)))
        .map(e => {
            const name = e.type.toLowerCase(), hay = `${name} ${e.category} ${e.description.toLowerCase()}`;
            if (!words.every(w => hay.includes(w))) return undefined;
            const score = words.reduce((s, w) => s + (name.startsWith(w) ? 3 : name.includes(w) ? 2 : 0), 0);
            return { e, score };
        })
        .filter((x): x is { e: PaletteEntry; score: number } => x !== undefined);
    scored.sort((a, b) => b.score - a.score || a.e.type.localeCompare(b.e.type));
    return scored.map(x => x.e);
}

export class Palette {
    readonly element: HTMLElement;
    private readonly input: HTMLElement & { value: string };
    private readonly list: HTMLUListElement;
    private entries: PaletteEntry[] = [];
    private shown: PaletteEntry[] = [];
    private active = 0;
    private accepting?: PortType;
    private onPick?: (entry: PaletteEntry) => void;
    private returnFocus?: HTMLElement | null;

    constructor() {
        this.input = hx('vscode-text-field', { placeholder: 'Search nodes…', 'aria-label': 'Search node types', 'aria-controls': 'palette-list' }) as HTMLElement & { value: string };
        this.list = h('ul', { id: 'palette-list', role: 'listbox', 'aria-label': 'Node types' });
        this.element = h('div', { class: 'palette', role: 'dialog', 'aria-label': 'Add node', hidden: true }, this.input, this.list);
        this.input.addEventListener('input', () => { this.active = 0; this.refresh(); });
        this.element.addEventListener('keydown', e => this.onKey(e));
        this.list.addEventListener('click', e => {
            const li = (e.target as HTMLElement).closest<HTMLElement>('li[data-type]');
            const entry = li && this.shown.find(x => x.type === li.dataset.type);
            if (entry) this.pick(entry);
        });
        this.element.addEventListener('focusout', e => {
            if (!this.element.contains(e.relatedTarget as Node | null) && e.relatedTarget !== null) this.close();
        });
    }

    get isOpen(): boolean { return !this.element.hidden; }

    open(entries: PaletteEntry[], onPick: (entry: PaletteEntry) => void, accepting?: PortType, title = 'Add node'): void {
        this.element.setAttribute('aria-label', title);
        this.input.setAttribute('placeholder', title === 'Add node' ? 'Search nodes…' : `${title}: type to filter…`);
        this.entries = entries;
        this.onPick = onPick;
        this.accepting = accepting;
        this.active = 0;
        this.returnFocus = document.activeElement as HTMLElement | null;
        this.input.value = '';
        this.element.hidden = false;
        this.refresh();
        requestAnimationFrame(() => this.input.focus());
    }

    close(): void {
        if (this.element.hidden) return;
        this.element.hidden = true;
        this.returnFocus?.focus?.();
    }

    private pick(entry: PaletteEntry): void {
        const onPick = this.onPick;
        this.close();
        onPick?.(entry);
    }

    private refresh(): void {
        this.shown = filterEntries(this.entries, this.input.value ?? '', this.accepting);
        this.active = Math.min(this.active, Math.max(0, this.shown.length - 1));
        this.list.replaceChildren(...this.shown.map((e, i) => {
            const swatch = h('span', { class: 'swatch square', 'aria-hidden': 'true' });
            swatch.style.setProperty('--swatch', categoryColor(e.category as never));
            return h('li', { role: 'option', id: `palette-${i}`, 'data-type': e.type, 'aria-selected': String(i === this.active) },
                swatch, h('strong', { text: e.type }), h('span', { class: 'desc', text: e.description }));
        }));
        const active = this.shown[this.active];
        if (active) this.input.setAttribute('aria-activedescendant', `palette-${this.active}`);
        this.list.children[this.active]?.scrollIntoView?.({ block: 'nearest' });
    }

    private onKey(e: KeyboardEvent): void {
        if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); this.close(); }
        else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            const n = this.shown.length;
            if (n) { this.active = (this.active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n; this.refresh(); }
        } else if (e.key === 'Enter') {
            e.preventDefault();
            const entry = this.shown[this.active];
            if (entry) this.pick(entry);
        }
        e.stopPropagation();
    }
}
