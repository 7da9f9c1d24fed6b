/** Headless Debian Chromium through playwright-core, with every non-loopback request blocked. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM } from './paths.js';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-dev-shm-usage'];

export interface Browser {
    context: BrowserContext;
    page: Page;
    /** Non-loopback URLs the page tried to load (all were aborted). */
    blocked: string[];
    /** Console errors and HTTP >= 400 responses of the workbench page. */
    pageErrors: string[];
    close(): Promise<void>;
}

export async function launchBrowser(viewport = { width: 1400, height: 900 }): Promise<Browser> {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run \`bash test/e2e/install.sh\` (apt chromium)`);
    // A fresh profile per session: nothing leaks between tests.
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'flowstudio-e2e-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport,
    });
    const blocked: string[] = [];
    await context.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (['127.0.0.1', 'localhost'].includes(url.hostname) || url.protocol === 'data:' || url.protocol === 'blob:') {
            return route.continue();
        }
        blocked.push(url.href);
        return route.abort();
    });
    const page = context.pages()[0] ?? await context.newPage();
    const pageErrors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });
    page.on('response', (r) => { if (r.status() >= 400) pageErrors.push(`HTTP ${r.status()} ${r.url()}`); });
    return {
        context, page, blocked, pageErrors,
        close: async () => {
            await context.close().catch(() => undefined);
            fs.rmSync(profile, { recursive: true, force: true });
        },
    };
}
