/**
 * Inline editing of a widget value: a dropdown for choices, a text field otherwise. Only a
 * valid value that differs from the shown one (or replaces a default) becomes a `setParam`;
 * the field shows it at once, before the host's update confirms it.
 */
import { hx } from '../dom.js';
import type { ViewWidget } from '../view-model.js';
import { type GraphView, intent } from '../view.js';
import { displayValue, isMultiline, parseWidgetInput, stepValue } from '../widget-values.js';

export function editWidget(view: GraphView, valueEl: HTMLElement): void {
    const nodeEl = valueEl.closest<HTMLElement>('.node')!;
    const node = view.state.placed.get(nodeEl.dataset.nodeId!)?.node;
    const name = valueEl.dataset.widget!;
    const widget = node?.inputs.find(p => p.widget?.name === name)?.widget;
    if (!node || node.readonly || !widget) return;
    const commit = (value: ViewWidget['value']) => {
        if (value === undefined) return;
        if (displayValue(value) !== displayValue(widget.value) || widget.defaulted) {
            intent(view, { type: 'setParam', nodeId: node.id, param: name, value });
        }
    };
    const restore = (editor: HTMLElement, shown?: ViewWidget['value']) => {
        if (!editor.isConnected) return;
        if (shown !== undefined) { valueEl.textContent = displayValue(shown); valueEl.classList.remove('defaulted'); }
        editor.replaceWith(valueEl);
        valueEl.focus({ preventScroll: true });
    };
    if (widget.spec.choices?.length) {
        const dropdown = hx('vscode-dropdown', { 'aria-label': name, 'data-editor': name }) as HTMLElement & { value: string; selectedIndex: number };
        const choices = widget.spec.choices;
        choices.forEach((c, i) => dropdown.append(hx('vscode-option', { value: String(i), selected: c === widget.value, text: displayValue(c) })));
        valueEl.replaceWith(dropdown);
        let done = false;
        dropdown.addEventListener('change', () => {
            if (done) return;
            done = true;
            const v = choices[Number(dropdown.value)];
            commit(v);
            restore(dropdown, v);
        });
        dropdown.addEventListener('keydown', e => { if (e.key === 'Escape') { done = true; restore(dropdown); } });
        dropdown.addEventListener('focusout', () => setTimeout(() => { if (!done && !dropdown.contains(document.activeElement)) { done = true; restore(dropdown); } }, 0));
        requestAnimationFrame(() => dropdown.focus());
        return;
    }
    if (isMultiline(widget.spec)) {
        editText(valueEl, name, widget.value === undefined ? '' : String(widget.value), commit, restore);
        return;
    }
    const numeric = widget.spec.type === 'INT' || widget.spec.type === 'FLOAT';
    const field = hx('vscode-text-field', {
        'aria-label': `${name}${widget.spec.min !== undefined ? `, minimum ${widget.spec.min}` : ''}${widget.spec.max !== undefined ? `, maximum ${widget.spec.max}` : ''}`,
        'data-editor': name,
        inputmode: numeric ? (widget.spec.type === 'INT' ? 'numeric' : 'decimal') : undefined,
        value: widget.value === undefined ? '' : widget.spec.type === 'STRING' ? String(widget.value) : displayValue(widget.value),
    }) as HTMLElement & { value: string };
    valueEl.replaceWith(field);
    let done = false;
    const tryCommit = (): boolean => {
        const parsed = parseWidgetInput(widget.spec, field.value);
        if ('error' in parsed) {
            field.setAttribute('aria-invalid', 'true');
            view.toast.show(`${node.id}.${name}: ${parsed.error}`);
            return false;
        }
        done = true;
        commit(parsed.value);
        restore(field, parsed.value);
        return true;
    };
    field.addEventListener('keydown', e => {
        if (e.key === 'Enter') { e.preventDefault(); tryCommit(); }
        else if (e.key === 'Escape') { e.preventDefault(); done = true; restore(field); }
        else if (numeric && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
            e.preventDefault();
            const current = Number(field.value);
            if (Number.isFinite(current)) field.value = String(stepValue(widget.spec, current, e.key === 'ArrowUp' ? 1 : -1));
        }
        e.stopPropagation();
    });
    field.addEventListener('focusout', () => setTimeout(() => {
        if (done || field.contains(document.activeElement) || field === document.activeElement) return;
        if (!tryCommit()) { done = true; restore(field); }
    }, 0));
    requestAnimationFrame(() => field.focus());
}

/**
 * A prompt (or other multi-line text) in a text area over the node, as ComfyUI shows prompts:
 * Enter starts a new line, Ctrl/Cmd+Enter or leaving the area keeps the text, Escape drops it.
 */
function editText(
    valueEl: HTMLElement, name: string, text: string,
    commit: (value: string) => void, restore: (editor: HTMLElement, shown?: string) => void,
): void {
    const area = hx('textarea', { class: 'text-editor', 'aria-label': `${name} (Ctrl+Enter to keep, Escape to cancel)`, 'data-editor': name, spellcheck: 'false' }) as HTMLTextAreaElement;
    area.value = text;
    valueEl.replaceWith(area);
    let done = false;
    const keep = () => {
        done = true;
        commit(area.value);
        restore(area, area.value);
    };
    area.addEventListener('keydown', e => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); keep(); }
        else if (e.key === 'Escape') { e.preventDefault(); done = true; restore(area); }
        e.stopPropagation();
    });
    area.addEventListener('focusout', () => setTimeout(() => { if (!done && document.activeElement !== area) keep(); }, 0));
    requestAnimationFrame(() => { area.focus(); area.setSelectionRange(area.value.length, area.value.length); });
}
