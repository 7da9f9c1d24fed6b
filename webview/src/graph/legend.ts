/** The color legend: one color per port type (ComfyUI convention) and per node category. */
import { CATEGORY_COLORS, PORT_TYPES, TYPE_COLORS } from '../../../catalog/src/schema.js';
import { h } from './dom.js';

export function renderLegend(): HTMLElement {
    const item = (label: string, color: string, square: boolean) => {
        const swatch = h('span', { class: `swatch${square ? ' square' : ''}`, 'aria-hidden': 'true' });
        swatch.style.setProperty('--swatch', color);
        return h('li', {}, swatch, label);
    };
    const types = h('ul', { 'aria-label': 'Port types' }, ...PORT_TYPES.map(t => item(t, TYPE_COLORS[t], false)));
    const cats = h('ul', { 'aria-label': 'Node categories' }, ...Object.entries(CATEGORY_COLORS).map(([c, color]) => item(c, color, true)));
    return h('div', { class: 'legend', role: 'region', 'aria-label': 'Legend', hidden: true },
        h('h3', { text: 'Port types' }), types, h('h3', { text: 'Categories' }), cats);
}
