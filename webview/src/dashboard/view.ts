/**
 * The training dashboard: per training node, step/epoch/ETA, live discriminator and
 * generator loss curves (chart.js, with a table of recent steps as the accessible
 * alternative), and the preview grids with a slider to scrub back through earlier ones.
 * The slider follows the newest grid until the user moves it back.
 */
import {
    CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration,
} from 'chart.js';
import { cssId, h } from '../shared/dom.js';
import type { PanelHost } from '../shared/mount.js';
import { formatClock, formatDuration, formatMetric } from '../shared/format.js';
import type { DashboardHostMessage, DashboardPersistedState, DashboardState, DashboardViewMessage, TrainingView } from './contract.js';
import { EMPTY_DASHBOARD, progressSummary, reduceDashboard } from './state.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

export type DashboardHost = PanelHost<DashboardViewMessage, DashboardPersistedState>;

type LossChart = Chart<'line', Array<{ x: number; y: number }>>;

interface TrainingDom {
    training: TrainingView;
    section: HTMLElement;
    stats: Record<'step' | 'epoch' | 'eta' | 'dLoss' | 'gLoss', HTMLElement>;
    progress: HTMLProgressElement;
    canvas: HTMLCanvasElement;
    chart: LossChart;
    table: HTMLElement & { rowsData?: unknown; columnDefinitions?: unknown };
    previewImg: HTMLImageElement;
    previewButton: HTMLButtonElement;
    slider: HTMLInputElement;
    caption: HTMLElement;
    latest: HTMLElement;
    /** Follow the newest preview until the user scrubs back. */
    follow: boolean;
    selected: number;
}

const TABLE_ROWS = 20;

export class DashboardView {
    state: DashboardState = EMPTY_DASHBOARD;
    private readonly header: HTMLElement;
    private readonly list: HTMLElement;
    private readonly doms = new Map<string, TrainingDom>();
    private frame = 0;
    private renders = 0;

