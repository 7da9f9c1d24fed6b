/**
 * Loads the graph webview bundle in headless Chromium the way VS Code does: the HTML from
 * `buildGraphHtml` with its strict CSP, served from a fake webview origin, a fake
 * `acquireVsCodeApi` that records posted messages, and host messages sent with postMessage.
 * CSP violations are collected so every test can fail on them.
 */
import type { Browser, Page } from 'playwright-core';
import { assertClean, launchChromium, openWebviewPage, REPO, screenshotPath } from '../fake-host.js';
import { buildGraphHtml } from '../../../webview/src/graph/html.js';
import { makeNonce } from '../../../webview/src/shared/csp.js';
import type { HostToViewMessage, ViewToHostMessage } from '../../../webview/src/graph/contract.js';

// Callbacks passed to page.evaluate run in the browser; the root tsconfig has no DOM lib.
declare const window: any, document: any, performance: { now(): number };
declare function requestAnimationFrame(callback: (time: number) => void): number;

const ORIGIN = 'https://graph-webview.test';

export { assertClean, launchChromium, REPO, screenshotPath };

/** A `#rrggbb` colour as the browser's computed style writes it (`rgb(r, g, b)`). */
export const cssRgb = (hex: string): string => `rgb(${[1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

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
    const html = buildGraphHtml({ scriptUri: `${ORIGIN}/dist/webview/graph.js`, cspSource: ORIGIN, nonce: makeNonce(), title: 'test.flow' });
    const { page, errors, consoleCsp } = await openWebviewPage(browser, {
        name: 'graph', origin: ORIGIN, html, viewport: { width: options.width ?? 1400, height: options.height ?? 900 }, state: options.state,
    });
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

/** Renames node `id` the keyboard way: F2 on it, the new name over the old, Enter. */
export async function renameWithKeyboard(gp: GraphPage, id: string, name: string): Promise<void> {
    const node = gp.page.locator(`.node[data-node-id="${id}"]`);
    await node.focus();
    await gp.page.keyboard.press('F2');
    await node.locator('vscode-text-field').waitFor();
    await gp.page.waitForFunction(() => document.activeElement?.tagName === 'VSCODE-TEXT-FIELD');
    await gp.page.keyboard.press('Control+A');
    await gp.page.keyboard.type(name);
    await gp.page.keyboard.press('Enter');
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
