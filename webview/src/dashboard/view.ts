/**
 * The training dashboard: per training node, step/epoch/ETA and the latest value of each
 * metric, one live chart per distinct `chart` of its metrics (chart-card.ts), and the preview
 * grids with a slider to scrub back through earlier ones. The slider follows the newest grid
 * until the user moves it back.
 */
import { cssId, h } from '../shared/dom.js';
import type { PanelHost } from '../shared/mount.js';
import { formatClock, formatDuration, formatMetric } from '../shared/format.js';
import { ChartCard, type MetricChart } from './chart-card.js';
import type { DashboardHostMessage, DashboardPersistedState, DashboardState, DashboardViewMessage, TrainingView } from './contract.js';
import { chartGroups } from './metrics.js';
import { EMPTY_DASHBOARD, progressSummary, reduceDashboard } from './state.js';

export type DashboardHost = PanelHost<DashboardViewMessage, DashboardPersistedState>;

interface TrainingDom {
    training: TrainingView;
    section: HTMLElement;
    /** The specs the stats and cards below were built for (inferred specs grow); '' before the first update. */
    specsKey: string;
    stats: HTMLElement;
    /** Latest value of each metric, by name. */
    metricStats: Map<string, HTMLElement>;
    step: HTMLElement;
    epoch: HTMLElement;
    eta: HTMLElement;
    progress: HTMLProgressElement;
    chartsBox: HTMLElement;
    cards: ChartCard[];
    previewImg: HTMLImageElement;
    previewButton: HTMLButtonElement;
    slider: HTMLInputElement;
    caption: HTMLElement;
    latest: HTMLElement;
    /** Follow the newest preview until the user scrubs back. */
    follow: boolean;
    selected: number;
}

export class DashboardView {
    state: DashboardState = EMPTY_DASHBOARD;
    private readonly header: HTMLElement;
    private readonly list: HTMLElement;
    private readonly doms = new Map<string, TrainingDom>();
    private frame = 0;
    private renders = 0;

    constructor(private readonly root: HTMLElement, private readonly host: DashboardHost) {
        const persisted = host.getState();
        if (persisted?.version === 2) this.state = persisted.state;
        this.header = h('div', { class: 'toolbar', role: 'status', 'aria-live': 'polite' });
        this.list = h('div', { class: 'trainings' });
        root.append(this.header, this.list);
        // VS Code swaps the theme by changing body classes and the --vscode-* variables.
        new MutationObserver(() => { for (const d of this.doms.values()) for (const card of d.cards) card.applyTheme(); })
            .observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
        this.render();
    }

    handle(message: DashboardHostMessage): void {
        const next = reduceDashboard(this.state, message);
        if (next === this.state) return;
        this.state = next;
        if (this.frame) return;
        this.frame = requestAnimationFrame(() => { this.frame = 0; this.render(); });
    }

    /** A chart of a training node, by its `chart` name or else the first (tests read its data). */
    chartOf(node: string, chart?: string): MetricChart | undefined {
        const cards = this.doms.get(`${this.state.trainingRunId}|${node}`)?.cards ?? [];
        return (chart === undefined ? cards[0] : cards.find(c => c.group.chart === chart))?.chart;
    }

    render(): void {
        this.renderHeader();
        const { trainings } = this.state;
        // Keyed by run too: a new training gets a fresh chart, slider and preview.
        const key = (t: TrainingView) => `${this.state.trainingRunId}|${t.node}`;
        const keep = new Set(trainings.map(key));
        for (const [k, dom] of this.doms) {
            if (keep.has(k)) continue;
            for (const card of dom.cards) card.destroy();
            dom.section.remove();
            this.doms.delete(k);
        }
        if (trainings.length === 0) {
            if (!this.list.querySelector('.empty')) {
                this.list.replaceChildren(h('p', { class: 'empty' }, 'No training yet. Loss curves and preview grids appear here while a workflow trains a model (TrainGAN, TrainDiffusion).'));
            }
        } else {
            this.list.querySelector('.empty')?.remove();
        }
        trainings.forEach((t, index) => {
            let dom = this.doms.get(key(t));
            if (!dom) {
                dom = this.createTraining(t);
                this.doms.set(key(t), dom);
            }
            if (this.list.children[index] !== dom.section) this.list.insertBefore(dom.section, this.list.children[index] ?? null);
            this.updateTraining(dom, t);
        });
        this.root.dataset.rendered = String(++this.renders);
        this.host.setState({ version: 2, state: this.state });
    }

    private renderHeader(): void {
        const s = this.state;
        const parts: Array<Node | string> = [h('h1', {}, 'Training')];
        if (s.workflow) parts.push(h('span', {}, s.workflow));
        if (s.status !== 'idle') parts.push(h('span', { class: `status-tag status-${s.status}`, 'data-status': s.status }, s.status));
        if (s.status === 'running') parts.push(h('vscode-progress-ring', { 'aria-label': 'Running' }));
        if (s.startedAt !== undefined) {
            const elapsed = s.endedAt !== undefined ? ` · ${formatDuration(s.endedAt - s.startedAt)}` : '';
            parts.push(h('span', { class: 'muted' }, `${formatClock(s.startedAt)}${elapsed}`));
        }
        if (s.trainingRunId && s.trainingRunId !== s.runId) {
            parts.push(h('span', { class: 'muted training-origin' }, `showing the last training (${s.trainingWorkflow ?? 'earlier run'}): this run has not trained`));
        }
        this.header.replaceChildren(...parts);
    }

