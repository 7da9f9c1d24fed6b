/**
 * The real ComfyUI server the integration suite runs against (`../shared/comfyui/start.sh`,
 * ComfyUI v0.3.64 on CPU, API only): started once on a free localhost port, stopped by its PID at
 * the end. When the snapshot or Python 3.11 is missing, `unavailable` says why and the suites skip.
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface ComfyServer {
    url: string;
    pid: number;
    /** The install folder (its `server.log`). */
    home: string;
}

/** `shared/comfyui` beside the repository (or beside a parent folder: worktrees), or FLOWSTUDIO_COMFYUI_SHARED. */
export function findShared(): string | undefined {
    if (process.env.FLOWSTUDIO_COMFYUI_SHARED) return process.env.FLOWSTUDIO_COMFYUI_SHARED;
    for (let dir = path.dirname(REPO); ; dir = path.dirname(dir)) {
        const candidate = path.join(dir, 'shared', 'comfyui');
        if (fs.existsSync(path.join(candidate, 'start.sh'))) return candidate;
        if (path.dirname(dir) === dir) return undefined;
    }
}

export function comfyHome(): string {
    return process.env.FLOWSTUDIO_COMFYUI_HOME ?? path.join(process.env.HOME ?? '/root', '.cache', 'flowstudio-comfyui');
}

/** Why the suite cannot run here, or undefined when it can. */
export function unavailable(): string | undefined {
    const shared = findShared();
    if (!shared) return `no ../shared/comfyui/start.sh beside ${REPO} (set FLOWSTUDIO_COMFYUI_SHARED to its folder)`;
    const installed = fs.existsSync(path.join(comfyHome(), 'venv', 'bin', 'python'));
    if (!installed) {
        try {
            execFileSync('python3.11', ['--version'], { stdio: 'ignore' });
        } catch {
            return 'Python 3.11 (python3.11) is not installed, and ComfyUI needs it';
        }
    }
    return undefined;
}

export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address() as net.AddressInfo;
            server.close(() => resolve(port));
        });
    });
}

/** Starts ComfyUI on a free port (installing it first on a fresh machine: minutes). */
export async function startComfy(port?: number): Promise<ComfyServer> {
    const shared = findShared()!;
    const chosen = port ?? await freePort();
    const home = comfyHome();
    const out = await new Promise<string>((resolve, reject) => {
        const child = spawn('bash', [path.join(shared, 'start.sh'), String(chosen), home], { stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', d => { stdout += d; });
        child.stderr.on('data', d => { stderr += d; });
        child.on('close', code => (code === 0 ? resolve(stdout) : reject(new Error(`start.sh exited ${code}: ${stderr.trim().split('\n').slice(-5).join('\n')}`))));
    });
    const url = out.trim().split('\n').pop()!;
    // server.pid is shared by every start in this install folder: find ours by its port.
    const pid = pidOnPort(chosen);
    if (!pid) throw new Error(`ComfyUI answered at ${url} but no process with --port ${chosen} was found`);
    return { url, pid, home };
}

/** The ComfyUI process started with `--port PORT` (from /proc; Linux). */
export function pidOnPort(port: number): number | undefined {
    for (const entry of fs.readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        let args: string[];
        try {
            args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
        } catch {
            continue;
        }
        const i = args.indexOf('--port');
        if (i > 0 && args[i + 1] === String(port) && args.some(a => a.endsWith('main.py'))) return Number(entry);
    }
    return undefined;
}

/** Stops the server by its PID: SIGTERM, then SIGKILL after 5 s. */
export async function stopComfy(server: ComfyServer): Promise<void> {
    const alive = (): boolean => { try { process.kill(server.pid, 0); return true; } catch { return false; } };
    if (!alive()) return;
    process.kill(server.pid, 'SIGTERM');
    for (let i = 0; i < 50 && alive(); i++) await new Promise(r => setTimeout(r, 100));
    if (alive()) process.kill(server.pid, 'SIGKILL');
}
