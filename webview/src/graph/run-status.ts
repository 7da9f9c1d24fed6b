/**
 * Run states on screen: node badges and the toolbar status. An event about one node updates
 * that node (and the instances containing it) only, since runs send many of them.
 */
import { applyRunStateToElement } from './render-node.js';
import { stateForNode } from './run-state.js';
import type { GraphView } from './view.js';

export function applyRunStates(view: GraphView): void {
    for (const [id, el] of view.state.nodeEls) applyRunStateToElement(el, stateForNode(view.state.runState, view.state.placed.get(id)?.node.execId ?? id));
}

export function applyRunStateFor(view: GraphView, execId: string): void {
    // The node itself and, for inner nodes, the instances containing it.
    const parts = execId.split('/');
    for (let i = parts.length; i >= 1; i--) {
        const id = parts.slice(0, i).join('/');
        const el = view.state.nodeEls.get(id);
        if (el) applyRunStateToElement(el, stateForNode(view.state.runState, view.state.placed.get(id)?.node.execId ?? id));
    }
}

export function showRunStatus(view: GraphView): void {
    const s = view.state.runState;
    if (s.status === 'idle') { view.dom.statusEl.textContent = ''; return; }
    const states = Object.values(s.nodes);
    const finished = states.filter(n => n.status === 'done' || n.status === 'cached').length;
    view.dom.statusEl.textContent = `${s.workflow ?? 'run'}: ${s.status} (${finished}/${states.length} nodes)${s.message ? ` — ${s.message}` : ''}`;
}
