/**
 * User-level actions on the VS Code workbench page: palette, quick open, editor keys, and
 * reading what the user sees (squiggles, Problems, hovers, suggestions, notifications).
 * Selectors are VS Code 1.100's; they are the ones most likely to need care on an upgrade.
 */
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';

export const SELECTORS = {
    workbench: '.monaco-workbench',
    statusBar: '.monaco-workbench .part.statusbar',
    activityBar: '.monaco-workbench .part.activitybar',
    quickInput: '.quick-input-widget',
    quickInputBox: '.quick-input-widget .quick-input-box input',
    quickInputRows: '.quick-input-widget .quick-input-list .monaco-list-row',
    editor: '.editor-instance .monaco-editor',
    editorLines: '.editor-instance .monaco-editor .view-lines',
    squiggles: '.editor-instance .monaco-editor .view-overlays [class*="squiggly-"]',
    errorSquiggle: '.editor-instance .monaco-editor .view-overlays .squiggly-error',
    hover: '.monaco-hover:not(.hidden) .monaco-hover-content',
    problemsRows: '.markers-panel .monaco-list-row',
    suggestRows: '.editor-widget.suggest-widget.visible .monaco-list-row',
    notificationToast: '.notification-toast-container .notification-toast',
    notificationMessages: '.notifications-toasts .notification-toast .notification-list-item-message',
    languageStatus: '.statusbar-item[id="status.editor.mode"]',
    problemsStatus: '[id="status.problems"]',
    terminalRows: '.terminal-wrapper.active .xterm-rows',
    findInput: '.editor-widget.find-widget .find-part .monaco-findInput textarea, .editor-widget.find-widget .find-part .monaco-findInput input',
} as const;

export async function waitForWorkbench(page: Page, timeout = 60_000): Promise<void> {
    await page.waitForSelector(SELECTORS.statusBar, { timeout });
    await page.waitForSelector(SELECTORS.activityBar, { timeout });
}

async function openQuickInput(page: Page, key: string): Promise<Locator> {
    await page.keyboard.press(key);
    const input = page.locator(SELECTORS.quickInputBox);
    await input.waitFor({ state: 'visible' });
    return input;
}

/**
 * Command palette: F1, type the title, click the row whose label is it. Waits for the palette
 * to close unless the command opens a quick pick of its own (`opensQuickPick`).
 */
export async function runCommand(page: Page, title: string, { timeout = 20_000, opensQuickPick = false } = {}): Promise<void> {
    const input = await openQuickInput(page, 'F1');
    await input.fill('>' + title);
    const row = page.locator(SELECTORS.quickInputRows)
        .filter({ has: page.locator('.label-name', { hasText: title }) }).first();
    await row.waitFor({ state: 'visible', timeout });
    await row.click();
    if (opensQuickPick) {
        // the palette's input is replaced by the command's own quick pick
        await page.locator(SELECTORS.quickInputBox).filter({ hasNot: page.locator('[value^=">"]') }).waitFor({ timeout });
        return;
    }
    await page.locator(SELECTORS.quickInput).waitFor({ state: 'hidden' });
}

/** Titles of palette commands matching `query` (e.g. every "Flow Studio:" command). */
export async function listCommands(page: Page, query: string, timeout = 10_000): Promise<string[]> {
    const input = await openQuickInput(page, 'F1');
    await input.fill('>' + query);
    const rows = page.locator(SELECTORS.quickInputRows);
    await rows.first().waitFor({ state: 'visible', timeout }).catch(() => undefined);
    const titles: string[] = [];
    for (let i = 0; i < await rows.count(); i++) titles.push((await rows.nth(i).getAttribute('aria-label')) ?? '');
    await page.keyboard.press('Escape');
    return titles;
}

