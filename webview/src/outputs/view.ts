/**
 * The Outputs view: runs (newest first, older ones collapsed when a new run starts), each
 * with its images grouped by the node that reported them, and a lightbox to look at one
 * image large with its arguments and the file actions. Rendering is keyed (run id, node id,
 * image path) so focused thumbnails survive updates; it is coalesced to one per frame.
 */
import { formatArgValue, formatClock, formatDuration } from '../shared/format.js';
import { cssId, h } from '../shared/dom.js';
import type { PanelHost } from '../shared/mount.js';
import type { OutputImage, OutputNodeGroup, OutputRun, OutputsHostMessage, OutputsPersistedState, OutputsState, OutputsViewMessage } from './contract.js';
import { allImages, EMPTY_OUTPUTS, imageCount, reduceOutputs, toPersisted } from './state.js';

export type OutputsHost = PanelHost<OutputsViewMessage, OutputsPersistedState>;

interface RunDom {
    run: OutputRun;
    section: HTMLElement;
    toggle: HTMLElement;
    body: HTMLElement;
    errors: HTMLElement;
    groups: HTMLElement;
    nodes: Map<string, NodeDom>;
}
interface NodeDom { node: OutputNodeGroup; section: HTMLElement; list: HTMLElement; items: Map<string, HTMLElement> }

const THUMB_BOX = 78;

export class OutputsView {
    state: OutputsState = EMPTY_OUTPUTS;
    private readonly collapsed = new Set<string>();
    /** Runs seen so far: a run appearing for the first time collapses the ones below it. */
    private readonly seen = new Set<string>();
    private readonly runsEl: HTMLElement;
    private readonly summaryEl: HTMLElement;
    private readonly runDoms = new Map<string, RunDom>();
    private readonly lightbox: Lightbox;
    private frame = 0;
    private renders = 0;

    constructor(private readonly root: HTMLElement, private readonly host: OutputsHost) {
        const persisted = host.getState();
        if (persisted?.version === 1) {
            this.state = { runs: persisted.runs };
            for (const id of persisted.collapsed) this.collapsed.add(id);
            for (const r of persisted.runs) this.seen.add(r.runId);
        }
        this.summaryEl = h('span', { class: 'muted', 'aria-live': 'polite' });
        const collapseAll = h('vscode-button', { appearance: 'secondary', 'data-action': 'collapse-all' }, 'Collapse all');
        collapseAll.addEventListener('click', () => this.setAllCollapsed(true));
        const expandAll = h('vscode-button', { appearance: 'secondary', 'data-action': 'expand-all' }, 'Expand all');
        expandAll.addEventListener('click', () => this.setAllCollapsed(false));
        this.runsEl = h('div', { class: 'runs' });
        this.lightbox = new Lightbox(host);
        root.append(
            h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Outputs' }, h('h1', {}, 'Outputs'), this.summaryEl, h('span', { class: 'spacer' }), collapseAll, expandAll),
            this.runsEl,
            this.lightbox.element,
        );
        this.runsEl.addEventListener('click', e => this.onClick(e));
        this.runsEl.addEventListener('keydown', e => moveAmongThumbs(e));
        this.render();
    }

    handle(message: OutputsHostMessage): void {
        const next = reduceOutputs(this.state, message);
        if (next === this.state && message.type !== 'init') return;
        if (message.type === 'init' || message.type === 'restored') {
            // Restored history: only the newest run stays open.
            next.runs.forEach((r, i) => { if (!this.seen.has(r.runId) && i > 0) this.collapsed.add(r.runId); });
        }
        for (const r of next.runs) {
            if (this.seen.has(r.runId)) continue;
            this.seen.add(r.runId);
            if (r.status === 'running') for (const other of next.runs) if (other.runId !== r.runId) this.collapsed.add(other.runId);
        }
        this.state = next;
        this.schedule();
    }

    private schedule(): void {
        if (this.frame) return;
        this.frame = requestAnimationFrame(() => { this.frame = 0; this.render(); });
    }

