/** The toolbar's buttons and the body selector. */
import { saveState } from './persist.js';
import { openPalette } from './pickers.js';
import { fit, render } from './render.js';
import type { GraphView } from './view.js';

export function bindToolbar(view: GraphView): void {
    view.dom.toolbar.addEventListener('click', e => {
        const action = (e.target as HTMLElement).closest<HTMLElement>('[data-toolbar]')?.dataset.toolbar;
        switch (action) {
            case 'add': openPalette(view); break;
            case 'fit': fit(view); break;
            case 'zoom-in': view.viewport.zoomBy(1.25); break;
            case 'zoom-out': view.viewport.zoomBy(0.8); break;
            case 'relayout': void render(view, true); break;
            case 'legend': view.dom.legend.hidden = !view.dom.legend.hidden; break;
        }
    });
    view.dom.bodySelect.addEventListener('change', () => {
        view.state.bodyName = view.dom.bodySelect.value;
        view.state.selectedNode = undefined;
        view.state.selectedEdge = undefined;
        saveState(view);
        void render(view);
    });
}
