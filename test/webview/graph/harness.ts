/**
 * Loads the graph webview bundle in headless Chromium the way VS Code does: the HTML from
 * `buildGraphHtml` with its strict CSP, served from a fake webview origin, a fake
 * `acquireVsCodeApi` that records posted messages, and host messages sent with postMessage.
 * CSP violations are collected so every test can fail on them.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { installFakeVsCodeHost, launchChromium } from '../fake-host.js';
import { buildGraphHtml, makeNonce } from '../../../webview/src/graph/html.js';
import type { HostToViewMessage, ViewToHostMessage } from '../../../webview/src/graph/contract.js';

// Callbacks passed to page.evaluate run in the browser; the root tsconfig has no DOM lib.
declare const window: any, document: any, performance: { now(): number };
declare function requestAnimationFrame(callback: (time: number) => void): number;

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const SCREENSHOTS = join(REPO, 'test-output/webview');
const ORIGIN = 'https://graph-webview.test';

let bundle: Promise<string> | undefined;

/** The webview entry bundled exactly as scripts/bundle.mjs does (iife, browser), in memory. */
export function graphBundle(): Promise<string> {
    bundle ??= esbuild.build({
        entryPoints: [join(REPO, 'webview/src/graph/main.ts')],
        bundle: true, format: 'iife', platform: 'browser', target: 'es2022', write: false, logLevel: 'error',
    }).then(r => r.outputFiles[0].text);
    return bundle;
}

export { launchChromium };

export interface GraphPage {
    page: Page;
    /** Messages the view posted to the host, in order. */
    posted(): Promise<ViewToHostMessage[]>;
    clearPosted(): Promise<void>;
    send(message: HostToViewMessage): Promise<void>;
    /** Sends an update and waits until it is drawn. */
    update(message: HostToViewMessage): Promise<void>;
    /** CSP violations reported by the page (securitypolicyviolation events and console). */
    violations(): Promise<string[]>;
    errors: string[];
}

export async function openGraphPage(browser: Browser, options: { width?: number; height?: number; state?: unknown } = {}): Promise<GraphPage> {
    const context = await browser.newContext({ viewport: { width: options.width ?? 1400, height: options.height ?? 900 } });
    const page = await context.newPage();
    const js = await graphBundle();
    const nonce = makeNonce();
    const html = buildGraphHtml({ scriptUri: `${ORIGIN}/dist/webview/graph.js`, cspSource: ORIGIN, nonce, title: 'test.flow' });
    await page.route(`${ORIGIN}/**`, route => {
        const url = new URL(route.request().url());
        if (url.pathname === '/index.html') return route.fulfill({ contentType: 'text/html', body: html });
        if (url.pathname === '/dist/webview/graph.js') return route.fulfill({ contentType: 'text/javascript', body: js });
        return route.fulfill({ status: 404, body: 'not found' });
    });
    const { errors, consoleCsp } = await installFakeVsCodeHost(page, ORIGIN, options.state);
    await page.goto(`${ORIGIN}/index.html`);
    await page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted.some(m => m.type === 'ready'));
    const gp: GraphPage = {
        page,
        errors,
        posted: () => page.evaluate(() => (window as unknown as { __posted: ViewToHostMessage[] }).__posted),
        clearPosted: () => page.evaluate(() => { (window as unknown as { __posted: unknown[] }).__posted.length = 0; }),
        send: m => page.evaluate(msg => window.postMessage(msg, '*'), m),
        async update(m) {
            const before = await page.evaluate(() => document.getElementById('graph-root')?.dataset.rendered ?? '0');
            await gp.send(m);
            await page.waitForFunction(b => (document.getElementById('graph-root')?.dataset.rendered ?? '0') !== b, before);
            await page.evaluate(() => new Promise(r => requestAnimationFrame(() => r(undefined))));
        },
        violations: async () => [...consoleCsp, ...await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)],
    };
    return gp;
}

export function screenshotPath(name: string): string {
    mkdirSync(SCREENSHOTS, { recursive: true });
    return join(SCREENSHOTS, `${name}.png`);
}

/**
 * Posts `message` inside the page and measures until the frame after the render is painted
 * (the render's DOM is committed, then two animation frames: layout, paint, composite).
 */
export async function timeToPaint(gp: GraphPage, message: HostToViewMessage): Promise<{ ms: number; layoutMs: number; domMs: number; nodes: number; reused: number }> {
    return gp.page.evaluate(async (msg) => {
        const root = document.getElementById('graph-root');
        const before = root.dataset.rendered ?? '0';
        const t0 = performance.now();
        window.postMessage(msg, '*');
        await new Promise<void>(resolve => {
            const check = () => (root.dataset.rendered ?? '0') !== before ? resolve() : setTimeout(check, 1);
            check();
        });
        await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
        const stats = window.flowGraphView.lastRender;
        return { ms: performance.now() - t0, layoutMs: stats.layoutMs, domMs: stats.domMs, nodes: document.querySelectorAll('.node').length, reused: window.flowGraphView.lastReused };
    }, message);
}