    private setAllCollapsed(collapsed: boolean): void {
        for (const r of this.state.runs) {
            if (collapsed) this.collapsed.add(r.runId); else this.collapsed.delete(r.runId);
        }
        for (const dom of this.runDoms.values()) this.applyCollapsed(dom);
        this.persist();
    }

    private onClick(e: Event): void {
        const target = e.target as HTMLElement;
        const toggle = target.closest<HTMLElement>('.run-toggle');
        if (toggle) {
            const id = toggle.dataset.runId!;
            if (this.collapsed.has(id)) this.collapsed.delete(id); else this.collapsed.add(id);
            const dom = this.runDoms.get(id);
            if (dom) this.applyCollapsed(dom);
            this.persist();
            return;
        }
        const thumb = target.closest<HTMLElement>('.thumb');
        if (thumb) this.lightbox.open(allImages(this.state), thumb.dataset.path!, thumb);
    }

    render(): void {
        const { runs } = this.state;
        const total = runs.reduce((k, r) => k + imageCount(r), 0);
        this.summaryEl.textContent = runs.length === 0 ? '' : `${runs.length} run${runs.length === 1 ? '' : 's'} · ${total} image${total === 1 ? '' : 's'}`;
        const keep = new Set(runs.map(r => r.runId));
        for (const [id, dom] of this.runDoms) if (!keep.has(id)) { dom.section.remove(); this.runDoms.delete(id); }
        if (runs.length === 0) {
            this.runsEl.replaceChildren(h('p', { class: 'empty' }, 'No outputs yet. Run a workflow (Flow Studio: Run Workflow) and its images appear here as they are made.'));
        } else {
            this.runsEl.querySelector('.empty')?.remove();
        }
        runs.forEach((run, index) => {
            let dom = this.runDoms.get(run.runId);
            if (!dom) {
                dom = this.createRun(run);
                this.runDoms.set(run.runId, dom);
            } else if (dom.run !== run) {
                this.updateRun(dom, run);
            }
            // Keep DOM order = state order (newest first).
            if (this.runsEl.children[index] !== dom.section) this.runsEl.insertBefore(dom.section, this.runsEl.children[index] ?? null);
            this.applyCollapsed(dom);
        });
        this.lightbox.refresh(allImages(this.state));
        this.root.dataset.rendered = String(++this.renders);
        this.persist();
    }

    private persist(): void {
        this.host.setState(toPersisted(this.state, this.collapsed));
    }

    private createRun(run: OutputRun): RunDom {
        const bodyId = `run-body-${cssId(run.runId)}`;
        const headingId = `run-title-${cssId(run.runId)}`;
        const toggle = h('button', { class: 'run-toggle', type: 'button', 'data-run-id': run.runId, 'aria-controls': bodyId, 'aria-expanded': 'true' });
        const errors = h('ul', { class: 'run-errors' });
        const groups = h('div', { class: 'node-groups' });
        const body = h('div', { class: 'run-body', id: bodyId, role: 'region', 'aria-labelledby': headingId }, errors, groups);
        const section = h('section', { class: 'run', 'data-run-id': run.runId }, h('h2', { class: 'run-header', id: headingId }, toggle), body);
        const dom: RunDom = { run, section, toggle, body, errors, groups, nodes: new Map() };
        this.updateRun(dom, run);
        return dom;
    }

