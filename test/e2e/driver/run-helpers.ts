/** Helpers the run, outputs and graph-view specs share: a long workflow, saved PNGs, webview frames. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import type { Session } from './session.js';

/** Runs for minutes unless cancelled, in short steps (the engine cancels between batches). */
export const LONG_WORKFLOW = `workflow Long {
    digits = LoadMNIST(limit: 2000)
    norm = Normalize(dataset: digits)
    gen = DCGANGenerator(latentDim: 8, imageSize: 28, channels: 1, filters: 4)
    disc = DCGANDiscriminator(imageSize: 28, channels: 1, filters: 4)
    trained = TrainGAN(generator: gen, discriminator: disc, dataset: norm, epochs: 200, batchSize: 16, previewEvery: 10)
    samples = SampleGAN(generator: trained.generator, count: 4)
    SaveImages(images: samples, prefix: "long/sample")
}
`;

/** Every PNG under a folder (recursively), as absolute paths; none when it does not exist. */
export function pngsUnder(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.png')).map((f) => path.join(dir, f));
}

/** The frame of the webview whose document has `selector` (panels and custom editors nest two iframes). */
export async function webviewFrame(page: Page, selector: string, timeout = 60_000): Promise<Frame> {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
        for (const frame of page.frames()) {
            if (frame === page.mainFrame() || frame.isDetached()) continue;
            if (await frame.$(selector).catch(() => null)) return frame;
        }
        await page.waitForTimeout(250);
    }
    throw new Error(`no webview shows ${selector} within ${timeout} ms`);
}

/**
 * Asserts that no webview logged a Content Security Policy violation, then plants one (a
 * remote image) inside the webview showing `selector` to prove the check sees into webviews.
 */
/**
 * Waits until `selector` is in the webview showing `frameSelector`, finding the frame again
 * when the webview reloads (a panel hidden behind another tab drops its document).
 */
export async function waitInWebview(page: Page, frameSelector: string, selector: string, timeout = 60_000): Promise<Frame> {
    const deadline = Date.now() + timeout;
    for (;;) {
        const frame = await webviewFrame(page, frameSelector, Math.max(1, deadline - Date.now()));
        try {
            await frame.locator(selector).first().waitFor({ state: 'attached', timeout: Math.max(1, Math.min(5_000, deadline - Date.now())) });
            return frame;
        } catch (error) {
            if (Date.now() >= deadline) throw error;
        }
    }
}

export async function assertNoCspViolations(vs: Session, selector: string): Promise<void> {
    const violations = () => vs.browser.pageErrors.filter((e) => /Content Security Policy/i.test(e));
    assert.deepEqual(violations(), []);
    const frame = await webviewFrame(vs.page, selector);
    await frame.evaluate('new Image().src = "https://example.invalid/x.png"');
    const deadline = Date.now() + 5_000;
    while (violations().length === 0 && Date.now() < deadline) await vs.page.waitForTimeout(100);
    assert.equal(violations().length, 1, `the planted violation is reported: ${JSON.stringify(vs.browser.pageErrors)}`);
}
