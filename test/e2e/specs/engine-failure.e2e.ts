/**
 * An engine that cannot start is said, not hidden: with `flowstudio.nodePath` pointing at no
 * executable, "Run Workflow" gives an error notification with the reason and a Show Log button,
 * the status bar says the engine failed (no spinner left behind), and the "Flow Studio Engine"
 * output channel holds the engine's whole stderr.
 */
import assert from 'node:assert/strict';
import { sessionHooks, startSession, workbench as wb, type Session } from '../driver/index.js';

const TINY = `workflow Tiny {
    shapes = SyntheticShapes(count: 4, size: 16)
    images = DatasetImages(dataset: shapes, count: 4)
    SaveImages(images: images, prefix: "tiny/shape")
}
`;

describe('e2e: an engine that fails to start', function () {
    let vs: Session;

    before(async function () {
        vs = await startSession({
            name: 'engine-failure',
            files: { 'tiny.flow': TINY },
            settings: { 'flowstudio.nodePath': '/nonexistent/bin/node' },
        });
        await vs.waitForFlowStudio();
    });

    sessionHooks(() => vs);

    it('shows a notification with the reason and a Show Log button, and the failure in the status bar', async function () {
        await vs.openFile('tiny.flow');
        await wb.runCommand(vs.page, 'Flow Studio: Run Workflow');
        const toast = await wb.waitForNotification(vs.page, /Tiny did not run/, 60_000);
        const message = (await toast.textContent()) ?? '';
        assert.match(message, /\/nonexistent\/bin\/node/, `the notification names what could not start: ${message}`);
        await toast.getByRole('button', { name: 'Show Log' }).waitFor({ timeout: 5_000 });
        const status = vs.page.locator('.statusbar-item', { hasText: 'Tiny: engine failed' }).first();
        await status.waitFor({ timeout: 10_000 });
        assert.equal(await vs.page.locator('.statusbar-item .codicon-sync.codicon-modifier-spin').count(), 0, 'no spinner left in the status bar');
        await vs.screenshot('engine-failed');

        await toast.getByRole('button', { name: 'Show Log' }).click();
        await vs.page.locator('.output-view, .panel .monaco-editor', { hasText: 'FAILED' }).first().waitFor({ timeout: 15_000 });
        await vs.screenshot('engine-log');
    });
});
