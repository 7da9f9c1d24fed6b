/**
 * One real VS Code session for a spec file: a copy of a workspace folder, an isolated
 * code-server with Flow Studio and the test bridge installed, and a headless Chromium on it.
 *
 *   const vs = await startSession({ name: 'editing' });   // in before()
 *   await vs.openFile('digits-gan.flow');
 *   await vs.screenshot('opened');                         // test-output/e2e/editing/01-opened.png
 *   sessionHooks(() => vs);                                // failure captures, close in after()
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { Bridge, sleep, type DiagnosticInfo, type WorkbenchState } from './bridge.js';
import { launchBrowser, type Browser } from './browser.js';
import { startCodeServer, type CodeServer } from './code-server.js';
import { ExtHostLogWatcher } from './exthost-log.js';
import { BRIDGE_EXTENSION_DIR, E2E_HOME, E2E_OUTPUT, REPO_ROOT } from './paths.js';
import * as wb from './workbench.js';

export interface SessionOptions {
    /** Names the run folder and the screenshot folder (test-output/e2e/<name>/). */
    name: string;
    /** Folder copied as the workspace (default: the repository's examples/). */
    workspaceFrom?: string;
    /** Files written into the workspace copy: relative path -> content. */
    files?: Record<string, string>;
    /** User settings merged over the harness defaults (start-code-server.sh). */
    settings?: Record<string, unknown>;
    /** Extra environment for code-server and the extension host (e.g. engine knobs). */
    env?: Record<string, string>;
    viewport?: { width: number; height: number };
}

export class Session {
    private shots = 0;

    private constructor(
        readonly name: string,
        readonly page: Page,
        readonly bridge: Bridge,
        readonly server: CodeServer,
        readonly browser: Browser,
        /** Absolute path of the workspace copy (edit it freely; it is discarded on close). */
        readonly workspace: string,
        readonly exthost: ExtHostLogWatcher,
        private readonly runRoot: string,
        readonly outputDir: string,
    ) {}

    static async start(options: SessionOptions): Promise<Session> {
        const runRoot = path.join(E2E_HOME, 'runs', `${options.name}-${process.pid}`);
        fs.rmSync(runRoot, { recursive: true, force: true });
        const workspace = path.join(runRoot, 'workspace');
        const bridgeDir = path.join(runRoot, 'bridge');
        fs.mkdirSync(bridgeDir, { recursive: true });
        // Outputs and caches of local runs of the examples stay behind: a fresh clone has none.
        fs.cpSync(options.workspaceFrom ?? path.join(REPO_ROOT, 'examples'), workspace, {
            recursive: true, filter: source => !['flow-output', '.flowstudio'].includes(path.basename(source)),
        });
        for (const [file, content] of Object.entries(options.files ?? {})) {
            fs.mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
            fs.writeFileSync(path.join(workspace, file), content);
        }
        const outputDir = path.join(E2E_OUTPUT, options.name);
        fs.rmSync(outputDir, { recursive: true, force: true });
        fs.mkdirSync(outputDir, { recursive: true });

        const server = await startCodeServer({
            workspace,
            runDir: path.join(runRoot, 'server'),
            extraExtensions: [BRIDGE_EXTENSION_DIR],
            settings: options.settings,
            env: { ...options.env, E2E_BRIDGE_DIR: bridgeDir },
        });
        let browser: Browser | undefined;
        try {
            browser = await launchBrowser(options.viewport);
            const exthost = new ExtHostLogWatcher(server.userDataDir);
            const loadedAt = Date.now();
            await browser.page.goto(server.url);
            await wb.waitForWorkbench(browser.page);
            await exthost.ready();
            const bridge = await Bridge.connect(bridgeDir, loadedAt);
            return new Session(options.name, browser.page, bridge, server, browser, workspace, exthost, runRoot, outputDir);
        } catch (error) {
            if (browser) await saveFailure(browser.page, server, outputDir, 'startup');
            await browser?.close();
            await server.stop();
            throw error;
        }
    }

