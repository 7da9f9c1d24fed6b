/**
 * Inline renaming of a node. The rename is remembered (`pendingRename`) so that the next
 * update moves the node's position to its new id instead of laying it out again.
 */
import { isValidNodeName } from '../../../../editing/src/format.js';
import { hx } from '../dom.js';
import { type GraphView, intent } from '../view.js';

export function startRename(view: GraphView, nodeId: string): void {
    const el = view.state.nodeEls.get(nodeId);
    const node = view.state.placed.get(nodeId)?.node;
    const title = el?.querySelector<HTMLElement>('.node-title');
    if (!el || !node || !title || node.readonly || !view.state.body) return;
    const field = hx('vscode-text-field', { 'aria-label': `New name for ${nodeId}`, value: node.graphNode.name ?? '' }) as HTMLElement & { value: string };
    title.replaceWith(field);
    const taken = new Set(view.state.body.nodes.map(n => n.graphNode.name).filter((n): n is string => Boolean(n)));
    let done = false;
    const finish = (apply: boolean) => {
        if (done) return;
        const name = field.value.trim();
        if (apply && name && name !== node.graphNode.name) {
            if (!isValidNodeName(name)) { view.toast.show(`"${name}" is not a valid name`); return; }
            if (taken.has(name)) { view.toast.show(`"${name}" is already used`); return; }
            view.state.pendingRename = { body: view.state.bodyName!, from: nodeId, to: name };
            intent(view, { type: 'renameNode', nodeId, newName: name });
            title.textContent = name;
        }
        done = true;
        field.replaceWith(title);
        el.focus({ preventScroll: true });
    };
    field.addEventListener('keydown', e => {
        if (e.key === 'Enter') { e.preventDefault(); finish(true); }
        else if (e.key === 'Escape') { e.preventDefault(); finish(false); }
        e.stopPropagation();
    });
    field.addEventListener('focusout', () => setTimeout(() => { if (!field.contains(document.activeElement) && document.activeElement !== field) finish(false); }, 0));
    requestAnimationFrame(() => field.focus());
}