    private updateRun(dom: RunDom, run: OutputRun): void {
        dom.run = run;
        dom.section.dataset.status = run.status;
        const { toggle, errors, groups } = dom;
        const count = imageCount(run);
        const duration = run.endedAt !== undefined ? formatDuration(run.endedAt - run.startedAt) : '';
        const current = run.status === 'running' && run.currentNode ? `running ${run.planned[run.currentNode]?.label ?? run.currentNode}` : '';
        toggle.replaceChildren(
            h('span', { class: 'chevron', 'aria-hidden': 'true' }, '›'),
            h('span', { class: 'run-title' }, run.workflow || run.runId),
            run.status === 'running' ? h('vscode-progress-ring', { 'aria-label': 'Running' }) : '',
            // Not vscode-tag: its template carries a style attribute, which the CSP blocks.
            h('span', { class: `status-tag status-${run.status}` }, run.status),
            h('span', { class: 'run-meta muted' }, [formatClock(run.startedAt), duration, current, `${count} image${count === 1 ? '' : 's'}`].filter(Boolean).join(' · ')),
        );
        errors.replaceChildren(...run.errors.map(m => h('li', { class: 'error-text' }, m)));
        if (run.nodes.length === 0 && run.status === 'running') {
            if (!groups.querySelector('.waiting')) groups.replaceChildren(h('p', { class: 'muted waiting' }, 'Waiting for images…'));
        } else {
            groups.querySelector('.waiting')?.remove();
            if (run.nodes.length === 0 && !groups.querySelector('.no-images')) groups.append(h('p', { class: 'muted no-images' }, 'This run made no images.'));
            if (run.nodes.length > 0) groups.querySelector('.no-images')?.remove();
        }
        run.nodes.forEach((node, index) => {
            let nd = dom.nodes.get(node.id);
            if (!nd) {
                nd = createNodeGroup(node);
                dom.nodes.set(node.id, nd);
            }
            if (nd.node !== node || nd.items.size !== node.images.length) updateNodeGroup(nd, node, run);
            // With images to show, the node groups are the only children (the notes above are gone).
            if (groups.children[index] !== nd.section) groups.insertBefore(nd.section, groups.children[index] ?? null);
        });
        this.applyCollapsed(dom);
    }

    private applyCollapsed(dom: RunDom): void {
        const collapsed = this.collapsed.has(dom.run.runId);
        dom.toggle.setAttribute('aria-expanded', String(!collapsed));
        dom.body.hidden = collapsed;
    }
}

