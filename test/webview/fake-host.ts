/**
 * What every webview browser test needs around its page: Debian's Chromium, the view's bundle
 * served with its real HTML from a fake webview origin, a fake `acquireVsCodeApi` that records
 * posted messages and keeps state as VS Code does (JSON copies), and a record of page errors,
 * CSP violations and requests that leave the webview.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page, type Route } from 'playwright-core';

// Page functions run in the browser; this Node project has no DOM types.
declare const window: any, document: any;

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '../../..');
export const SCREENSHOTS = join(REPO, 'test-output/webview');

export function screenshotPath(name: string): string {
    mkdirSync(SCREENSHOTS, { recursive: true });
    return join(SCREENSHOTS, `${name}.png`);
}

export type WebviewName = 'graph' | 'outputs' | 'dashboard';

const bundles = new Map<WebviewName, Promise<string>>();

/** The webview entry bundled exactly as scripts/bundle.mjs does (iife, browser), in memory, once per run. */
export function webviewBundle(name: WebviewName): Promise<string> {
    let bundle = bundles.get(name);
    if (!bundle) {
        bundle = esbuild.build({
            entryPoints: [join(REPO, `webview/src/${name}/main.ts`)],
            bundle: true, format: 'iife', platform: 'browser', target: 'es2022', write: false, logLevel: 'error',
        }).then(r => r.outputFiles[0].text);
        bundles.set(name, bundle);
    }
    return bundle;
}

export interface WebviewPageOptions {
    name: WebviewName;
    /** The fake webview origin: the page is `${origin}/index.html`, the script `${origin}/dist/webview/<name>.js`. */
    origin: string;
    /** The page's HTML, from the view's real builder. */
    html: string;
    viewport: { width: number; height: number };
    /** What getState returns (a reload). */
    state?: unknown;
    /** Other paths of the origin (e.g. served files); undefined falls through to 404. */
    serve?: (url: URL, route: Route) => Promise<void> | undefined;
}

/** Opens a webview page in a fresh browser context, as VS Code would, and waits for its `ready`. */
export async function openWebviewPage(browser: Browser, options: WebviewPageOptions): Promise<{ page: Page } & PageProblems> {
    const context = await browser.newContext({ viewport: options.viewport });
    const page = await context.newPage();
    const js = await webviewBundle(options.name);
    await page.route(`${options.origin}/**`, route => {
        const url = new URL(route.request().url());
        if (url.pathname === '/index.html') return route.fulfill({ contentType: 'text/html', body: options.html });
        if (url.pathname === `/dist/webview/${options.name}.js`) return route.fulfill({ contentType: 'text/javascript', body: js });
        return options.serve?.(url, route) ?? route.fulfill({ status: 404, body: 'not found' });
    });
    const problems = await installFakeVsCodeHost(page, options.origin, options.state);
    await page.goto(`${options.origin}/index.html`);
    await page.waitForFunction(() => window.__posted.some((m: { type: string }) => m.type === 'ready'));
    return { page, ...problems };
}

export async function launchChromium(): Promise<Browser> {
    const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    if (!existsSync(executablePath)) {
        throw new Error(`Chromium not found at ${executablePath}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
    }
    return chromium.launch({
        executablePath,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
}

/** Fails with every CSP violation and page error of a page (a GraphPage or a PanelPage). */
export async function assertClean(page: { violations(): Promise<string[]>; errors: string[] }): Promise<void> {
    assert.deepEqual(await page.violations(), [], 'CSP violations');
    assert.deepEqual(page.errors, [], 'page errors');
}

export interface PageProblems {
    /** Uncaught page errors and console errors. */
    errors: string[];
    /** CSP violations reported on the console. */
    consoleCsp: string[];
    /** Requests outside the webview origin (aborted). */
    remote: string[];
}

/**
 * Call before navigating: aborts requests outside `origin` (and data: URIs), records
 * problems, and installs `window.__posted`, `window.__state`, `window.__csp` and
 * `acquireVsCodeApi` (callable once, like VS Code's).
 */
async function installFakeVsCodeHost(page: Page, origin: string, state: unknown): Promise<PageProblems> {
    const problems: PageProblems = { errors: [], consoleCsp: [], remote: [] };
    await page.route(url => !url.href.startsWith(origin) && !url.href.startsWith('data:'), route => {
        problems.remote.push(route.request().url());
        return route.abort();
    });
    page.on('pageerror', e => problems.errors.push(String(e)));
    page.on('console', m => {
        if (m.type() === 'error') problems.errors.push(m.text());
        if (/Content Security Policy/i.test(m.text())) problems.consoleCsp.push(m.text());
    });
    await page.addInitScript((initial: unknown) => {
        const w = window as unknown as { __posted: unknown[]; __state: unknown; __csp: string[]; acquireVsCodeApi: () => unknown };
        w.__posted = [];
        w.__state = initial;
        w.__csp = [];
        let acquired = false;
        w.acquireVsCodeApi = () => {
            if (acquired) throw new Error('acquireVsCodeApi called twice');
            acquired = true;
            return {
                postMessage: (m: unknown) => { w.__posted.push(JSON.parse(JSON.stringify(m))); },
                getState: () => w.__state,
                setState: (s: unknown) => { w.__state = JSON.parse(JSON.stringify(s)); },
            };
        };
        document.addEventListener('securitypolicyviolation', (e: any) => w.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
    }, state);
    return problems;
}
