/**
 * Reads the remote extension host log (<user-data>/logs/<ts>/exthost<N>/remoteexthost.log):
 * the only reliable signal that extensions were activated. Each window load creates a new
 * exthost<N> folder and old ones stay, so a watcher only considers logs created after it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sleep } from './bridge.js';

export function extHostLogs(userDataDir: string): string[] {
    const logs = path.join(userDataDir, 'logs');
    if (!fs.existsSync(logs)) return [];
    const files: string[] = [];
    for (const ts of fs.readdirSync(logs)) {
        for (const dir of fs.readdirSync(path.join(logs, ts))) {
            const file = path.join(logs, ts, dir, 'remoteexthost.log');
            if (/^exthost\d+$/.test(dir) && fs.existsSync(file)) files.push(file);
        }
    }
    return files;
}

export class ExtHostLogWatcher {
    private readonly before: Set<string>;

    constructor(private readonly userDataDir: string) {
        this.before = new Set(extHostLogs(userDataDir));
    }

    /** New extension host logs (normally one). */
    files(): string[] {
        return extHostLogs(this.userDataDir).filter((f) => !this.before.has(f));
    }

    async waitFor(pattern: RegExp, timeout = 60_000): Promise<string> {
        const deadline = Date.now() + timeout;
        while (Date.now() < deadline) {
            for (const file of this.files()) {
                const match = fs.readFileSync(file, 'utf8').match(pattern);
                if (match) return match[0];
            }
            await sleep(250);
        }
        throw new Error(`timeout waiting for ${pattern} in the extension host log under ${this.userDataDir}/logs`);
    }

    /** All startup ('*' / onStartupFinished) extensions are activated. */
    ready(timeout?: number): Promise<string> {
        return this.waitFor(/Eager extensions activated/, timeout);
    }

    activated(extensionId: string, timeout?: number): Promise<string> {
        return this.waitFor(new RegExp(`_doActivateExtension ${extensionId.replace(/\./g, '\\.')},.*`, 'i'), timeout);
    }
}
