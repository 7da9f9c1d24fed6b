/**
 * The installed extension's start-up in real VS Code (code-server, the packaged VSIX installed
 * with --install-extension, as users get it): how long `activate` takes, the language server's
 * start within it, and the time from opening a `.flow` file with an error to its first
 * diagnostic. Needs `bash test/e2e/install.sh` and `npm run package`; otherwise says so and skips.
 */
import { existsSync } from 'node:fs';
import { installedVsix } from '../test/e2e/driver/code-server.js';
import { startSession, sleep } from '../test/e2e/driver/index.js';
import { CODE_SERVER_BIN } from '../test/e2e/driver/paths.js';

const BROKEN = `workflow Broken {
    digits = LoadMNIST(limit: 64)
    grid = ImageGrid(images: digits)
}
`;

export async function main(): Promise<string[]> {
    process.env.FLOWSTUDIO_E2E_VSIX ??= 'current';
    const vsix = installedVsix();
    if (!existsSync(CODE_SERVER_BIN)) return ['vscode-startup skipped: code-server is not installed (bash test/e2e/install.sh)'];
    if (!vsix || !existsSync(vsix)) return [`vscode-startup skipped: no VSIX at ${vsix} (npm run package)`];
    const vs = await startSession({ name: 'bench-startup', files: { 'broken.flow': BROKEN } });
    try {
        const state = await vs.waitForFlowStudio(120_000);
        const startup = state.flowStudio?.startup;
        const opened = performance.now();
        await vs.bridge.executeCommand('vscode.open', { $uri: vs.uri('broken.flow') });
        let firstDiagnosticMs = NaN;
        for (const deadline = opened + 30_000; performance.now() < deadline; await sleep(10)) {
            if ((await vs.bridge.diagnostics('broken.flow')).some(d => d.code === 'type-mismatch')) {
                firstDiagnosticMs = performance.now() - opened;
                break;
            }
        }
        return [
            `vscode-activate ${startup?.activateMs.toFixed(0) ?? '?'} ms (language server start ${startup?.serverStartMs?.toFixed(0) ?? '?'} ms of it; installed VSIX in code-server)`,
            `vscode-open-to-first-diagnostic ${firstDiagnosticMs.toFixed(0)} ms`,
        ];
    } finally {
        await vs.close();
    }
}
