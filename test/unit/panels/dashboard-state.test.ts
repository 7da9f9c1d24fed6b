import assert from 'node:assert/strict';
import type { ProgressEvent, RunEvent } from '../../../catalog/src/run-events.js';
import { builtinMetrics, dashboardEventMessage, type MetricLookup } from '../../../client/src/panels/dashboard-messages.js';
import type { DashboardState } from '../../../webview/src/dashboard/contract.js';
import { chartGroups, UNDECLARED_CHART } from '../../../webview/src/dashboard/metrics.js';
import { EMPTY_DASHBOARD, MAX_POINTS, MAX_PREVIEWS, progressSummary, reduceDashboard, thin } from '../../../webview/src/dashboard/state.js';
import { asRun, loadEvents, trainingRun } from './event-fixtures.js';

/** The events as the host sends them (declared metrics from `lookup`), reduced. */
const feed = (events: RunEvent[], state: DashboardState = EMPTY_DASHBOARD, lookup: MetricLookup = builtinMetrics) =>
    events.reduce((s, event) => reduceDashboard(s, dashboardEventMessage(event, lookup, event.event === 'preview' ? `data:${event.step}` : undefined)), state);

describe('training dashboard state', () => {
    const quickstart = loadEvents('quickstart');
    const progress = quickstart.filter((e): e is ProgressEvent => e.event === 'progress');
    const previews = quickstart.filter(e => e.event === 'preview');

    it('draws every recorded training step and keeps every preview grid', () => {
        const state = feed(quickstart);
        assert.equal(state.status, 'success');
        assert.equal(state.workflow, 'Quickstart');
        assert.equal(state.trainings.length, 1);
        const t = state.trainings[0];
        assert.equal(t.node, 'trained');
        assert.equal(t.points.length, progress.length);
        assert.deepEqual(t.specs, [{ name: 'dLoss', label: 'D loss', chart: 'Loss' }, { name: 'gLoss', label: 'G loss', chart: 'Loss' }]);
        assert.equal(t.declared, true);
        assert.deepEqual(t.points[0], { step: progress[0].metrics!.step, values: { dLoss: progress[0].metrics!.dLoss, gLoss: progress[0].metrics!.gLoss } });
        assert.ok(t.points.every((p, i) => i === 0 || p.step > t.points[i - 1].step), 'steps increase');
        assert.deepEqual(t.previews.map(p => p.src), previews.map(p => `data:${(p as { step: number }).step}`));
        assert.equal(t.done, true);
        assert.equal(t.etaMs, undefined);
        const last = progress[progress.length - 1];
        assert.equal(t.value, last.value);
        assert.equal(t.epoch, last.metrics!.epoch);
        assert.deepEqual(progressSummary(t), { step: `${last.value} / ${last.max}`, epoch: String(last.metrics!.epoch), eta: 'done', percent: 100 });
    });

    it('reports step, epoch and ETA mid-training', () => {
        const mid = quickstart.indexOf(progress[Math.floor(progress.length / 2)]);
        const state = feed(quickstart.slice(0, mid + 1));
        const t = state.trainings[0];
        const p = progress[Math.floor(progress.length / 2)];
        assert.equal(state.status, 'running');
        assert.equal(t.done, false);
        assert.equal(t.etaMs, p.etaMs);
        assert.match(progressSummary(t).eta, /^\d+:\d\d$/);
    });

    it('keeps the last training on screen through a run that does not train, and replaces it when one does', () => {
        const trained = feed(quickstart);
        const start = quickstart[0];
        const cached = feed([
            { ...start, runId: 'cached', time: start.time + 1000 },
            { event: 'node-cached', node: 'trained', type: 'TrainGAN', source: 'disk', runId: 'cached', time: start.time + 1001 },
            { event: 'run-end', status: 'success', ms: 3, executed: 0, cached: 7, runId: 'cached', time: start.time + 1003 },
        ], trained);
        assert.equal(cached.runId, 'cached');
        assert.equal(cached.trainingRunId, start.runId);
        assert.equal(cached.trainings, trained.trainings);
        const retrained = feed(asRun(quickstart.slice(0, quickstart.indexOf(progress[2]) + 1), 'again', 5000), cached);
        assert.equal(retrained.trainingRunId, 'again');
        assert.equal(retrained.trainings[0].points.length, 3);
        assert.equal(retrained.trainings[0].previews.length, 0);
    });

    it('ignores progress without losses and previews without an image', () => {
        const state = feed(quickstart.slice(0, 1));
        const plain = reduceDashboard(state, { type: 'event', event: { ...progress[0], metrics: undefined } });
        assert.equal(plain, state);
        assert.equal(reduceDashboard(state, { type: 'event', event: previews[0] }), state);
    });

    it('thins long trainings instead of dropping their start', () => {
        const many = Array.from({ length: MAX_POINTS + 1 }, (_, i) => i);
        const thinned = thin(many, MAX_POINTS);
        assert.ok(thinned.length <= MAX_POINTS);
        assert.equal(thinned[0], 0);
        assert.equal(thinned[thinned.length - 1], MAX_POINTS);
        assert.ok(MAX_PREVIEWS > 0);
        let state = feed(quickstart.slice(0, 1));
        const p = progress[0];
        for (let step = 1; step <= MAX_POINTS * 2; step++) {
            state = reduceDashboard(state, { type: 'event', event: { ...p, value: step, max: MAX_POINTS * 2, metrics: { dLoss: 1, gLoss: 1, epoch: 1, step } } });
        }
        const points = state.trainings[0].points;
        assert.ok(points.length <= MAX_POINTS);
        assert.equal(points[0].step, 1);
        assert.equal(points[points.length - 1].step, MAX_POINTS * 2);
    });

    it('draws a diffusion training from the loss TrainDiffusion declares', () => {
        const state = feed(trainingRun({ runId: 'diffusion', node: 'model', type: 'TrainDiffusion', steps: 5, metrics: step => ({ loss: 1 / step, epoch: 1 }) }));
        assert.deepEqual(state.metricSpecs, { model: [{ name: 'loss', label: 'Loss', chart: 'Loss' }] });
        const t = state.trainings[0];
        assert.deepEqual(t.specs, [{ name: 'loss', label: 'Loss', chart: 'Loss' }]);
        assert.deepEqual(t.points.map(p => p.values), [1, 0.5, 1 / 3, 0.25, 0.2].map(loss => ({ loss })));
        assert.deepEqual(t.points.map(p => p.step), [1, 2, 3, 4, 5]);
        assert.equal(t.epoch, 1);
        assert.equal(t.done, true);
    });

    it('draws every numeric metric of a trainer that declares none, bookkeeping aside, on one chart', () => {
        const events = trainingRun({
            runId: 'pack', node: 'agent', type: 'TrainAgent', steps: 4,
            // `entropy` only from step 3: the series appears when the metric does.
            metrics: step => ({ reward: step, epoch: 1, resumedFrom: 0, ...(step >= 3 ? { entropy: 2 * step } : {}), ...(step === 2 ? { kl: Number.NaN } : {}) }),
        });
        const state = feed(events);
        assert.deepEqual(state.metricSpecs, {}, 'the built-in catalog does not know the pack trainer');
        const t = state.trainings[0];
        assert.equal(t.declared, false);
        assert.deepEqual(t.specs, [{ name: 'reward', label: 'reward', chart: UNDECLARED_CHART }, { name: 'entropy', label: 'entropy', chart: UNDECLARED_CHART }]);
        assert.deepEqual(t.points.map(p => p.values), [{ reward: 1 }, { reward: 2 }, { reward: 3, entropy: 6 }, { reward: 4, entropy: 8 }]);
        assert.deepEqual(chartGroups(t.specs).map(g => g.chart), [UNDECLARED_CHART]);

        // With a host that knows the pack (a lookup that declares it), only the declared metric is drawn.
        const known = feed(events, EMPTY_DASHBOARD, type => (type === 'TrainAgent' ? [{ name: 'reward', label: 'Reward', chart: 'Return' }] : undefined));
        assert.deepEqual(known.trainings[0].specs, [{ name: 'reward', label: 'Reward', chart: 'Return' }]);
        assert.deepEqual(known.trainings[0].points.map(p => p.values), [1, 2, 3, 4].map(reward => ({ reward })));
    });

    it('groups metrics into one chart per distinct chart, in order of appearance', () => {
        const groups = chartGroups([
            { name: 'dLoss', label: 'D loss', chart: 'Loss' }, { name: 'fid', label: 'FID', chart: 'Quality' }, { name: 'gLoss', label: 'G loss', chart: 'Loss' },
        ]);
        assert.deepEqual(groups.map(g => [g.chart, g.specs.map(s => s.name)]), [['Loss', ['dLoss', 'gLoss']], ['Quality', ['fid']]]);
    });

    it('init replaces the state (host -> view on open)', () => {
        const state = feed(quickstart);
        assert.equal(reduceDashboard(EMPTY_DASHBOARD, { type: 'init', state }), state);
    });
});
