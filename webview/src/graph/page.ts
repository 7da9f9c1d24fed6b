/** The view's fixed DOM: toolbar, banner, canvas with its layers, minimap, legend, toast. */
import { h, svg } from './dom.js';
import { renderLegend } from './legend.js';

export interface GraphDom {
    readonly toolbar: HTMLElement;
    readonly bodySelect: HTMLSelectElement;
    readonly statusEl: HTMLElement;
    readonly banner: HTMLElement;
    readonly canvas: HTMLElement;
    /** Panned and zoomed by the viewport; holds the three layers below. */
    readonly world: HTMLElement;
    readonly wiresLayer: SVGSVGElement;
    readonly nodesLayer: HTMLElement;
    /** The wire following the pointer while connecting. */
    readonly dragLayer: SVGSVGElement;
    readonly emptyEl: HTMLElement;
    readonly minimapCanvas: HTMLCanvasElement;
    readonly legend: HTMLElement;
    readonly toast: HTMLElement;
}

/** Builds the page into `root`; `palette` is appended between the legend and the toast. */
export function buildPage(root: HTMLElement, palette: HTMLElement): GraphDom {
    const bodySelect = h('select', { 'aria-label': 'Workflow or subgraph to show' });
    const statusEl = h('span', { class: 'status', role: 'status' });
    const button = (action: string, text: string, label: string) =>
        h('button', { 'data-toolbar': action, 'aria-label': label, title: label, text });
    const toolbar = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Graph' },
        bodySelect,
        button('add', '+ Add node', 'Add node (A)'),
        button('fit', 'Fit', 'Fit to view (F)'),
        button('zoom-out', '−', 'Zoom out (-)'),
        button('zoom-in', '+', 'Zoom in (+)'),
        button('relayout', 'Re-layout', 'Lay out the whole graph again'),
        button('legend', 'Legend', 'Show the color legend (L)'),
        h('span', { class: 'spacer' }),
        statusEl,
    );
    const banner = h('div', { class: 'banner', role: 'alert' });
    const wiresLayer = svg('svg', { class: 'wires', width: 1, height: 1 });
    const nodesLayer = h('div', { class: 'nodes' });
    const dragLayer = svg('svg', { class: 'drag-wire', width: 1, height: 1 });
    const world = h('div', { class: 'world' });
    world.append(wiresLayer, nodesLayer, dragLayer);
    const emptyEl = h('div', { class: 'empty', text: 'Waiting for the graph…' });
    const canvas = h('div', { class: 'canvas', tabindex: 0, role: 'application', 'aria-label': 'Workflow graph: Tab through nodes, arrows move between them, Enter shows a node in the text, C connects it, D disconnects an input, F2 renames, Delete removes it, A adds a node' },
        world, emptyEl);
    const minimapCanvas = h('canvas', { class: 'minimap', width: 400, height: 280, 'aria-label': 'Minimap: click to move the view', role: 'img' });
    const toast = h('div', { class: 'toast', role: 'status', 'aria-live': 'assertive' });
    const legend = renderLegend();
    root.append(toolbar, banner, canvas, minimapCanvas, legend, palette, toast);
    return { toolbar, bodySelect, statusEl, banner, canvas, world, wiresLayer, nodesLayer, dragLayer, emptyEl, minimapCanvas, legend, toast };
}