    /** Saves test-output/e2e/<name>/<NN>-<step>.png (numbered in call order) and returns its path. */
    async screenshot(step: string): Promise<string> {
        const file = path.join(this.outputDir, `${String(++this.shots).padStart(2, '0')}-${step}.png`);
        await this.page.screenshot({ path: file });
        return file;
    }

    /** Waits until Flow Studio is active and its language client runs. */
    async waitForFlowStudio(timeout = 60_000): Promise<WorkbenchState> {
        return this.bridge.waitFor((s) => !!s.flowStudio?.active && s.flowStudio.languageClientRunning,
            'Flow Studio to activate and its language server to run', timeout);
    }

    /** file:// URI of a workspace file. */
    uri(relativePath: string): string {
        return 'file://' + path.join(this.workspace, relativePath);
    }

    /** Opens a workspace file through Quick Open and waits for the editor. */
    async openFile(relativePath: string): Promise<void> {
        await wb.openFile(this.page, relativePath);
    }

    /** Waits until the document's diagnostics satisfy `predicate` (exact values from the bridge). */
    async waitForDiagnostics(relativePath: string, predicate: (items: DiagnosticInfo[]) => boolean,
        what: string, timeout = 30_000): Promise<DiagnosticInfo[]> {
        const uri = this.uri(relativePath);
        const state = await this.bridge.waitFor((s) => predicate(s.diagnostics.find((d) => d.uri === uri)?.items ?? []),
            `${what} in ${relativePath}`, timeout);
        return state.diagnostics.find((d) => d.uri === uri)?.items ?? [];
    }

    /**
     * Diagnostics of a document once they have been stable for `quietMs` (the server has
     * answered and nothing is pending), e.g. to assert that a file checks clean.
     */
    async settledDiagnostics(relativePath: string, quietMs = 1500, timeout = 30_000): Promise<DiagnosticInfo[]> {
        const uri = this.uri(relativePath);
        const deadline = Date.now() + timeout;
        let last = '';
        let since = Date.now();
        while (Date.now() < deadline) {
            const items = (await this.bridge.state()).diagnostics.find((d) => d.uri === uri)?.items ?? [];
            const now = JSON.stringify(items);
            if (now !== last) { last = now; since = Date.now(); }
            if (Date.now() - since >= quietMs) return items;
            await sleep(200);
        }
        throw new Error(`diagnostics of ${relativePath} kept changing for ${timeout} ms`);
    }

    /** For mocha's afterEach: on failure, a screenshot plus server and extension host logs. */
    async captureFailure(testTitle: string): Promise<void> {
        await saveFailure(this.page, this.server, this.outputDir, testTitle, this.exthost.files());
    }

    async close(): Promise<void> {
        await this.browser.close();
        await this.server.stop();
        if (!process.env.E2E_KEEP_RUNS) fs.rmSync(this.runRoot, { recursive: true, force: true });
    }
}

export function startSession(options: SessionOptions): Promise<Session> {
    return Session.start(options);
}

/**
 * The mocha hooks every spec file needs around its session (started in the spec's own
 * `before`): a screenshot and the logs after each failed test, and the session closed at the end.
 */
export function sessionHooks(session: () => Session | undefined): void {
    afterEach(async function () {
        const test = this.currentTest;
        if (test?.state === 'failed') await session()?.captureFailure(test.fullTitle());
    });
    after(async function () {
        await session()?.close();
    });
}

async function saveFailure(page: Page, server: CodeServer, outputDir: string, title: string, exthostLogs: string[] = []): Promise<void> {
    const slug = title.replace(/[^\w-]+/g, '-').slice(0, 80);
    await page.screenshot({ path: path.join(outputDir, `FAIL-${slug}.png`) }).catch(() => undefined);
    const logs = path.join(outputDir, 'logs');
    fs.mkdirSync(logs, { recursive: true });
    const copy = (from: string, to: string) => { if (fs.existsSync(from)) fs.copyFileSync(from, path.join(logs, to)); };
    copy(server.logFile, 'server.log');
    // the extension host folder also holds the extensions' output channels (language server log)
    exthostLogs.forEach((file, i) => {
        fs.cpSync(path.dirname(file), path.join(logs, `exthost-${i}`), { recursive: true });
    });
}
