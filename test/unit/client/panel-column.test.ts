import assert from 'node:assert/strict';
import { columnBesideGraph } from '../../../client/src/panels/panel-column.js';

describe('client: where the run panels open', () => {
    it('beside the active editor when no graph view is visible', () => {
        assert.equal(columnBesideGraph([]), undefined);
        assert.equal(columnBesideGraph([{ column: 1, showsGraph: false }, { column: 2, showsGraph: false }]), undefined);
    });

    it('in the column right of a visible graph view, not over it', () => {
        // text | graph: a third column (VS Code creates it)
        assert.equal(columnBesideGraph([{ column: 1, showsGraph: false }, { column: 2, showsGraph: true }]), 3);
        // text | graph | panels: the panels' column again
        assert.equal(columnBesideGraph([{ column: 1, showsGraph: false }, { column: 2, showsGraph: true }, { column: 3, showsGraph: false }]), 3);
        // the graph alone on the left
        assert.equal(columnBesideGraph([{ column: 1, showsGraph: true }]), 2);
        // two graph views: right of the rightmost
        assert.equal(columnBesideGraph([{ column: 1, showsGraph: true }, { column: 2, showsGraph: false }, { column: 3, showsGraph: true }]), 4);
    });
});