/** Quick Open (Ctrl+P) a workspace-relative file and wait for its editor. */
export async function openFile(page: Page, relativePath: string, timeout = 20_000): Promise<void> {
    const input = await openQuickInput(page, 'Control+P');
    await input.fill(relativePath);
    const base = path.basename(relativePath);
    const row = page.locator(`${SELECTORS.quickInputRows}[aria-label*="${base}"]`).first();
    await row.waitFor({ state: 'visible', timeout });
    // click the matching row: Enter would open the first one, which fuzzy matching may rank
    // above it (e.g. flow-output/Tiny/... for "tiny.flow")
    await row.click();
    await page.locator(`.tabs-container .tab.active[data-resource-name="${base}"]`).waitFor({ timeout });
    await page.locator(SELECTORS.editorLines).first().waitFor({ timeout });
}

/** Focuses the active editor's text. */
export async function focusEditor(page: Page): Promise<void> {
    await page.locator(SELECTORS.editorLines).first().click();
}

/** Moves the cursor with Go to Line (1-based line and column, as the status bar shows them). */
export async function goTo(page: Page, line: number, column = 1): Promise<void> {
    const input = await openQuickInput(page, 'Control+G');
    await input.fill(`:${line}:${column}`);
    await page.keyboard.press('Enter');
    await page.locator(SELECTORS.quickInput).waitFor({ state: 'hidden' });
}

/** Selects the first occurrence of `text` after the cursor, the way a user would: Find, then Escape. */
export async function selectText(page: Page, text: string): Promise<void> {
    await focusEditor(page);
    await page.keyboard.press('Control+F');
    const find = page.locator(SELECTORS.findInput).first();
    await find.waitFor({ state: 'visible' });
    await find.fill(text);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.locator('.editor-widget.find-widget.visible').waitFor({ state: 'hidden' }).catch(() => undefined);
}

/** Squiggle decorations currently rendered in the active editor. */
export async function readSquiggles(page: Page): Promise<{ severity: string; top: string; left: string; width: string }[]> {
    // (runs in the page; the root tsconfig has no DOM lib, hence the structural type)
    type Styled = { style: { top: string; left: string; width: string }; parentElement: Styled | null; classList: Iterable<string> };
    return page.$$eval(SELECTORS.squiggles, (els) => (els as unknown as Styled[]).map((e) => ({
        severity: [...e.classList].find((c) => c.startsWith('squiggly-'))?.replace('squiggly-', '') ?? '',
        top: e.parentElement?.style.top || e.style.top,
        left: e.style.left,
        width: e.style.width,
    })));
}

/** Hovers the centre of `target` (squiggles sit under the text layer, so by coordinates). */
export async function hoverText(page: Page, target: Locator, timeout = 10_000): Promise<string> {
    const box = await target.boundingBox();
    if (!box) throw new Error('hover target is not visible');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = page.locator(SELECTORS.hover).first();
    await hover.waitFor({ state: 'visible', timeout });
    return (await hover.innerText()).trim();
}

export interface ProblemRow { ariaLabel: string; text: string }

/** Opens the Problems panel and returns its rows (file rows and marker rows). */
export async function readProblems(page: Page, { minMarkers = 1, timeout = 20_000 } = {}): Promise<ProblemRow[]> {
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
    const rows = page.locator(SELECTORS.problemsRows);
    const deadline = Date.now() + timeout;
    // the first row is the file; markers follow (the list is virtualized: prefer the bridge for many)
    while ((await rows.count()) < minMarkers + 1 && Date.now() < deadline) await page.waitForTimeout(200);
    const result: ProblemRow[] = [];
    for (let i = 0; i < await rows.count(); i++) {
        result.push({
            ariaLabel: (await rows.nth(i).getAttribute('aria-label')) ?? '',
            text: (await rows.nth(i).innerText()).replace(/\s+/g, ' ').trim(),
        });
    }
    return result;
}