    private createTraining(t: TrainingView): TrainingDom {
        const id = cssId(t.node);
        const stat = (key: string) => h('dd', { 'data-stat': key }, '—');
        const step = stat('step'), epoch = stat('epoch'), eta = stat('eta');
        const stats = h('dl', { class: 'stats' });
        const progress = h('progress', { class: 'training-progress', max: 1, value: 0, 'aria-label': `${t.label} progress` });
        const chartsBox = h('div', { class: 'charts' });
        const previewImg = h('img', { alt: 'No preview yet', class: 'preview-image' });
        const previewButton = h('button', { class: 'preview-frame', type: 'button', 'aria-label': 'Open this preview grid in an editor' }, previewImg);
        const slider = h('input', { type: 'range', min: 0, max: 0, value: 0, step: 1, 'aria-label': `${t.label}: preview step`, disabled: true });
        const caption = h('span', { class: 'preview-caption muted', 'aria-live': 'polite' }, 'No preview yet');
        const latest = h('vscode-button', { appearance: 'secondary', 'data-action': 'latest', 'aria-label': 'Show the latest preview', disabled: true }, 'Latest');
        const section = h('section', { class: 'training', 'data-node': t.node, 'aria-labelledby': `training-${id}` },
            h('div', { class: 'training-header' }, h('h2', { id: `training-${id}` }, t.label), h('span', { class: 'muted' }, t.node !== t.label ? t.node : '')),
            stats,
            progress,
            h('div', { class: 'training-body' },
                chartsBox,
                h('figure', { class: 'card preview-box' },
                    previewButton,
                    h('div', { class: 'preview-controls' }, slider, latest),
                    h('figcaption', {}, caption))),
        );
        const dom: TrainingDom = {
            training: t, section, specsKey: '', stats, metricStats: new Map(), step, epoch, eta,
            progress, chartsBox, cards: [], previewImg, previewButton, slider, caption, latest, follow: true, selected: -1,
        };
        slider.addEventListener('input', () => {
            const last = dom.training.previews.length - 1;
            dom.selected = Number(slider.value);
            dom.follow = dom.selected >= last;
            this.showPreview(dom);
        });
        latest.addEventListener('click', () => {
            dom.follow = true;
            this.showPreview(dom);
            slider.focus();
        });
        previewButton.addEventListener('click', () => {
            const frame = dom.training.previews[dom.selected];
            if (frame) this.host.post({ type: 'open-preview', node: dom.training.node, step: frame.step });
        });
        return dom;
    }

    /** The stats row (step, epoch, ETA, then each metric) and one card per chart, for `t.specs`. */
    private buildMetrics(dom: TrainingDom, t: TrainingView): void {
        const stat = (label: string, dd: HTMLElement) => h('div', {}, h('dt', {}, label), dd);
        dom.metricStats = new Map(t.specs.map(s => [s.name, h('dd', { 'data-stat': s.name }, '—')]));
        dom.stats.replaceChildren(stat('Step', dom.step), stat('Epoch', dom.epoch), stat('ETA', dom.eta),
            ...t.specs.map(s => stat(s.label, dom.metricStats.get(s.name)!)));
        for (const card of dom.cards) card.destroy();
        const id = cssId(t.node);
        dom.cards = chartGroups(t.specs).map((group, i) => new ChartCard(group, `${id}-${i}`, t.label));
        dom.chartsBox.replaceChildren(...dom.cards.map(c => c.element));
        dom.specsKey = JSON.stringify(t.specs);
    }

    private updateTraining(dom: TrainingDom, t: TrainingView): void {
        // A new section has no specsKey yet, so its first update builds and fills everything.
        const rebuilt = JSON.stringify(t.specs) !== dom.specsKey;
        if (rebuilt) this.buildMetrics(dom, t);
        const changed = dom.training !== t || rebuilt;
        const pointsChanged = dom.training.points !== t.points || rebuilt;
        dom.training = t;
        if (!changed && !pointsChanged) return;
        const summary = progressSummary(t);
        dom.step.textContent = summary.step;
        dom.epoch.textContent = summary.epoch;
        dom.eta.textContent = summary.eta;
        for (const [name, dd] of dom.metricStats) dd.textContent = formatMetric(t.metrics[name]);
        dom.progress.max = Math.max(1, t.max);
        dom.progress.value = Math.min(t.value, Math.max(1, t.max));
        if (pointsChanged) for (const card of dom.cards) card.update(t);
        this.showPreview(dom);
    }

    private showPreview(dom: TrainingDom): void {
        const previews = dom.training.previews;
        const last = previews.length - 1;
        if (dom.follow || dom.selected > last) dom.selected = last;
        dom.slider.max = String(Math.max(0, last));
        dom.slider.value = String(Math.max(0, dom.selected));
        dom.slider.disabled = previews.length < 2;
        if (dom.follow || last < 1) dom.latest.setAttribute('disabled', ''); else dom.latest.removeAttribute('disabled');
        const frame = previews[dom.selected];
        if (!frame) {
            dom.previewImg.removeAttribute('src');
            return;
        }
        if (dom.previewImg.getAttribute('src') !== frame.src) dom.previewImg.src = frame.src;
        dom.previewImg.alt = `Preview samples at step ${frame.step}`;
        dom.previewImg.dataset.step = String(frame.step);
        const which = dom.selected === last ? 'latest' : `${dom.selected + 1} of ${previews.length}`;
        dom.caption.textContent = `Step ${frame.step} (${which})`;
        dom.slider.setAttribute('aria-valuetext', `step ${frame.step}`);
    }
}
