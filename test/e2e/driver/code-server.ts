/**
 * Starts and stops an isolated code-server (real VS Code 1.100.3 workbench) through
 * test/e2e/start-code-server.sh, on a free loopback port.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { CODE_SERVER_BIN, E2E_HOME, REPO_ROOT, SCRIPTS_DIR } from './paths.js';

export interface CodeServerOptions {
    /** Folder opened as the workspace. */
    workspace: string;
    /** Per-session folder (wiped): HOME, user data, extensions dir, logs. */
    runDir: string;
    /** Further extension folders installed next to Flow Studio (e.g. the bridge). */
    extraExtensions?: string[];
    /** User settings merged over the harness defaults. */
    settings?: Record<string, unknown>;
    /** Extra environment for the server and its extension hosts. */
    env?: Record<string, string>;
}

export interface CodeServer {
    url: string;
    port: number;
    runDir: string;
    userDataDir: string;
    logFile: string;
    stop(): Promise<void>;
}

/**
 * The packaged extension the suite installs (FLOWSTUDIO_E2E_VSIX: a path, or `current` for this
 * platform's `npm run package` output), or undefined to load the repository folder itself.
 */
export function installedVsix(): string | undefined {
    const setting = process.env.FLOWSTUDIO_E2E_VSIX;
    if (!setting) return undefined;
    if (setting === 'current') return path.join(REPO_ROOT, 'dist-vsix', `flowstudio-${process.platform}-${process.arch}.vsix`);
    return path.resolve(setting);
}

export async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address() as net.AddressInfo;
            server.close(() => resolve(port));
        });
    });
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
    if (!fs.existsSync(CODE_SERVER_BIN)) {
        throw new Error(`code-server is not installed at ${CODE_SERVER_BIN}: run \`bash test/e2e/install.sh\``);
    }
    const port = await freePort();
    const script = path.join(SCRIPTS_DIR, 'start-code-server.sh');
    const env = {
        ...process.env,
        ...options.env,
        E2E_HOME,
        EXTRA_EXTENSIONS: (options.extraExtensions ?? []).join(':'),
        EXTENSION_VSIX: installedVsix() ?? '',
        USER_SETTINGS: JSON.stringify(options.settings ?? {}),
    };
    const child = spawn('bash', [script, String(port), options.workspace, options.runDir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk; });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk; });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const url = stdout.trim().split('\n').pop() ?? '';
    if (code !== 0 || !url.startsWith('http://')) {
        throw new Error(`start-code-server.sh failed (exit ${code}):\n${stderr}${stdout}`);
    }
    const pidFile = path.join(options.runDir, 'server.pid');
    return {
        url,
        port,
        runDir: options.runDir,
        userDataDir: path.join(options.runDir, 'user-data'),
        logFile: path.join(options.runDir, 'server.log'),
        stop: () => stopProcessGroup(Number(fs.readFileSync(pidFile, 'utf8'))),
    };
}

/** The server runs in its own process group (setsid): SIGTERM it all, SIGKILL what lingers. */
async function stopProcessGroup(pgid: number): Promise<void> {
    const alive = () => { try { process.kill(-pgid, 0); return true; } catch { return false; } };
    if (!alive()) return;
    process.kill(-pgid, 'SIGTERM');
    for (let i = 0; i < 40 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
    if (alive()) process.kill(-pgid, 'SIGKILL');
}