/** Triggers suggestions at the cursor (Ctrl+Space) and returns the visible rows' labels. */
export async function readCompletions(page: Page, timeout = 15_000): Promise<string[]> {
    await page.keyboard.press('Control+Space');
    const rows = page.locator(SELECTORS.suggestRows);
    await rows.first().waitFor({ state: 'visible', timeout });
    // wait until the list stops changing ("Loading..." -> items)
    let previous = -1;
    let count = await rows.count();
    while (count !== previous) {
        previous = count;
        await page.waitForTimeout(300);
        count = await rows.count();
    }
    const labels: string[] = [];
    for (let i = 0; i < count; i++) labels.push((await rows.nth(i).getAttribute('aria-label')) ?? '');
    return labels;
}

/** Waits for a notification toast containing `text` and for its slide-in to finish. */
export async function waitForNotification(page: Page, text: string | RegExp, timeout = 15_000): Promise<Locator> {
    const toast = page.locator(SELECTORS.notificationToast, { hasText: text });
    await toast.first().waitFor({ state: 'visible', timeout });
    await page.locator('.notification-toast.notification-fade-in-done', { hasText: text }).first()
        .waitFor({ timeout: 5_000 }).catch(() => undefined);
    return toast.first();
}

export async function notifications(page: Page): Promise<string[]> {
    return page.$$eval(SELECTORS.notificationMessages, (els) => els.map((e) => (e.textContent ?? '').trim()));
}

/** Dismisses every notification toast (keeps screenshots clean). */
export async function clearNotifications(page: Page): Promise<void> {
    await runCommand(page, 'Notifications: Clear All Notifications');
}

export async function statusBarText(page: Page, selector: string): Promise<string> {
    return (await page.locator(selector).first().innerText()).trim();
}

/**
 * Distinct token colour classes (mtkN) on the visible editor lines, per token text: proof
 * that the TextMate grammar (and semantic tokens) colour the file.
 */
export async function tokenClasses(page: Page): Promise<Record<string, string>> {
    return page.$$eval(`${SELECTORS.editorLines} .view-line span span`, (spans) => {
        const out: Record<string, string> = {};
        for (const s of spans) {
            const text = (s.textContent ?? '').trim();
            const cls = [...s.classList].filter((c) => /^mtk\d+$/.test(c)).join(' ');
            if (text && !(text in out)) out[text] = cls;
        }
        return out;
    });
}

/**
 * Polls `tokenClasses` until each of `tokens` is rendered as its own span with a colour class
 * different from the others' (tokenization runs after the first paint), or the timeout passes;
 * returns the last classes seen either way, for the spec to assert on.
 */
export async function waitForTokenClasses(page: Page, tokens: string[], timeout = 15_000): Promise<Record<string, string>> {
    const deadline = Date.now() + timeout;
    for (;;) {
        const classes = await tokenClasses(page);
        const seen = tokens.map((t) => classes[t]);
        if (seen.every(Boolean) && new Set(seen).size === tokens.length) return classes;
        if (Date.now() > deadline) return classes;
        await page.waitForTimeout(250);
    }
}

/**
 * Text of the active terminal's visible rows (xterm's DOM renderer: the harness turns GPU
 * acceleration off). Trailing blanks trimmed; only what is in the viewport; long lines are
 * wrapped into several rows (join them with `.replace(/\n/g, '')` to match across).
 */
export async function readTerminal(page: Page): Promise<string> {
    const rows = page.locator(SELECTORS.terminalRows).first();
    await rows.waitFor({ state: 'attached' });
    return (await rows.innerText()).split('\n').map((l) => l.replace(/\s+$/, '')).join('\n').trim();
}

/** Polls the active terminal until its text matches `pattern`; returns the text. */
export async function waitForTerminalText(page: Page, pattern: RegExp, timeout = 30_000): Promise<string> {
    const deadline = Date.now() + timeout;
    let text = '';
    while (Date.now() < deadline) {
        text = await readTerminal(page).catch(() => '');
        // long lines wrap at the terminal width: also try the rows joined
        if (pattern.test(text) || pattern.test(text.replace(/\n/g, ''))) return text;
        await page.waitForTimeout(250);
    }
    throw new Error(`terminal text did not match ${pattern} within ${timeout} ms; last:\n${text}`);
}
