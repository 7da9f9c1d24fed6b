/**
 * One chart of a training: a line series per metric (chart.js) and, on a second tab, a table of
 * the recent steps with a column per metric, the accessible alternative to the canvas.
 */
import {
    CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration,
} from 'chart.js';
import { h } from '../shared/dom.js';
import { formatMetric } from '../shared/format.js';
import type { MetricPoint, TrainingView } from './contract.js';
import type { ChartGroup } from './metrics.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

export type MetricChart = Chart<'line', Array<{ x: number; y: number }>>;

const TABLE_ROWS = 20;

/** Series colors in order: the first two are the red/blue the GAN losses always had. */
const SERIES_COLORS: ReadonlyArray<[variable: string, fallback: string]> = [
    ['--vscode-charts-red', '#f14c4c'], ['--vscode-charts-blue', '#3794ff'], ['--vscode-charts-yellow', '#cca700'],
    ['--vscode-charts-green', '#89d185'], ['--vscode-charts-orange', '#d18616'], ['--vscode-charts-purple', '#b180d7'],
];

export class ChartCard {
    readonly element: HTMLElement;
    readonly chart: MetricChart;
    private readonly canvas: HTMLCanvasElement;
    private readonly table: HTMLElement & { rowsData?: unknown; columnDefinitions?: unknown };

    /** `id`: unique among the page's cards (tab ids derive from it). */
    constructor(readonly group: ChartGroup, id: string, trainingLabel: string) {
        const { chart, specs } = group;
        this.canvas = h('canvas', { role: 'img', 'aria-label': `${chart} curves` });
        this.table = h('vscode-data-grid', {
            'aria-label': `${trainingLabel}: recent ${chart.toLowerCase()} values`,
            'grid-template-columns': Array(specs.length + 1).fill('1fr').join(' '),
        });
        this.table.columnDefinitions = [
            { columnDataKey: 'step', title: 'Step' }, ...specs.map(s => ({ columnDataKey: s.name, title: s.label })),
        ];
        this.element = h('figure', { class: 'card', 'data-chart': chart },
            h('vscode-panels', { 'aria-label': chart },
                h('vscode-panel-tab', { id: `tab-chart-${id}` }, 'Chart'),
                h('vscode-panel-tab', { id: `tab-table-${id}` }, 'Table'),
                h('vscode-panel-view', { id: `view-chart-${id}` }, h('div', { class: 'chart-box' }, this.canvas)),
                h('vscode-panel-view', { id: `view-table-${id}` }, this.table)));
        this.chart = new Chart(this.canvas, chartConfig(group)) as MetricChart;
        this.applyTheme();
    }

    update(t: TrainingView): void {
        const { chart, specs } = this.group;
        const points = t.points.filter(p => specs.some(s => p.values[s.name] !== undefined));
        this.chart.data.datasets.forEach((dataset, i) => {
            const name = specs[i].name;
            dataset.data = points.filter(p => p.values[name] !== undefined).map(p => ({ x: p.step, y: p.values[name] }));
        });
        // A fixed axis over the whole training: the curve grows across it.
        (this.chart.options.scales!.x as { max?: number }).max = t.max > 0 ? t.max : undefined;
        this.chart.update('none');
        const last = points[points.length - 1];
        this.canvas.setAttribute('aria-label', last
            ? `${chart} curves over ${points.length} steps; at step ${last.step}: ${describe(last, this.group)}`
            : `${chart} curves (no steps yet)`);
        this.table.rowsData = points.slice(-TABLE_ROWS).reverse().map(p => {
            const row: Record<string, string> = { step: String(p.step) };
            for (const s of specs) row[s.name] = formatMetric(p.values[s.name]);
            return row;
        });
    }

    /** Colors from the current VS Code theme (the --vscode-charts-* variables). */
    applyTheme(): void {
        const css = getComputedStyle(document.documentElement);
        const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
        const fg = v('--vscode-foreground', '#cccccc');
        const grid = v('--vscode-charts-lines', 'rgba(128,128,128,0.3)');
        this.chart.data.datasets.forEach((dataset, i) => {
            const [variable, fallback] = SERIES_COLORS[i % SERIES_COLORS.length];
            dataset.borderColor = dataset.backgroundColor = v(variable, fallback);
        });
        const scales = this.chart.options.scales as Record<string, { ticks?: { color?: string }; grid?: { color?: string }; title?: { color?: string } }>;
        for (const axis of Object.values(scales)) {
            axis.ticks = { ...axis.ticks, color: fg };
            axis.grid = { ...axis.grid, color: grid };
            axis.title = { ...axis.title, color: fg };
        }
        const legend = this.chart.options.plugins!.legend!;
        legend.labels = { ...legend.labels, color: fg };
        this.chart.update('none');
    }

    destroy(): void {
        this.chart.destroy();
        this.element.remove();
    }
}

/** `D loss 0.6931, G loss 0.7` */
function describe(point: MetricPoint, group: ChartGroup): string {
    return group.specs.map(s => `${s.label} ${formatMetric(point.values[s.name])}`).join(', ');
}

function chartConfig(group: ChartGroup): ChartConfiguration<'line', Array<{ x: number; y: number }>> {
    return {
        type: 'line',
        data: {
            datasets: group.specs.map(s => ({ label: s.label, data: [], borderWidth: 1.5, pointRadius: 0, tension: 0.2 })),
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
                y: { type: 'linear', title: { display: true, text: group.chart.toLowerCase() } },
            },
            plugins: { legend: { position: 'bottom' } },
        },
    };
}
