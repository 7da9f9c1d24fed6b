/**
 * The webview state (`getState`/`setState`): the shown body, node positions and expanded
 * instances survive the panel being hidden or reloaded.
 *
 */
import type { GraphView } from './view.js';

interface SavedState {
    body?: string;
    positions?: Record<string, Record<string, [number, number]>>;
    expanded?: Record<string, string[]>;
}

export function restoreState(view: GraphView): void {
    const s = view.host.getState() as SavedState | undefined;
    if (!s) return;
    const state = view.state;
    state.bodyName = s.body;
    for (const [body, nodes] of Object.entries(s.positions ?? {})) {
        state.positions.set(body, new Map(Object.entries(nodes).map(([id, [x, y]]) => [id, { x, y }])));
    }
    for (const [body, ids] of Object.entries(s.expanded ?? {})) state.expanded.set(body, new Set(ids));
}

export function saveState(view: GraphView): void {
    const state = view.state;
    const positions: SavedState['positions'] = {};
    for (const [body, map] of state.positions) {
        positions[body] = Object.fromEntries([...map].map(([id, p]) => [id, [Math.round(p.x), Math.round(p.y)] as [number, number]]));
    }
    const expanded = Object.fromEntries([...state.expanded].map(([b, s]) => [b, [...s]]));
    view.host.setState({ body: state.bodyName, positions, expanded } satisfies SavedState);
}
