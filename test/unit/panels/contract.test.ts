import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinMetrics, dashboardEventMessage } from '../../../client/src/panels/dashboard-messages.js';
import { isInside, readDataUri } from '../../../client/src/panels/image-source.js';
import type { DashboardHostMessage, DashboardViewMessage } from '../../../webview/src/dashboard/contract.js';
import { isDashboardViewMessage } from '../../../webview/src/dashboard/contract.js';
import { buildDashboardHtml } from '../../../webview/src/dashboard/html.js';
import { EMPTY_DASHBOARD, reduceDashboard } from '../../../webview/src/dashboard/state.js';
import type { OutputsHostMessage, OutputsViewMessage } from '../../../webview/src/outputs/contract.js';
import { isOutputsViewMessage } from '../../../webview/src/outputs/contract.js';
import { buildOutputsHtml } from '../../../webview/src/outputs/html.js';
import { EMPTY_OUTPUTS, reduceOutputs } from '../../../webview/src/outputs/state.js';
import { makeNonce, panelContentSecurityPolicy } from '../../../webview/src/shared/csp.js';
import { loadEvents } from './event-fixtures.js';
import { makePng } from './png-helpers.js';

/** What postMessage does to a message (structured clone; JSON is stricter, so this is safe). */
const roundTrip = <T>(m: T): T => JSON.parse(JSON.stringify(m)) as T;

describe('panel contracts', () => {
    const events = loadEvents('quickstart');

    it('host -> view messages survive the trip and reduce to the same state on both sides', () => {
        const outputs: OutputsHostMessage[] = events.map(event => ({ type: 'event', event, ...(event.event === 'image' ? { src: 'https://x/y.png' } : {}) }));
        const host = outputs.reduce(reduceOutputs, EMPTY_OUTPUTS);
        const view = outputs.map(roundTrip).reduce(reduceOutputs, EMPTY_OUTPUTS);
        assert.deepEqual(view, host);
        assert.deepEqual(reduceOutputs(EMPTY_OUTPUTS, roundTrip({ type: 'init', state: host })), host);

        const dashboard: DashboardHostMessage[] = events.map(event => dashboardEventMessage(event, builtinMetrics, event.event === 'preview' ? 'data:image/png;base64,AA' : undefined));
        const dHost = dashboard.reduce(reduceDashboard, EMPTY_DASHBOARD);
        assert.deepEqual(dashboard.map(roundTrip).reduce(reduceDashboard, EMPTY_DASHBOARD), dHost);
    });

    it('the host accepts exactly the view messages of the contract', () => {
        const valid: OutputsViewMessage[] = [
            { type: 'ready' }, { type: 'open-file', path: '/a.png' }, { type: 'reveal', path: '/a.png', target: 'explorer' },
            { type: 'reveal', path: '/a.png', target: 'os' }, { type: 'copy-path', path: '/a.png' },
        ];
        for (const m of valid) assert.ok(isOutputsViewMessage(roundTrip(m)), JSON.stringify(m));
        for (const m of [null, 'ready', {}, { type: 'open-file' }, { type: 'reveal', path: '/a', target: 'shell' }, { type: 'copy-path', path: 3 }, { type: 'delete', path: '/a' }]) {
            assert.equal(isOutputsViewMessage(m), false, JSON.stringify(m));
        }
        const dValid: DashboardViewMessage[] = [{ type: 'ready' }, { type: 'open-preview', node: 'trained', step: 20 }];
        for (const m of dValid) assert.ok(isDashboardViewMessage(roundTrip(m)));
        for (const m of [undefined, { type: 'open-preview', node: 'x' }, { type: 'open-file', path: '/a' }]) assert.equal(isDashboardViewMessage(m), false);
    });

    it('pages carry a strict CSP with a fresh nonce on the one style and the one script', () => {
        const nonce = makeNonce();
        assert.match(nonce, /^[A-Za-z0-9]{32}$/);
        assert.notEqual(makeNonce(), nonce);
        const source = 'https://file+.vscode-resource.vscode-cdn.net';
        for (const build of [buildOutputsHtml, buildDashboardHtml]) {
            const html = build({ scriptUri: `${source}/ext/dist/webview/x.js`, cspSource: source, nonce });
            const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1];
            assert.equal(csp, panelContentSecurityPolicy(source, nonce));
            assert.match(csp, /^default-src 'none'; /);
            assert.ok(csp.includes(`img-src ${source} data:`));
            assert.ok(csp.includes(`script-src 'nonce-${nonce}'`));
            assert.ok(!csp.includes('unsafe'), 'no unsafe-inline / unsafe-eval');
            assert.equal(html.match(/<script/g)!.length, 1);
            assert.equal(html.match(/<style/g)!.length, 1);
            assert.ok(html.includes(`<script nonce="${nonce}" src="${source}/ext/dist/webview/x.js">`));
            assert.ok(html.includes(`<style nonce="${nonce}">`));
            assert.ok(!/\sstyle="/.test(html), 'no style attributes');
            assert.ok(!/https?:\/\/(?!file\+\.vscode-resource)/.test(html), 'nothing remote');
        }
        assert.throws(() => buildOutputsHtml({ scriptUri: 'x', cspSource: 'y', nonce: 'short' }), /nonce/);
    });

    it('inlines files outside the resource roots as data: URIs, and only images that exist', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'flow-src-'));
        try {
            const png = makePng(2, 2);
            writeFileSync(join(dir, 'a.png'), png);
            writeFileSync(join(dir, 'a.txt'), 'x');
            assert.equal(await readDataUri(join(dir, 'a.png')), `data:image/png;base64,${png.toString('base64')}`);
            assert.equal(await readDataUri(join(dir, 'a.png'), 10), '');
            assert.equal(await readDataUri(join(dir, 'a.txt')), '');
            assert.equal(await readDataUri(join(dir, 'gone.png')), '');
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
        assert.ok(isInside('/ws/flow-output/q/a.png', '/ws/flow-output'));
        assert.ok(isInside('/ws/flow-output', '/ws/flow-output'));
        assert.ok(!isInside('/ws/flow-output-2/a.png', '/ws/flow-output'));
        assert.ok(!isInside('/ws/flow-output/../secret.png', '/ws/flow-output'));
    });
});
