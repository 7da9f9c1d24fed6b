/**
 * What every webview browser test needs around its page: Debian's Chromium, a fake
 * `acquireVsCodeApi` that records posted messages and keeps state as VS Code does (JSON
 * copies), and a record of page errors, CSP violations and requests that leave the webview.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

// Page functions run in the browser; this Node project has no DOM types.
declare const window: any, document: any;

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
export async function installFakeVsCodeHost(page: Page, origin: string, state: unknown): Promise<PageProblems> {
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
