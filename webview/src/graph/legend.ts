/**
 * The color legend: one color per port type (ComfyUI convention) and per node category — the
 * built-in ones at first, then what the host's catalogs declare (pack wire types, ComfyUI's
 * categories) once an update brings them.
 */
import { BUILTIN_CATEGORIES, CATEGORY_COLORS, PORT_TYPES, TYPE_COLORS, categoryColor } from '../../../catalog/src/schema.js';
import { h } from './dom.js';

export function renderLegend(): HTMLElement {
    const legend = h('div', { class: 'legend', role: 'region', 'aria-label': 'Legend', hidden: true });
    fillLegend(legend, PORT_TYPES.map(t => ({ name: t, color: TYPE_COLORS[t] })), BUILTIN_CATEGORIES);
    return legend;
}

/** Redraws the legend's lists (its visibility stays as the user left it). */
export function fillLegend(legend: HTMLElement, types: ReadonlyArray<{ name: string; color: string }>, categories: readonly string[]): void {
    const item = (label: string, color: string, square: boolean) => {
        const swatch = h('span', { class: `swatch${square ? ' square' : ''}`, 'aria-hidden': 'true' });
        swatch.style.setProperty('--swatch', color);
        return h('li', {}, swatch, label);
    };
    const typeList = h('ul', { 'aria-label': 'Port types' }, ...types.map(t => item(t.name, t.color, false)));
    const own = CATEGORY_COLORS as Readonly<Record<string, string>>;
    const cats = h('ul', { 'aria-label': 'Node categories' }, ...categories.map(c => item(c, own[c] ?? categoryColor(c), true)));
    legend.replaceChildren(h('h3', { text: 'Port types' }), typeList, h('h3', { text: 'Categories' }), cats);
}
