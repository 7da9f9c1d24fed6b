/**
 * Loads a panel bundle (Outputs or Dashboard) in headless Chromium the way VS Code does: the
 * page from the panel's real HTML builder with its strict CSP, served from a fake webview
 * origin that also serves the output files (like `asWebviewUri`), a fake `acquireVsCodeApi`
 * that records posted messages and keeps `setState`, and a fake host that turns run events
 * into host messages with the same rules as the real one (files in the output folder by URI,
 * temporary files inlined with the host's own `readDataUri`). CSP violations and page errors
 * are collected so every test fails on them.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { assertClean, launchChromium, openWebviewPage, screenshotPath } from '../fake-host.js';
import type { RunEvent } from '../../../catalog/src/run-events.js';
import { builtinMetrics, dashboardEventMessage, type MetricLookup } from '../../../client/src/panels/dashboard-messages.js';
import { isInside, readDataUri } from '../../../client/src/panels/image-source.js';
import { buildDashboardHtml } from '../../../webview/src/dashboard/html.js';
import { buildOutputsHtml } from '../../../webview/src/outputs/html.js';
import { makeNonce } from '../../../webview/src/shared/csp.js';

// Callbacks passed to page.evaluate run in the browser; the root tsconfig has no DOM lib.
declare const window: any, document: any;
declare function requestAnimationFrame(callback: (time: number) => void): number;

export const ORIGIN = 'https://panel-webview.test';

export type PanelName = 'outputs' | 'dashboard';

export { assertClean, launchChromium, screenshotPath };

/** The webview URI of a file, as `asWebviewUri` would give it. */
export function webviewUri(path: string): string {
    return `${ORIGIN}/files${path.split('/').map(encodeURIComponent).join('/')}`;
}

export interface PanelPage {
    page: Page;
    /** Messages the view posted to the host, in order. */
    posted(): Promise<Array<{ type: string; [key: string]: unknown }>>;
    clearPosted(): Promise<void>;
    /** What the view last stored with setState. */
    savedState(): Promise<unknown>;
    /** Sends a host message and waits until the view has rendered it. */
    send(message: unknown): Promise<void>;
    /** Feeds run events through the fake host, then waits for the render. */
    feed(events: RunEvent[]): Promise<void>;
    /** CSP violations reported by the page (securitypolicyviolation events and console). */
    violations(): Promise<string[]>;
    errors: string[];
    close(): Promise<void>;
}

export interface OpenOptions {
    width?: number;
    height?: number;
    /** What getState returns (a reload). */
    state?: unknown;
    /** Output folders served as webview resources (the panel's localResourceRoots). */
    roots?: string[];
    /** The dashboard host's catalog of declared metrics (default: the built-in schemas). */
    metrics?: MetricLookup;
}

export async function openPanel(browser: Browser, name: PanelName, options: OpenOptions = {}): Promise<PanelPage> {
    const build = name === 'outputs' ? buildOutputsHtml : buildDashboardHtml;
    const html = build({ scriptUri: `${ORIGIN}/dist/webview/${name}.js`, cspSource: ORIGIN, nonce: makeNonce() });
    const roots = options.roots ?? [];
    const { page, errors, consoleCsp, remote } = await openWebviewPage(browser, {
        name, origin: ORIGIN, html, viewport: { width: options.width ?? 1100, height: options.height ?? 800 }, state: options.state,
        serve: (url, route) => {
            if (!url.pathname.startsWith('/files/')) return undefined;
            const file = decodeURIComponent(url.pathname.slice('/files'.length));
            // Like VS Code: only files under the resource roots are served.
            if (!roots.some(r => isInside(file, r))) return route.fulfill({ status: 403, body: 'outside localResourceRoots' });
            try {
                return route.fulfill({ contentType: 'image/png', body: readFileSync(file) });
            } catch {
                return route.fulfill({ status: 404, body: 'not found' });
            }
        },
    });
    const rootSelector = name === 'outputs' ? '#outputs-root' : '#dashboard-root';

    const panel: PanelPage = {
        page,
        errors,
        posted: () => page.evaluate(() => window.__posted),
        clearPosted: () => page.evaluate(() => { window.__posted.length = 0; }),
        savedState: () => page.evaluate(() => window.__state),
        async send(message) {
            const before = await page.evaluate((sel: string) => document.querySelector(sel)?.dataset.rendered ?? '0', rootSelector);
            await page.evaluate(m => window.postMessage(m, '*'), message);
            // A message that changes nothing renders nothing: give it two frames, then go on.
            await page.waitForFunction(([sel, b]: string[]) => (document.querySelector(sel)?.dataset.rendered ?? '0') !== b, [rootSelector, before], { timeout: 2000 })
                .catch(() => undefined);
            await page.evaluate(() => new Promise(r => requestAnimationFrame(() => r(undefined))));
        },
        async feed(events) {
            const messages = [];
            for (const event of events) {
                messages.push(name === 'dashboard' ? await dashboardMessage(event, options.metrics ?? builtinMetrics) : await outputsMessage(event, roots));
            }
            const before = await page.evaluate((sel: string) => document.querySelector(sel)?.dataset.rendered ?? '0', rootSelector);
            await page.evaluate((ms: unknown[]) => { for (const m of ms) window.postMessage(m, '*'); }, messages);
            await page.waitForFunction(([sel, b]: string[]) => (document.querySelector(sel)?.dataset.rendered ?? '0') !== b, [rootSelector, before], { timeout: 5000 })
                .catch(() => undefined);
            await page.evaluate(() => new Promise(r => requestAnimationFrame(() => r(undefined))));
        },
        violations: async () => [
            ...consoleCsp, ...await page.evaluate(() => window.__csp),
            ...remote.map(u => `remote request ${u}`),
        ],
        close: () => page.context().close(),
    };
    return panel;
}

/** What the real Outputs host sends for an event (outputs-panel.ts). */
async function outputsMessage(event: RunEvent, roots: string[]): Promise<unknown> {
    if (event.event === 'image') {
        const src = roots.some(r => isInside(event.path, r)) ? webviewUri(event.path) : await readDataUri(event.path);
        return { type: 'event', event, src };
    }
    return { type: 'event', event };
}

/** What the real dashboard host sends for an event (dashboard-panel.ts). */
async function dashboardMessage(event: RunEvent, metrics: MetricLookup): Promise<unknown> {
    return dashboardEventMessage(event, metrics, event.event === 'preview' ? await readDataUri(event.path) : undefined);
}