    constructor(private readonly root: HTMLElement, private readonly host: DashboardHost) {
        const persisted = host.getState();
        if (persisted?.version === 1) this.state = persisted.state;
        this.header = h('div', { class: 'toolbar', role: 'status', 'aria-live': 'polite' });
        this.list = h('div', { class: 'trainings' });
        root.append(this.header, this.list);
        // VS Code swaps the theme by changing body classes and the --vscode-* variables.
        new MutationObserver(() => { for (const d of this.doms.values()) applyChartTheme(d.chart); })
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

    /** The chart of a training node (tests read its data). */
    chartOf(node: string): LossChart | undefined {
        return this.doms.get(`${this.state.trainingRunId}|${node}`)?.chart;
    }

    render(): void {
        this.renderHeader();
        const { trainings } = this.state;
        // Keyed by run too: a new training gets a fresh chart, slider and preview.
        const key = (t: TrainingView) => `${this.state.trainingRunId}|${t.node}`;
        const keep = new Set(trainings.map(key));
        for (const [k, dom] of this.doms) {
            if (keep.has(k)) continue;
            dom.chart.destroy();
            dom.section.remove();
            this.doms.delete(k);
        }
        if (trainings.length === 0) {
            if (!this.list.querySelector('.empty')) {
                this.list.replaceChildren(h('p', { class: 'empty' }, 'No training yet. Loss curves and preview grids appear here while a workflow trains a model (TrainGAN).'));
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
        this.host.setState({ version: 1, state: this.state });
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
        const stat = (label: string, key: string) => {
            const dd = h('dd', { 'data-stat': key }, '—');
            return { el: h('div', {}, h('dt', {}, label), dd), dd };
        };
        const step = stat('Step', 'step'), epoch = stat('Epoch', 'epoch'), eta = stat('ETA', 'eta');
        const dLoss = stat('D loss', 'dLoss'), gLoss = stat('G loss', 'gLoss');
        const progress = h('progress', { class: 'training-progress', max: 1, value: 0, 'aria-label': `${t.label} progress` });
        const canvas = h('canvas', { role: 'img', 'aria-label': 'Loss curves' });
        const table: TrainingDom['table'] = h('vscode-data-grid', { 'aria-label': `${t.label}: recent losses`, 'grid-template-columns': '1fr 1fr 1fr' });
        table.columnDefinitions = [
            { columnDataKey: 'step', title: 'Step' }, { columnDataKey: 'dLoss', title: 'D loss' }, { columnDataKey: 'gLoss', title: 'G loss' },
        ];
        const previewImg = h('img', { alt: 'No preview yet', class: 'preview-image' });
        const previewButton = h('button', { class: 'preview-frame', type: 'button', 'aria-label': 'Open this preview grid in an editor' }, previewImg);
        const slider = h('input', { type: 'range', min: 0, max: 0, value: 0, step: 1, 'aria-label': `${t.label}: preview step`, disabled: true });
        const caption = h('span', { class: 'preview-caption muted', 'aria-live': 'polite' }, 'No preview yet');
        const latest = h('vscode-button', { appearance: 'secondary', 'data-action': 'latest', 'aria-label': 'Show the latest preview', disabled: true }, 'Latest');
        const section = h('section', { class: 'training', 'data-node': t.node, 'aria-labelledby': `training-${id}` },
            h('div', { class: 'training-header' }, h('h2', { id: `training-${id}` }, t.label), h('span', { class: 'muted' }, t.node !== t.label ? t.node : '')),
            h('dl', { class: 'stats' }, step.el, epoch.el, eta.el, dLoss.el, gLoss.el),
            progress,
            h('div', { class: 'training-body' },
                h('figure', { class: 'card' },
                    h('vscode-panels', { 'aria-label': 'Losses' },
                        h('vscode-panel-tab', { id: `tab-chart-${id}` }, 'Chart'),
                        h('vscode-panel-tab', { id: `tab-table-${id}` }, 'Table'),
                        h('vscode-panel-view', { id: `view-chart-${id}` }, h('div', { class: 'chart-box' }, canvas)),
                        h('vscode-panel-view', { id: `view-table-${id}` }, table))),
                h('figure', { class: 'card preview-box' },
                    previewButton,
                    h('div', { class: 'preview-controls' }, slider, latest),
                    h('figcaption', {}, caption))),
        );
        const chart = new Chart(canvas, lossChartConfig()) as LossChart;
        applyChartTheme(chart);
        const dom: TrainingDom = {
            training: t, section, stats: { step: step.dd, epoch: epoch.dd, eta: eta.dd, dLoss: dLoss.dd, gLoss: gLoss.dd },
            progress, canvas, chart, table, previewImg, previewButton, slider, caption, latest, follow: true, selected: -1,
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

    private updateTraining(dom: TrainingDom, t: TrainingView): void {
        const changed = dom.training !== t;
        const pointsChanged = dom.training.points !== t.points || dom.chart.data.datasets[0].data.length === 0;
        dom.training = t;
        if (!changed && !pointsChanged) return;
        const summary = progressSummary(t);
        dom.stats.step.textContent = summary.step;
        dom.stats.epoch.textContent = summary.epoch;
        dom.stats.eta.textContent = summary.eta;
        dom.stats.dLoss.textContent = formatMetric(t.metrics.dLoss);
        dom.stats.gLoss.textContent = formatMetric(t.metrics.gLoss);
        dom.progress.max = Math.max(1, t.max);
        dom.progress.value = Math.min(t.value, Math.max(1, t.max));
        if (pointsChanged) {
            const [d, g] = dom.chart.data.datasets;
            d.data = t.points.filter(p => p.dLoss !== undefined).map(p => ({ x: p.step, y: p.dLoss! }));
            g.data = t.points.filter(p => p.gLoss !== undefined).map(p => ({ x: p.step, y: p.gLoss! }));
            // A fixed axis over the whole training: the curve grows across it.
            (dom.chart.options.scales!.x as { max?: number }).max = t.max > 0 ? t.max : undefined;
            dom.chart.update('none');
            const last = t.points[t.points.length - 1];
            dom.canvas.setAttribute('aria-label', last
                ? `Loss curves over ${t.points.length} steps; at step ${last.step}: discriminator ${formatMetric(last.dLoss)}, generator ${formatMetric(last.gLoss)}`
                : 'Loss curves (no steps yet)');
            dom.table.rowsData = t.points.slice(-TABLE_ROWS).reverse()
                .map(p => ({ step: String(p.step), dLoss: formatMetric(p.dLoss), gLoss: formatMetric(p.gLoss) }));
        }
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
        dom.previewImg.alt = `Generator samples at step ${frame.step}`;
        dom.previewImg.dataset.step = String(frame.step);
        const which = dom.selected === last ? 'latest' : `${dom.selected + 1} of ${previews.length}`;
        dom.caption.textContent = `Step ${frame.step} (${which})`;
        dom.slider.setAttribute('aria-valuetext', `step ${frame.step}`);
    }
}

function lossChartConfig(): ChartConfiguration<'line', Array<{ x: number; y: number }>> {
    return {
        type: 'line',
        data: {
            datasets: [
                { label: 'Discriminator', data: [], borderWidth: 1.5, pointRadius: 0, tension: 0.2 },
                { label: 'Generator', data: [], borderWidth: 1.5, pointRadius: 0, tension: 0.2 },
            ],
        },
        options: {
            // Live data: animating every step costs CPU and makes the curve lag.
            animation: false,
            responsive: true,
            maintainAspectRatio: false,
            parsing: false,
            normalized: true,
            interaction: { mode: 'nearest', axis: 'x', intersect: false },
            scales: {
                x: { type: 'linear', title: { display: true, text: 'step' }, ticks: { precision: 0 } },
                y: { type: 'linear', title: { display: true, text: 'loss' } },
            },
            plugins: { legend: { position: 'bottom' } },
        },
    };
}

/** Colors from the current VS Code theme (the --vscode-charts-* variables). */
function applyChartTheme(chart: LossChart): void {
    const css = getComputedStyle(document.documentElement);
    const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
    const fg = v('--vscode-foreground', '#cccccc');
    const grid = v('--vscode-charts-lines', 'rgba(128,128,128,0.3)');
    const [d, g] = chart.data.datasets;
    d.borderColor = d.backgroundColor = v('--vscode-charts-red', '#f14c4c');
    g.borderColor = g.backgroundColor = v('--vscode-charts-blue', '#3794ff');
    const scales = chart.options.scales as Record<string, { ticks?: { color?: string }; grid?: { color?: string }; title?: { color?: string } }>;
    for (const axis of Object.values(scales)) {
        axis.ticks = { ...axis.ticks, color: fg };
        axis.grid = { ...axis.grid, color: grid };
        axis.title = { ...axis.title, color: fg };
    }
    const legend = chart.options.plugins!.legend!;
    legend.labels = { ...legend.labels, color: fg };
    chart.update('none');
}