/** Arrow keys, Home and End move between the thumbnails of one node group. */
function moveAmongThumbs(e: KeyboardEvent): void {
    const thumb = (e.target as HTMLElement).closest<HTMLElement>('.thumb');
    if (!thumb || !['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return;
    const all = [...thumb.closest('.thumbs')!.querySelectorAll<HTMLElement>('.thumb')];
    const i = all.indexOf(thumb);
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? all.length - 1 : Math.min(all.length - 1, Math.max(0, i + (e.key === 'ArrowRight' ? 1 : -1)));
    e.preventDefault();
    all[next].focus();
}

function createNodeGroup(node: OutputNodeGroup): NodeDom {
    const headingId = `node-${Math.random().toString(36).slice(2)}`;
    const list = h('ul', { class: 'thumbs', 'aria-labelledby': headingId });
    const section = h('section', { class: 'node-group', 'data-node-id': node.id },
        h('h3', { class: 'node-heading', id: headingId }), list);
    return { node, section, list, items: new Map() };
}

function updateNodeGroup(nd: NodeDom, node: OutputNodeGroup, run: OutputRun): void {
    nd.node = node;
    const heading = nd.section.querySelector<HTMLElement>('.node-heading')!;
    const args = commonArgs(node.images);
    heading.replaceChildren(
        h('span', {}, node.label),
        node.type ? h('span', { class: 'muted' }, node.type) : '',
        args ? h('span', { class: 'node-args muted' }, args) : '',
    );
    const keep = new Set(node.images.map(i => i.path));
    for (const [path, li] of nd.items) if (!keep.has(path)) { li.remove(); nd.items.delete(path); }
    node.images.forEach((image, index) => {
        let li = nd.items.get(image.path);
        if (!li || li.dataset.src !== image.src) {
            const fresh = thumbItem(image, run);
            li?.replaceWith(fresh);
            li = fresh;
            nd.items.set(image.path, li);
        }
        if (nd.list.children[index] !== li) nd.list.insertBefore(li, nd.list.children[index] ?? null);
    });
}

function thumbItem(image: OutputImage, run: OutputRun): HTMLElement {
    const name = baseName(image.path);
    const seed = image.args && 'seed' in image.args ? `, seed ${formatArgValue(image.args.seed)}` : '';
    const button = h('button', {
        class: 'thumb', type: 'button', 'data-path': image.path,
        'aria-label': `${name}, ${image.width}×${image.height}${seed}, ${run.workflow || 'run'}: open large view`,
        title: name,
    });
    if (image.src) {
        const scale = Math.min(THUMB_BOX / image.width, THUMB_BOX / image.height);
        const img = h('img', { src: image.src, alt: '', width: Math.max(1, Math.round(image.width * scale)), height: Math.max(1, Math.round(image.height * scale)), class: scale > 1 ? 'pixelated' : undefined });
        button.append(img);
    } else {
        button.append(h('span', { class: 'missing muted' }, 'file missing'));
    }
    return h('li', { 'data-src': image.src }, button);
}

/** Arguments every image of the group shares, e.g. `samples · seed 42 · count 16`. */
function commonArgs(images: OutputImage[]): string {
    const first = images[0]?.args;
    if (!first) return '';
    const parts: string[] = [];
    for (const [key, value] of Object.entries(first)) {
        if (key === 'type') continue;
        if (!images.every(i => i.args && JSON.stringify(i.args[key]) === JSON.stringify(value))) continue;
        parts.push(key === 'node' ? String(value) : `${key} ${formatArgValue(value)}`);
    }
    return parts.join(' · ');
}

function baseName(path: string): string {
    return path.split(/[\\/]/).pop() ?? path;
}

type Entry = ReturnType<typeof allImages>[number];

/** The enlarged image: Esc closes, ←/→ step through all images, Tab stays inside. */
class Lightbox {
    readonly element: HTMLElement;
    private readonly title: HTMLElement;
    private readonly counter: HTMLElement;
    private readonly img: HTMLImageElement;
    private readonly grid: HTMLElement & { rowsData?: unknown; columnDefinitions?: unknown };
    private readonly pathEl: HTMLElement;
    private entries: Entry[] = [];
    private index = -1;
    private returnFocus: HTMLElement | undefined;

    constructor(private readonly host: OutputsHost) {
        const button = (label: string, action: string, aria?: string) => {
            const b = h('vscode-button', { appearance: action === 'close' ? 'primary' : 'secondary', 'data-action': action, 'aria-label': aria ?? label }, label);
            b.addEventListener('click', () => this.act(action));
            return b;
        };
        this.title = h('span', { class: 'lightbox-title', id: 'lightbox-title' });
        this.counter = h('span', { class: 'muted lightbox-counter' });
        this.img = h('img', { class: 'lightbox-image pixelated', alt: '' });
        this.grid = h('vscode-data-grid', { 'aria-label': 'Arguments', 'grid-template-columns': '1fr 2fr' });
        this.pathEl = h('div', { class: 'lightbox-path muted' });
        this.element = h('div', { class: 'lightbox', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'lightbox-title', hidden: true },
            h('div', { class: 'lightbox-bar' },
                this.title, this.counter, h('span', { class: 'spacer' }),
                button('‹ Previous', 'previous', 'Previous image'), button('Next ›', 'next', 'Next image'), button('Close', 'close', 'Close large view (Escape)')),
            h('div', { class: 'lightbox-stage' }, this.img),
            h('div', { class: 'lightbox-details' },
                this.grid,
                h('div', {},
                    this.pathEl,
                    h('div', { class: 'lightbox-bar' },
                        button('Open File', 'open-file'), button('Reveal in Explorer', 'reveal-explorer'), button('Reveal in OS', 'reveal-os', 'Reveal in the file manager'), button('Copy Path', 'copy-path')))),
        );
        this.element.addEventListener('keydown', e => this.onKey(e));
        this.grid.columnDefinitions = [{ columnDataKey: 'argument', title: 'Argument' }, { columnDataKey: 'value', title: 'Value' }];
    }

    get isOpen(): boolean { return !this.element.hidden; }

    open(entries: Entry[], path: string, from?: HTMLElement): void {
        this.entries = entries;
        this.index = Math.max(0, entries.findIndex(e => e.image.path === path));
        this.returnFocus = from;
        this.element.hidden = false;
        this.show();
        (this.element.querySelector('[data-action="close"]') as HTMLElement).focus();
    }

    /** New images arrived: keep showing the same one. */
    refresh(entries: Entry[]): void {
        if (!this.isOpen) { this.entries = entries; return; }
        const current = this.entries[this.index]?.image.path;
        this.entries = entries;
        const i = entries.findIndex(e => e.image.path === current);
        if (i < 0) { this.close(); return; }
        this.index = i;
        this.show();
    }

    close(): void {
        this.element.hidden = true;
        const back = this.returnFocus && document.body.contains(this.returnFocus)
            ? this.returnFocus
            : document.querySelector<HTMLElement>(`.thumb[data-path="${CSS.escape(this.entries[this.index]?.image.path ?? '')}"]`);
        back?.focus();
    }

    private step(delta: number): void {
        if (this.entries.length === 0) return;
        this.index = (this.index + delta + this.entries.length) % this.entries.length;
        this.returnFocus = undefined;
        this.show();
    }

    private show(): void {
        const entry = this.entries[this.index];
        if (!entry) return;
        const { run, node, image } = entry;
        this.title.textContent = `${baseName(image.path)} — ${node.label}`;
        this.counter.textContent = `${this.index + 1} / ${this.entries.length} · ${run.workflow || run.runId} · ${image.width}×${image.height}`;
        this.element.dataset.path = image.path;
        this.img.alt = `${baseName(image.path)}, ${image.width}×${image.height}`;
        if (image.src) this.img.src = image.src; else this.img.removeAttribute('src');
        // Fit the stage while keeping pixels crisp: small GAN images are scaled by whole factors.
        const maxW = Math.max(64, window.innerWidth - 48);
        const maxH = Math.max(64, window.innerHeight * 0.6);
        const fit = Math.min(maxW / image.width, maxH / image.height);
        const scale = fit >= 1 ? Math.max(1, Math.floor(fit)) : fit;
        this.img.style.width = `${Math.round(image.width * scale)}px`;
        this.img.style.height = `${Math.round(image.height * scale)}px`;
        this.pathEl.textContent = image.path;
        this.grid.rowsData = Object.entries(image.args ?? {}).map(([argument, value]) => ({ argument, value: formatArgValue(value) }));
        for (const action of ['reveal-explorer', 'reveal-os', 'open-file']) {
            const b = this.element.querySelector(`[data-action="${action}"]`)!;
            // Temporary preview files are not in the workspace: nothing to reveal in the Explorer.
            if (action === 'reveal-explorer' && !image.saved) b.setAttribute('disabled', ''); else b.removeAttribute('disabled');
        }
    }

    private act(action: string): void {
        const image = this.entries[this.index]?.image;
        switch (action) {
            case 'close': this.close(); return;
            case 'previous': this.step(-1); return;
            case 'next': this.step(1); return;
        }
        if (!image) return;
        if (action === 'open-file') this.host.post({ type: 'open-file', path: image.path });
        if (action === 'reveal-explorer') this.host.post({ type: 'reveal', path: image.path, target: 'explorer' });
        if (action === 'reveal-os') this.host.post({ type: 'reveal', path: image.path, target: 'os' });
        if (action === 'copy-path') this.host.post({ type: 'copy-path', path: image.path });
    }

    private onKey(e: KeyboardEvent): void {
        if (e.key === 'Escape') { e.preventDefault(); this.close(); return; }
        if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
            // Arrow keys inside the arguments grid move between its cells.
            if ((e.target as HTMLElement).closest('vscode-data-grid')) return;
            e.preventDefault();
            this.step(e.key === 'ArrowLeft' ? -1 : 1);
            return;
        }
        if (e.key === 'Tab') {
            const focusables = [...this.element.querySelectorAll<HTMLElement>('vscode-button:not([disabled])')];
            const first = focusables[0];
            const last = focusables[focusables.length - 1];
            const active = document.activeElement;
            if (e.shiftKey && active === first) { e.preventDefault(); last.focus(); }
            else if (!e.shiftKey && active === last) { e.preventDefault(); first.focus(); }
        }
    }
}
